'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createNotebook, nextFreeId, type Notebook } from '@/lib/notebook/notebook';
import { readStore, removeNotebook, serializeStore, upsertNotebook, type NotebookStore } from '@/lib/notebook/store';
import { TEMPLATES } from './playground-templates';

export const NOTEBOOKS_STORAGE_KEY = 'marble.notebooks.v1';

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

const now = () => new Date().toISOString();

function readSaved(): string | null {
  try {
    return window.localStorage.getItem(NOTEBOOKS_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** A notebook id not used in the store (ids are deterministic: nb-1, nb-2, …). */
export function freeNotebookId(store: NotebookStore): string {
  return nextFreeId(store.notebooks.map((n) => n.id), 'nb');
}

/**
 * The reader's saved notebooks (localStorage), the open one, and a shared link in the address
 * opened as a new notebook (never run). Bad input loses nothing: a damaged link or damaged saved
 * entries give a notice, and saving waits until the reader has dismissed a notice about damaged
 * saved data, so nothing is overwritten unseen.
 */
export function useNotebookStore() {
  const [store, setStore] = useState<NotebookStore | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [saveBlocked, setSaveBlocked] = useState(false);
  const loaded = useRef(false);

  const notify = useCallback((notice: Notice) => setNotices((list) => [...list, notice]), []);

  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void (async () => {
      const { store: saved, problems } = readStore(readSaved());
      let next = saved;
      const initial: Notice[] = problems.map((text) => ({ tone: 'warning' as const, text }));
      if (problems.length > 0) {
        initial.push({ tone: 'warning', text: 'Your other notebooks are safe. New changes are saved once you dismiss these messages (damaged entries are then dropped).' });
        setSaveBlocked(true);
      }
      const hash = window.location.hash;
      if (/[#&]nb=/.test(hash)) {
        try {
          // Only a shared link needs the link codec, so it loads only then.
          const { notebookFromHash } = await import('@/lib/notebook/share-url');
          const shared = notebookFromHash(hash);
          if (shared) {
            const opened = { ...shared, id: freeNotebookId(next) };
            next = { ...upsertNotebook(next, opened), activeId: opened.id };
            initial.push({ tone: 'info', text: `Opened the shared notebook “${opened.name}”. Nothing has run: press Run or Run all when you have read the code.` });
          }
        } catch (e) {
          initial.push({ tone: 'error', text: `${(e as Error).message} Your saved notebooks were not changed.` });
        }
      }
      if (hash) history.replaceState(null, '', window.location.pathname + window.location.search);
      if (next.notebooks.length === 0) {
        const template = TEMPLATES[0];
        const first = createNotebook({ id: freeNotebookId(next), name: template.name, now: now(), cells: template.cells });
        next = { ...upsertNotebook(next, first), activeId: first.id };
      }
      if (!next.activeId || !next.notebooks.some((n) => n.id === next.activeId)) next = { ...next, activeId: next.notebooks[0].id };
      setNotices(initial);
      setStore(next);
    })();
  }, []);

  useEffect(() => {
    if (!store || saveBlocked) return;
    try {
      window.localStorage.setItem(NOTEBOOKS_STORAGE_KEY, serializeStore(store));
    } catch {
      setNotices((list) => (list.some((n) => n.text.startsWith('Could not save'))
        ? list : [...list, { tone: 'error', text: 'Could not save to this browser’s storage (full or disabled); export your notebook to keep it.' }]));
    }
  }, [store, saveBlocked]);

  const dismissNotices = useCallback(() => { setNotices([]); setSaveBlocked(false); }, []);

  const active = store?.notebooks.find((n) => n.id === store.activeId) ?? null;

  const update = useCallback((change: (notebook: Notebook) => Notebook) => {
    setStore((s) => {
      const current = s?.notebooks.find((n) => n.id === s.activeId);
      if (!s || !current) return s;
      const changed = change(current);
      return changed === current ? s : upsertNotebook(s, { ...changed, updatedAt: now() });
    });
  }, []);

  /** Adds a notebook (new, from a template, or imported) and opens it. */
  const add = useCallback((make: (id: string, now: string) => Notebook) => {
    setStore((s) => {
      if (!s) return s;
      const notebook = make(freeNotebookId(s), now());
      return { ...upsertNotebook(s, notebook), activeId: notebook.id };
    });
  }, []);

  const open = useCallback((id: string) => setStore((s) => (s ? { ...s, activeId: id } : s)), []);

  const remove = useCallback((id: string) => {
    setStore((s) => {
      if (!s) return s;
      let next = removeNotebook(s, id);
      if (next.notebooks.length === 0) {
        const blank = createNotebook({ id: freeNotebookId(next), name: 'Untitled notebook', now: now(), cells: [{ kind: 'code', source: '' }] });
        next = upsertNotebook(next, blank);
      }
      return { ...next, activeId: next.activeId ?? next.notebooks[0].id };
    });
  }, []);

  return { store, active, notices, notify, dismissNotices, update, add, open, remove };
}
