import { parseBackendOverride } from '@/lib/tensor/backends';
import { ModelWorkerClient, type WorkerReady } from './model-worker-client';

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
 * Starts the page's model worker on first use (the first live figure), honouring `?backend=`.
 * tfjs is loaded only inside the worker, never in the page's first load.
 */
export function startPageRuntime(): Promise<ModelWorkerClient> {
  if (!starting) {
    const { backend, error } = parseBackendOverride(window.location.search);
    setState({ status: 'starting', overrideError: error });
    starting = ModelWorkerClient.start({ backend }).then(
      (client) => {
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
