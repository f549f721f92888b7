/**
 * The playground's notebooks in IndexedDB: one record a notebook (so saving an edit writes that
 * notebook only, not all of them), plus the id of the open one. IndexedDB has a quota of a share
 * of the disk, where localStorage had 5 MB for everything; a failed write rejects with the
 * browser's error (QuotaExceededError when full), and the caller keeps the edit in memory.
 *
 * Notebooks saved by older versions in localStorage ('marble.notebooks.v1') are moved here once,
 * and the old value is removed only after the move succeeded.
 */
import type { Notebook } from '@/lib/notebook/notebook';

const DB_NAME = 'marble-notebooks';
const DB_VERSION = 1;
const NOTEBOOKS = 'notebooks';
const META = 'meta';
const ACTIVE_KEY = 'activeId';
export const LEGACY_STORAGE_KEY = 'marble.notebooks.v1';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('the write was aborted', 'AbortError'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
}

export class NotebookDb {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<NotebookDb> {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(NOTEBOOKS)) db.createObjectStore(NOTEBOOKS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    return new NotebookDb(await promised(request));
  }

  /** Every saved record (unvalidated: the caller checks each) and the saved open id. */
  async readAll(): Promise<{ entries: unknown[]; activeId: unknown }> {
    const tx = this.db.transaction([NOTEBOOKS, META], 'readonly');
    const [entries, activeId] = await Promise.all([
      promised(tx.objectStore(NOTEBOOKS).getAll()),
      promised(tx.objectStore(META).get(ACTIVE_KEY)),
    ]);
    return { entries, activeId };
  }

  /** Writes the changed notebooks, removes the deleted ones and records the open one, atomically. */
  async write(changed: readonly Notebook[], removed: readonly string[], activeId: string | null): Promise<void> {
    const tx = this.db.transaction([NOTEBOOKS, META], 'readwrite');
    const finished = done(tx);
    const store = tx.objectStore(NOTEBOOKS);
    for (const notebook of changed) store.put(notebook);
    for (const id of removed) store.delete(id);
    tx.objectStore(META).put(activeId, ACTIVE_KEY);
    await finished;
  }
}

/** Why a write failed, in words for the reader. */
export function describeStorageError(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError') return 'the browser’s storage for this site is full';
  if (name === 'InvalidStateError' || name === 'SecurityError') return 'this browser does not allow the site to store data here (private mode or settings)';
  return `the browser refused the write (${e instanceof Error ? e.message : String(e)})`;
}

/** The browser's own account of this site's storage, when it gives one. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    if (!estimate || typeof estimate.usage !== 'number' || typeof estimate.quota !== 'number') return null;
    return { usage: estimate.usage, quota: estimate.quota };
  } catch {
    return null;
  }
}
