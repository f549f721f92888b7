'use client';
import { useEffect, useState, type ReactNode } from 'react';

export interface MarkdownCellProps {
  cellId: string;
  label: string;
  source: string;
  onSourceChange: (source: string) => void;
  actions?: ReactNode;
}

let renderer: Promise<typeof import('@/lib/notebook/markdown')> | null = null;

/**
 * A markdown cell: rendered (with KaTeX math) until the reader presses Edit. The renderer and
 * KaTeX load on demand. Its HTML comes from lib/notebook/markdown.ts, which escapes the text.
 */
export function MarkdownCell({ cellId, label, source, onSourceChange, actions }: MarkdownCellProps) {
  const [editing, setEditing] = useState(source.trim() === '');
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (editing) return;
    let cancelled = false;
    renderer ??= import('@/lib/notebook/markdown');
    void renderer.then(({ renderMarkdown }) => { if (!cancelled) setHtml(renderMarkdown(source)); });
    return () => { cancelled = true; };
  }, [source, editing]);
  return (
    <div className="nb-md" role="group" aria-label={label} data-testid="markdown-cell" data-cell-id={cellId}>
      <div className="nb-cell__toolbar">
        <button type="button" className="button button--small button--quiet" onClick={() => setEditing(!editing)} aria-pressed={editing}>
          {editing ? 'Done editing' : 'Edit'}
        </button>
        {actions}
      </div>
      {editing ? (
        <textarea
          aria-label={`Markdown of ${label.toLowerCase()}`}
          value={source}
          rows={Math.min(20, Math.max(3, source.split('\n').length + 1))}
          onChange={(e) => onSourceChange(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); setEditing(false); } }}
        />
      ) : (
        // Safe: renderMarkdown escapes all of the reader's text (see lib/notebook/markdown.ts).
        <div className="nb-md__rendered prose" dangerouslySetInnerHTML={{ __html: html ?? '' }} />
      )}
    </div>
  );
}
