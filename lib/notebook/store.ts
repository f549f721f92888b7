/**
 * The saved form of the reader's notebooks (one localStorage value, say). Reading salvages:
 * each notebook is validated on its own, so one damaged entry costs that entry only, and the
 * caller is told what was skipped instead of the whole list being thrown away.
 */
import { safeParseNotebook, type Notebook } from './notebook';

export const STORE_VERSION = 1;

export interface NotebookStore {
  version: typeof STORE_VERSION;
  notebooks: Notebook[];
  /** The notebook open last time, if any. */
  activeId: string | null;
}

export interface StoreReadResult {
  store: NotebookStore;
  /** What was skipped and why, for a gentle notice; empty when everything was read. */
  problems: string[];
}

const emptyStore = (): NotebookStore => ({ version: STORE_VERSION, notebooks: [], activeId: null });

export function serializeStore(store: NotebookStore): string {
  return JSON.stringify(store);
}

/**
 * Reads saved text (null when nothing was saved yet). Never throws. The caller should not
 * overwrite the saved text when `problems` is non-empty until the reader has seen them, so a
 * bug here can never silently destroy notebooks.
 */
export function readStore(text: string | null): StoreReadResult {
  if (text === null || text === '') return { store: emptyStore(), problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { store: emptyStore(), problems: ['The saved notebooks could not be read (the saved text is not valid JSON).'] };
  }
  const raw = data as Partial<Record<keyof NotebookStore, unknown>> | null;
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.notebooks)) {
    return { store: emptyStore(), problems: ['The saved notebooks could not be read (expected a list of notebooks).'] };
  }
  if (raw.version !== STORE_VERSION) {
    return { store: emptyStore(), problems: [`The saved notebooks use format ${String(raw.version)}; this version of Marble reads format ${STORE_VERSION}.`] };
  }
  return readStoreEntries(raw.notebooks, raw.activeId);
}

/**
 * Validates saved notebooks one by one (as read from IndexedDB, one record each, or from the old
 * single localStorage value). Never throws; damaged entries are skipped and named in `problems`.
 */
export function readStoreEntries(entries: readonly unknown[], savedActiveId: unknown): StoreReadResult {
  const raw = { notebooks: entries, activeId: savedActiveId };
  const problems: string[] = [];
  const notebooks: Notebook[] = [];
  const ids = new Set<string>();
  raw.notebooks.forEach((entry, i) => {
    const parsed = safeParseNotebook(entry);
    if (!parsed.ok) {
      const name = typeof (entry as { name?: unknown })?.name === 'string' ? `"${(entry as { name: string }).name}"` : `number ${i + 1}`;
      problems.push(`Saved notebook ${name} was skipped: ${parsed.error.problems.slice(0, 2).join('; ')}.`);
    } else if (ids.has(parsed.notebook.id)) {
      problems.push(`Saved notebook "${parsed.notebook.name}" was skipped: its id "${parsed.notebook.id}" appears twice.`);
    } else {
      ids.add(parsed.notebook.id);
      notebooks.push(parsed.notebook);
    }
  });
  const activeId = typeof raw.activeId === 'string' && ids.has(raw.activeId) ? raw.activeId : null;
  return { store: { version: STORE_VERSION, notebooks, activeId }, problems };
}

/** Adds or replaces (by id) a notebook, e.g. on autosave or after importing a shared link. */
export function upsertNotebook(store: NotebookStore, notebook: Notebook): NotebookStore {
  const index = store.notebooks.findIndex((n) => n.id === notebook.id);
  const notebooks = index < 0 ? [...store.notebooks, notebook] : store.notebooks.map((n, i) => (i === index ? notebook : n));
  return { ...store, notebooks };
}

export function removeNotebook(store: NotebookStore, id: string): NotebookStore {
  const notebooks = store.notebooks.filter((n) => n.id !== id);
  return { ...store, notebooks, activeId: store.activeId === id ? null : store.activeId };
}
