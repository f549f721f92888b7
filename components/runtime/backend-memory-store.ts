/**
 * Where the browser keeps its backend choice between pages (localStorage), around the pure rules of
 * lib/tensor/backend-memory.ts. Storage may be blocked (private modes, embeds in some browsers):
 * then every page measures again, and nothing breaks.
 */
import { memoryAfterStart, parseRememberedBackend, resolveBackendRequest, type BackendRequest, type RememberedBackend } from '@/lib/tensor/backend-memory';
import type { BackendChoice } from '@/lib/tensor/ensure-backend';

export const BACKEND_MEMORY_KEY = 'marble.backend';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(BACKEND_MEMORY_KEY);
  } catch {
    return null;
  }
}

/** What this page should ask its workers for: `?backend=`, the remembered choice, or a measurement. */
export function backendRequestForPage(): BackendRequest {
  return resolveBackendRequest(window.location.search, readStored(), navigator.userAgent);
}

/** The remembered choice, if any (for the "your machine" panel). */
export function rememberedBackend(): RememberedBackend | null {
  return parseRememberedBackend(readStored(), navigator.userAgent);
}

/** Stores (or forgets) the choice after a worker started on `choice`. */
export function rememberBackendChoice(request: BackendRequest, choice: BackendChoice): void {
  const next = memoryAfterStart(request, choice, new Date(), navigator.userAgent);
  try {
    if (next === 'forget') window.localStorage.removeItem(BACKEND_MEMORY_KEY);
    else if (next) window.localStorage.setItem(BACKEND_MEMORY_KEY, JSON.stringify(next));
  } catch {
    // storage blocked: the next page measures again
  }
}

/** Forgets the choice: the next page measures again. */
export function forgetBackendChoice(): void {
  try {
    window.localStorage.removeItem(BACKEND_MEMORY_KEY);
  } catch {
    // nothing stored
  }
}
