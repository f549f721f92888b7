/**
 * The only component names a lesson may use. The build rejects any other capitalised tag, and
 * components/mdx/registry.tsx must provide exactly these (checked by the type system). Kept in a file without
 * React so the MDX build step on the server can read it.
 */
export const REGISTERED_COMPONENTS = ['Callout', 'KeyIdea', 'Recap', 'YourMachine'] as const;

export type RegisteredComponent = (typeof REGISTERED_COMPONENTS)[number];
