'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createNotebook, nextFreeId, type Notebook } from '@/lib/notebook/notebook';
import { readStore, readStoreEntries, removeNotebook, upsertNotebook, type NotebookStore } from '@/lib/notebook/store';
import { notebookBytes } from '@/lib/notebook/storage-size';
import { describeStorageError, LEGACY_STORAGE_KEY, NotebookDb, storageEstimate } from './notebook-db';
import { TEMPLATES } from './playground-templates';

/** The localStorage key older versions saved under (moved to IndexedDB on first load). */
export const NOTEBOOKS_STORAGE_KEY = LEGACY_STORAGE_KEY;
/** Edits are written this long after the last keystroke: typing never waits for storage. */
export const SAVE_DELAY_MS = 250;

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** Where saving stands, shown next to the notebooks (and as data-save-state for tests). */
export type SaveState =
  | { kind: 'loading' }
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'blocked' }
  | { kind: 'failed'; reason: string; notebookName: string }
  | { kind: 'unavailable'; reason: string };

export interface StorageUse {
  /** Our estimate of the notebooks' size (storage-size.ts). */
  notebooksBytes: number;
  /** The browser's account for the whole site, when it gives one. */
  usage: number | null;
  quota: number | null;
}

const now = () => new Date().toISOString();

function readLegacy(): string | null {
  try {
    return window.localStorage.getItem(LEGACY_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** A notebook id not used in the store (ids are deterministic: nb-1, nb-2, …). */
export function freeNotebookId(store: NotebookStore): string {
  return nextFreeId(store.notebooks.map((n) => n.id), 'nb');
}

/**
 * The reader's saved notebooks (IndexedDB, notebook-db.ts), the open one, and a shared link in
 * the address opened as a new notebook (never run), on load and when pasted later. Bad input
 * loses nothing: a damaged link or damaged saved entries give a notice, and saving waits until
 * the reader has dismissed a notice about damaged saved data. A save that fails keeps every edit
 * in memory, says so (save state 'failed'), and is retried on the next edit or with Try again.
 */
export function useNotebookStore() {
  const [store, setStore] = useState<NotebookStore | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'loading' });
  const [saveBlocked, setSaveBlocked] = useState(false);
  const [storageUse, setStorageUse] = useState<StorageUse | null>(null);
  const [retry, setRetry] = useState(0);
  const loaded = useRef(false);
  const db = useRef<NotebookDb | null>(null);
  /** What the database holds, by id (object identity: an edited notebook is a new object). */
  const saved = useRef(new Map<string, Notebook>());
  const savedActive = useRef<string | null | undefined>(undefined);

  const notify = useCallback((notice: Notice) => setNotices((list) => [...list, notice]), []);

  /** Opens a shared link's notebook as a new notebook (never run). */
  const openShared = useCallback(async (hash: string, base: NotebookStore): Promise<{ next: NotebookStore; notice: Notice | null }> => {
    if (!/[#&]nb=/.test(hash)) return { next: base, notice: null };
    try {
      // Only a shared link needs the link codec, so it loads only then.
      const { notebookFromHash } = await import('@/lib/notebook/share-url');
      const shared = notebookFromHash(hash);
      if (!shared) return { next: base, notice: null };
      const opened = { ...shared, id: freeNotebookId(base) };
      return {
        next: { ...upsertNotebook(base, opened), activeId: opened.id },
        notice: { tone: 'info', text: `Opened the shared notebook “${opened.name}”. Nothing has run: press Run or Run all when you have read the code.` },
      };
    } catch (e) {
      return { next: base, notice: { tone: 'error', text: `${(e as Error).message} Your saved notebooks were not changed.` } };
    }
  }, []);

  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void (async () => {
      const initial: Notice[] = [];
      let next: NotebookStore;
      let problems: string[] = [];
      try {
        db.current = await NotebookDb.open();
        const { entries, activeId } = await db.current.readAll();
        ({ store: next, problems } = readStoreEntries(entries, activeId));
        for (const n of next.notebooks) saved.current.set(n.id, n);
        savedActive.current = next.activeId;
        // Notebooks an older version kept in localStorage move here once.
        const legacy = readLegacy();
        if (legacy !== null) {
          const old = readStore(legacy);
          problems.push(...old.problems);
          const moved = old.store.notebooks.filter((n) => !next.notebooks.some((m) => m.id === n.id));
          if (moved.length > 0) {
            await db.current.write(moved, [], next.activeId ?? old.store.activeId);
            for (const n of moved) saved.current.set(n.id, n);
            next = { ...next, notebooks: [...next.notebooks, ...moved], activeId: next.activeId ?? old.store.activeId };
          }
          if (old.problems.length === 0) window.localStorage.removeItem(LEGACY_STORAGE_KEY);
        }
      } catch (e) {
        db.current = null;
        ({ store: next, problems } = readStore(readLegacy()));
        setSaveState({ kind: 'unavailable', reason: describeStorageError(e) });
        initial.push({ tone: 'warning', text: `Notebooks cannot be saved in this browser (${describeStorageError(e)}). Your work stays in this tab until you close it; export it to keep it.` });
      }
      initial.push(...problems.map((text) => ({ tone: 'warning' as const, text })));
      if (problems.length > 0) {
        initial.push({ tone: 'warning', text: 'Your other notebooks are safe. New changes are saved once you dismiss these messages (damaged entries are then dropped).' });
        setSaveBlocked(true);
      }
      const hash = window.location.hash;
      const shared = await openShared(hash, next);
      next = shared.next;
      if (shared.notice) initial.push(shared.notice);
      if (hash) history.replaceState(null, '', window.location.pathname + window.location.search);
      if (next.notebooks.length === 0) {
        const template = TEMPLATES[0];
        const first = createNotebook({ id: freeNotebookId(next), name: template.name, now: now(), cells: template.cells });
        next = { ...upsertNotebook(next, first), activeId: first.id };
      }
      if (!next.activeId || !next.notebooks.some((n) => n.id === next.activeId)) next = { ...next, activeId: next.notebooks[0].id };
      setNotices(initial);
      setStore(next);
      setSaveState((s) => (s.kind === 'loading' ? { kind: 'saved' } : s));
    })();
  }, [openShared]);

  // A link pasted into the address bar while the playground is open (same page: only the hash changes).
  const storeRef = useRef<NotebookStore | null>(null);
  useEffect(() => { storeRef.current = store; }, [store]);
  useEffect(() => {
    const onHash = async () => {
      const hash = window.location.hash;
      const current = storeRef.current;
      if (!current || !/[#&]nb=/.test(hash)) return;
      history.replaceState(null, '', window.location.pathname + window.location.search);
      const { next, notice } = await openShared(hash, current);
      const opened = next !== current ? next.notebooks.find((n) => n.id === next.activeId) : undefined;
      if (opened) {
        setStore((latest) => {
          if (!latest) return latest;
          const placed = { ...opened, id: freeNotebookId(latest) };
          return { ...upsertNotebook(latest, placed), activeId: placed.id };
        });
      }
      if (notice) setNotices((list) => [...list, notice]);
    };
    const listener = () => { void onHash(); };
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, [openShared]);

  // Save: only what changed, a moment after the last edit.
  useEffect(() => {
    if (!store) return;
    let bytes = 0;
    for (const n of store.notebooks) bytes += notebookBytes(n);
    setStorageUse((u) => ({ notebooksBytes: bytes, usage: u?.usage ?? null, quota: u?.quota ?? null }));
    const database = db.current;
    if (!database || saveBlocked) {
      if (database && saveBlocked) setSaveState({ kind: 'blocked' });
      return;
    }
    const changed = store.notebooks.filter((n) => saved.current.get(n.id) !== n);
    const removed = [...saved.current.keys()].filter((id) => !store.notebooks.some((n) => n.id === id));
    if (changed.length === 0 && removed.length === 0 && savedActive.current === store.activeId) return;
    setSaveState((s) => (s.kind === 'failed' ? s : { kind: 'pending' }));
    const timer = setTimeout(() => {
      void (async () => {
        // One transaction a notebook: a notebook too big for the quota never blocks saving the others.
        const failures: { name: string; error: unknown }[] = [];
        try {
          await database.write([], removed, store.activeId);
          for (const id of removed) saved.current.delete(id);
          savedActive.current = store.activeId;
        } catch (error) {
          failures.push({ name: 'the notebook list', error });
        }
        for (const notebook of changed) {
          try {
            await database.write([notebook], [], store.activeId);
            saved.current.set(notebook.id, notebook);
          } catch (error) {
            failures.push({ name: notebook.name, error });
          }
        }
        if (failures.length === 0) setSaveState({ kind: 'saved' });
        else {
          const names = failures.map((f) => `“${f.name}”`).join(', ');
          setSaveState({ kind: 'failed', reason: describeStorageError(failures[0].error), notebookName: names });
        }
        void storageEstimate().then((e) => setStorageUse((u) => (u ? { ...u, usage: e?.usage ?? null, quota: e?.quota ?? null } : u)));
      })();
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, saveBlocked, retry]);

  // While edits are not saved, leaving the page asks first.
  useEffect(() => {
    if (saveState.kind !== 'failed' && saveState.kind !== 'unavailable') return;
    const warn = (event: BeforeUnloadEvent) => { event.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveState.kind]);

  useEffect(() => { void storageEstimate().then((e) => setStorageUse((u) => (u ? { ...u, usage: e?.usage ?? null, quota: e?.quota ?? null } : u))); }, [store === null]);

  const dismissNotices = useCallback(() => { setNotices([]); setSaveBlocked(false); }, []);
  const retrySave = useCallback(() => setRetry((n) => n + 1), []);

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

  return { store, active, notices, notify, dismissNotices, update, add, open, remove, saveState, storageUse, retrySave };
}
