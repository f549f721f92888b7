'use client';
import { useRef } from 'react';
import { createNotebook, type Notebook } from '@/lib/notebook/notebook';
import type { NotebookStore } from '@/lib/notebook/store';
import { importNotebookFile } from './notebook-files';
import { TEMPLATES } from './playground-templates';
import type { Notice } from './use-notebook-store';

export interface PlaygroundSidebarProps {
  store: NotebookStore;
  onOpen: (id: string) => void;
  onAdd: (make: (id: string, now: string) => Notebook) => void;
  notify: (notice: Notice) => void;
}

/** The reader's notebooks, new ones (blank or from a template), and import from a file. */
export function PlaygroundSidebar({ store, onOpen, onAdd, notify }: PlaygroundSidebarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      // The id is picked inside onAdd (free in the store); import once to validate, then add.
      const probe = await importNotebookFile(file, 'import-check', new Date().toISOString());
      onAdd((id, now) => ({ ...probe.notebook, id, updatedAt: now }));
      notify({ tone: 'info', text: `Imported “${probe.notebook.name}” from ${file.name}.${probe.warnings.length ? ` ${probe.warnings.join(' ')}` : ''}` });
    } catch (e) {
      notify({ tone: 'error', text: `${(e as Error).message} Nothing was changed.` });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  return (
    <aside className="playground__sidebar" aria-label="Notebooks">
      <h2 id="nb-list-title">Your notebooks</h2>
      <ul className="playground__list" aria-labelledby="nb-list-title" data-testid="notebook-list">
        {store.notebooks.map((n) => (
          <li key={n.id}>
            <button type="button" aria-current={n.id === store.activeId ? 'true' : undefined} onClick={() => onOpen(n.id)}>
              {n.name}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        onClick={() => onAdd((id, now) => createNotebook({ id, name: 'Untitled notebook', now, cells: [{ kind: 'code', source: '' }] }))}
      >
        New notebook
      </button>
      <h2 id="nb-templates-title">Start from a template</h2>
      <ul className="playground__list" aria-labelledby="nb-templates-title">
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button type="button" title={t.description} onClick={() => onAdd((id, now) => createNotebook({ id, name: t.name, now, cells: t.cells }))}>
              {t.name}
            </button>
          </li>
        ))}
      </ul>
      <h2>Import</h2>
      <label className="playground__import">
        Open an .ipynb or .ts file{' '}
        <input ref={fileInput} type="file" accept=".ipynb,.ts" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="import-file" />
      </label>
    </aside>
  );
}
