/**
 * The backend choice a browser remembers between pages: measured once, or the reader's own switch
 * (`?backend=`), kept until the reader resets it in the "your machine" panel. Pure: the page stores
 * the text (components/runtime/backend-memory-store.ts); these functions say what it means.
 */
import { isBackendName, parseBackendOverride, type BackendName } from './backends';
import type { BackendVerdict } from './backend-decision';

/** Bumped when the kernel mix or the rules change, so old measurements are taken again. */
export const BACKEND_MEMORY_VERSION = 1;

export interface RememberedBackend {
  version: typeof BACKEND_MEMORY_VERSION;
  backend: BackendName;
  /** 'measured': the fastest of a measurement; 'reader': the reader switched to it. */
  how: 'measured' | 'reader';
  /** ISO time of the decision. */
  at: string;
  /** The browser that measured it; a measurement is taken again after a browser update. */
  userAgent: string;
  /** Why each backend was or was not chosen (when measured). */
  verdicts: BackendVerdict[];
}

/** What the page asks the worker for. */
export type BackendRequest =
  | { mode: 'requested'; backend: BackendName; remembered: RememberedBackend | null; overrideError: null }
  | { mode: 'measure'; backend: null; remembered: null; overrideError: string | null };

/** Reads a stored record; anything malformed, from another version or (if measured) another browser is ignored. */
export function parseRememberedBackend(raw: string | null, userAgent: string): RememberedBackend | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Partial<RememberedBackend>;
  if (record.version !== BACKEND_MEMORY_VERSION || !isBackendName(record.backend)) return null;
  if (record.how !== 'measured' && record.how !== 'reader') return null;
  if (record.how === 'measured' && record.userAgent !== userAgent) return null;
  return {
    version: BACKEND_MEMORY_VERSION,
    backend: record.backend,
    how: record.how,
    at: typeof record.at === 'string' ? record.at : '',
    userAgent: typeof record.userAgent === 'string' ? record.userAgent : '',
    verdicts: Array.isArray(record.verdicts) ? record.verdicts : [],
  };
}

/**
 * `?backend=` wins; else a remembered choice; else measure. An unknown `?backend=` is explained and
 * then ignored.
 */
export function resolveBackendRequest(search: string, stored: string | null, userAgent: string): BackendRequest {
  const { backend, error } = parseBackendOverride(search);
  const remembered = parseRememberedBackend(stored, userAgent);
  if (backend) return { mode: 'requested', backend, remembered: null, overrideError: null };
  if (remembered && !error) return { mode: 'requested', backend: remembered.backend, remembered, overrideError: null };
  return { mode: 'measure', backend: null, remembered: null, overrideError: error };
}

/**
 * What to store once the worker has started: a new record, 'forget' (the remembered backend no
 * longer starts here), or null (keep what is stored).
 */
export function memoryAfterStart(
  request: BackendRequest,
  started: { backend: BackendName; how: string; verdicts?: BackendVerdict[] },
  now: Date,
  userAgent: string,
): RememberedBackend | 'forget' | null {
  const record = (how: RememberedBackend['how'], verdicts: BackendVerdict[]): RememberedBackend => ({
    version: BACKEND_MEMORY_VERSION, backend: started.backend, how, at: now.toISOString(), userAgent, verdicts,
  });
  if (request.mode === 'measure') return started.how === 'measured' ? record('measured', started.verdicts ?? []) : null;
  if (started.backend !== request.backend) return request.remembered ? 'forget' : null;
  if (request.remembered) return null; // the stored choice still holds
  return record('reader', []);
}
