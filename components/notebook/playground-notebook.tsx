'use client';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  addCell, deleteCell, moveCell, nameProblem, renameNotebook, updateCellSource, type Notebook,
} from '@/lib/notebook/notebook';
import type { CellSession } from './cell-session';
import { CodeCell } from './code-cell';
import { cellSession } from './cell-session';
import { MarkdownCell } from './markdown-cell';
import { downloadNotebook } from './notebook-files';
import type { Notice } from './use-notebook-store';

export interface PlaygroundNotebookProps {
  notebook: Notebook;
  update: (change: (notebook: Notebook) => Notebook) => void;
  onDelete: () => void;
  notify: (notice: Notice) => void;
}

/** The open notebook: its name, toolbar (run, share, export, delete) and cells. */
export function PlaygroundNotebook({ notebook, update, onDelete, notify }: PlaygroundNotebookProps) {
  const session = useMemo(() => cellSession(`playground:${notebook.id}`), [notebook.id]);
  const [name, setName] = useState(notebook.name);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  useEffect(() => { setName(notebook.name); }, [notebook.id, notebook.name]);
  // A link holds the notebook as it was: any change makes it stale, so it is taken away.
  useEffect(() => { setShareUrl(null); }, [notebook]);

  const commitName = () => {
    const problem = nameProblem(name);
    if (problem) {
      notify({ tone: 'error', text: `The name ${problem}.` });
      setName(notebook.name);
    } else update((n) => renameNotebook(n, name));
  };

  const share = async () => {
    // The link codec (and its compressor) loads on first use.
    const { checkShareSize, SHARE_HASH_KEY } = await import('@/lib/notebook/share-url');
    const check = checkShareSize(notebook);
    if (!check.ok) {
      setShareUrl(null);
      notify({ tone: 'error', text: check.reason });
      return;
    }
    const url = `${window.location.origin}/playground#${SHARE_HASH_KEY}=${check.encoded}`;
    setShareUrl(url);
    void navigator.clipboard?.writeText(url).catch(() => { /* the field below still holds it */ });
  };

  const count = notebook.cells.length;
  return (
    <section className="playground__notebook" aria-label={`Notebook ${notebook.name}`}>
      <div className="playground__toolbar">
        <label className="visually-hidden" htmlFor="nb-name">Notebook name</label>
        <input
          id="nb-name"
          className="playground__name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => { if (e.key === 'Enter') commitName(); }}
        />
      </div>
      <div className="playground__toolbar" role="toolbar" aria-label="Notebook actions">
        <button type="button" className="button button--small" onClick={() => void session.runAll()}>Run all</button>
        <button type="button" className="button button--small button--quiet" onClick={() => session.stop()}>Stop</button>
        <button type="button" className="button button--small button--quiet" onClick={() => void share()}>Share link</button>
        <button type="button" className="button button--small button--quiet" onClick={() => void downloadNotebook(notebook, 'ipynb')}>Export .ipynb</button>
        <button type="button" className="button button--small button--quiet" onClick={() => void downloadNotebook(notebook, 'ts')}>Export .ts</button>
        <button type="button" className="button button--small button--quiet" onClick={onDelete}>Delete notebook</button>
      </div>
      {shareUrl ? (
        <div className="playground__share">
          <label htmlFor="nb-share">Link to this notebook (copied if your browser allowed it); whoever opens it sees the code, which runs only when they press Run:</label>
          <input id="nb-share" readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
        </div>
      ) : null}
      {notebook.cells.map((cell, index) => (
        <NotebookCellRow key={`${notebook.id}:${cell.id}`} cell={cell} index={index} count={count} session={session} update={update} />
      ))}
      <div className="nb-add">
        <button type="button" className="button button--small button--quiet" onClick={() => update((n) => addCell(n, { kind: 'code' }))}>Add code cell</button>
        <button type="button" className="button button--small button--quiet" onClick={() => update((n) => addCell(n, { kind: 'markdown' }))}>Add markdown cell</button>
      </div>
    </section>
  );
}

interface CellRowProps {
  cell: Notebook['cells'][number];
  index: number;
  count: number;
  session: CellSession;
  update: (change: (notebook: Notebook) => Notebook) => void;
}

/**
 * One cell with its move and delete buttons. Memoised: typing in one cell re-renders that cell
 * only (a cell object changes only when its own text does), so a multi-megabyte notebook stays
 * quick to type in.
 */
const NotebookCellRow = memo(function NotebookCellRow({ cell, index, count, session, update }: CellRowProps) {
  const label = `${cell.kind === 'code' ? 'Code' : 'Markdown'} cell ${index + 1}`;
  const onSourceChange = useCallback((source: string) => update((n) => updateCellSource(n, cell.id, source)), [update, cell.id]);
  const actions = (
    <>
      <button type="button" className="button button--small button--quiet" aria-label={`Move ${label.toLowerCase()} up`} disabled={index === 0} onClick={() => update((n) => moveCell(n, cell.id, 'up'))}>↑</button>
      <button type="button" className="button button--small button--quiet" aria-label={`Move ${label.toLowerCase()} down`} disabled={index === count - 1} onClick={() => update((n) => moveCell(n, cell.id, 'down'))}>↓</button>
      <button type="button" className="button button--small button--quiet" aria-label={`Delete ${label.toLowerCase()}`} onClick={() => update((n) => deleteCell(n, cell.id))}>Delete</button>
    </>
  );
  return cell.kind === 'code' ? (
    <CodeCell session={session} cellId={cell.id} label={label} source={cell.source} onSourceChange={onSourceChange} actions={actions} />
  ) : (
    <MarkdownCell cellId={cell.id} label={label} source={cell.source} onSourceChange={onSourceChange} actions={actions} />
  );
});
