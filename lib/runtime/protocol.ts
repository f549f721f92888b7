import type { BackendName } from '../tensor/backends';
import type { BackendChoice } from '../tensor/ensure-backend';

/** What the WebGPU adapter says about itself (null when there is none). */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** Messages the page sends to a model worker. */
export type ToWorker =
  | { type: 'init'; backend: BackendName | null; candidates?: BackendName[]; wasmPath: string; wasmThreadedScript?: string; wasmThreadCount?: number }
  | { type: 'start'; jobId: number; job: string; params: unknown }
  | { type: 'pause' | 'resume' | 'cancel'; jobId: number };

/** Messages a model worker sends back. */
export type FromWorker =
  | { type: 'ready'; choice: BackendChoice; adapter: AdapterDescription | null; crossOriginIsolated: boolean }
  | { type: 'init-error'; message: string }
  | { type: 'progress'; jobId: number; value: unknown }
  | { type: 'done'; jobId: number; value: unknown }
  | { type: 'error'; jobId: number; message: string }
  | { type: 'cancelled'; jobId: number }
  | { type: 'paused' | 'resumed'; jobId: number };
