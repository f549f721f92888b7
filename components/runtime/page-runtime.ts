import { ModelWorkerClient, type WorkerReady } from './model-worker-client';
import { backendRequestForPage, rememberBackendChoice } from './backend-memory-store';

/** The page's one model runtime (ARCHITECTURE.md rule 6: one backend per page, chosen once). */
export type PageRuntimeState =
  | { status: 'idle'; overrideError: string | null }
  | { status: 'starting'; overrideError: string | null }
  | { status: 'ready'; ready: WorkerReady; overrideError: string | null }
  | { status: 'error'; error: string; overrideError: string | null };

let state: PageRuntimeState = { status: 'idle', overrideError: null };
let starting: Promise<ModelWorkerClient> | null = null;
const listeners = new Set<() => void>();

function setState(next: PageRuntimeState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function subscribePageRuntime(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getPageRuntimeState(): PageRuntimeState {
  return state;
}

/** Server render and first client render: nothing has started. */
export const IDLE_RUNTIME: PageRuntimeState = { status: 'idle', overrideError: null };

/**
 * Starts the page's model worker on first use (the first live figure): on `?backend=` if given, else
 * on the backend this browser remembers, else on the fastest by measurement (which is then
 * remembered). tfjs is loaded only inside the worker, never in the page's first load.
 */
export function startPageRuntime(): Promise<ModelWorkerClient> {
  if (!starting) {
    const request = backendRequestForPage();
    const error = request.overrideError;
    setState({ status: 'starting', overrideError: error });
    starting = ModelWorkerClient.start({ backend: request.backend, measure: request.mode === 'measure' }).then(
      (client) => {
        rememberBackendChoice(request, client.ready.choice);
        setState({ status: 'ready', ready: client.ready, overrideError: error });
        return client;
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        setState({ status: 'error', error: message, overrideError: error });
        starting = null;
        throw err;
      },
    );
  }
  return starting;
}

let cellBackend: string | null = null;

/**
 * The notebook's cell worker runs tfjs too (the playground has no model worker): it reports its
 * backend here so the header badge can name it.
 */
export function noteCellBackend(backend: string | null): void {
  if (cellBackend === backend) return;
  cellBackend = backend;
  for (const listener of listeners) listener();
}

export function getCellBackend(): string | null {
  return cellBackend;
}
