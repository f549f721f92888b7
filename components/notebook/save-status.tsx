'use client';
import { formatBytes } from '@/lib/notebook/storage-size';
import type { Notebook } from '@/lib/notebook/notebook';
import { downloadNotebook } from './notebook-files';
import type { SaveState, StorageUse } from './use-notebook-store';

/**
 * Where saving stands and how much room the notebooks take. When a save fails the edit is still in
 * this tab: the message says so and offers the export right there, and Try again.
 */
export function SaveStatus({ state, use, active, onRetry }: { state: SaveState; use: StorageUse | null; active: Notebook; onRetry: () => void }) {
  const size = use ? `Notebooks: ${formatBytes(use.notebooksBytes)}` : '';
  const quota = use?.usage != null && use.quota != null ? ` · this site uses ${formatBytes(use.usage)} of the ${formatBytes(use.quota)} the browser allows` : '';
  const failed = state.kind === 'failed' || state.kind === 'unavailable';
  return (
    <div className={`playground__save${failed ? ' playground__save--failed' : ''}`} data-testid="save-status" data-save-state={state.kind}>
      {failed ? (
        <p role="alert" className="playground__message playground__message--error" data-testid="save-failed">
          {state.kind === 'failed'
            ? `Not saved: ${state.notebookName} could not be stored (${state.reason}). Your edits are kept in this tab until you close it; export the notebook to keep them, or free some space and try again.`
            : `Not saved: ${state.reason}. Your edits are kept in this tab until you close it; export the notebook to keep them.`}{' '}
          <button type="button" className="button button--small" onClick={() => void downloadNotebook(active, 'ipynb')}>Export .ipynb now</button>{' '}
          {state.kind === 'failed' ? <button type="button" className="button button--small button--quiet" onClick={onRetry}>Try again</button> : null}
        </p>
      ) : null}
      <p className="playground__quota" data-testid="storage-use">
        {state.kind === 'saved' ? 'All changes saved in this browser. ' : state.kind === 'pending' ? 'Saving… ' : state.kind === 'blocked' ? 'Saving waits until you dismiss the messages above. ' : ''}
        {size}{quota}
      </p>
    </div>
  );
}
