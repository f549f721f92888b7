'use client';
import { PlaygroundNotebook } from './playground-notebook';
import { PlaygroundSidebar } from './playground-sidebar';
import { SaveStatus } from './save-status';
import { useNotebookStore } from './use-notebook-store';
import './notebook.css';

/** /playground: a free notebook, saved in this browser, shareable by link, importable and exportable. */
export function Playground() {
  const { store, active, notices, notify, dismissNotices, update, add, open, remove, saveState, storageUse, retrySave } = useNotebookStore();
  if (!store || !active) return <p className="playground__loading">Opening your notebooks…</p>;
  return (
    <div className="playground" data-testid="playground">
      <PlaygroundSidebar store={store} onOpen={open} onAdd={add} notify={notify} />
      <div>
        <div aria-live="polite" data-testid="playground-notices">
          {notices.map((n, i) => (
            <p key={i} className={`playground__message playground__message--${n.tone}`} role={n.tone === 'error' ? 'alert' : undefined}>
              {n.text}
            </p>
          ))}
          {notices.length ? <button type="button" className="button button--small button--quiet" onClick={dismissNotices}>Dismiss messages</button> : null}
        </div>
        <SaveStatus state={saveState} use={storageUse} active={active} onRetry={retrySave} />
        <PlaygroundNotebook
          notebook={active}
          update={update}
          notify={notify}
          onDelete={() => { if (window.confirm(`Delete the notebook “${active.name}”? This cannot be undone.`)) remove(active.id); }}
        />
      </div>
    </div>
  );
}
