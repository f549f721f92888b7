import type { ReactNode } from 'react';

/**
 * Boxes for prose. Usage in MDX:
 *   <Callout kind="warning" title="Careful">text</Callout>
 *   <KeyIdea>one sentence to remember</KeyIdea>
 *   <Recap>- point one\n- point two</Recap>
 */
export function Callout({ kind = 'note', title, children }: { kind?: 'note' | 'warning' | 'tip'; title?: string; children: ReactNode }) {
  return (
    <aside className={`callout callout--${kind}`} aria-label={title ?? kind}>
      {title ? <p className="callout__title">{title}</p> : null}
      {children}
    </aside>
  );
}

export function KeyIdea({ children }: { children: ReactNode }) {
  return (
    <aside className="callout callout--key" aria-label="Key idea">
      <p className="callout__title">Key idea</p>
      {children}
    </aside>
  );
}

export function Recap({ children }: { children: ReactNode }) {
  return (
    <section className="recap" aria-labelledby="recap-title">
      <h2 id="recap-title">What to remember</h2>
      {children}
    </section>
  );
}
