'use client';
import { useEffect, useState } from 'react';

export interface TocEntry {
  id: string;
  text: string;
  depth: number;
}

/** Wider than this, the contents sit beside the lesson; narrower, they fold above it. */
const SIDE_BY_SIDE = '(min-width: 901px)';

/**
 * "On this page": beside the lesson on wide screens, a closed disclosure above it on small ones
 * (so it never covers the text). Rendered closed on the server; opened after hydration where there
 * is room.
 */
export function LessonToc({ entries }: { entries: readonly TocEntry[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(SIDE_BY_SIDE);
    setOpen(query.matches);
    const onChange = (e: MediaQueryListEvent) => setOpen(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return (
    <nav className="toc" aria-labelledby="toc-title" data-testid="toc">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="toc-title">On this page</h2>
        </summary>
        <ol>
          {entries.map((entry) => (
            <li key={entry.id} className={`toc__item toc__item--${entry.depth}`}>
              <a href={`#${entry.id}`} onClick={() => { if (!window.matchMedia(SIDE_BY_SIDE).matches) setOpen(false); }}>{entry.text}</a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
