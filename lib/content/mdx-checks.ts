import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';

interface MdxJsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  position?: { start: { line: number } };
}

/**
 * A remark plugin that fails the build when a lesson uses a component that is not in the
 * registry, or imports/exports code (lessons use registry names only; ARCHITECTURE.md rule 7).
 * Lower-case names are plain HTML elements and are allowed.
 */
export function remarkRegistryOnly(options: { file: string; allowed: readonly string[] }) {
  const allowed = new Set(options.allowed);
  return () => (tree: Root) => {
    visit(tree, (node) => {
      const type = (node as { type: string }).type;
      const line = node.position?.start.line ?? '?';
      // ESM nodes without a position are added by mdx-bundler itself (the frontmatter export).
      if (type === 'mdxjsEsm' && node.position) {
        throw new Error(`${options.file}:${line}: lessons may not import or export code; use a registered component instead`);
      }
      if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
        const name = (node as unknown as MdxJsxNode).name;
        if (name && /^[A-Z]/.test(name) && !allowed.has(name.split('.')[0])) {
          throw new Error(
            `${options.file}:${line}: unknown component <${name}>; lessons may use only registered components: ${[...allowed].join(', ')}`,
          );
        }
      }
    });
  };
}
