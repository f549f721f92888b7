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
  | {
      type: 'init';
      /** Start on this backend (falling back down the preference list only if it fails). */
      backend: BackendName | null;
      /** Without `backend`: choose by timing a kernel mix on each backend worth trying. */
      measure?: boolean;
      candidates?: BackendName[];
      wasmPath: string;
      wasmThreadedScript?: string;
      wasmThreadCount?: number;
    }
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

/** A job is an async generator: each yielded value is a progress report, the return value the result. */
export type Job = AsyncGenerator<unknown, unknown, void>;

/**
 * What the worker lends a job: I/O that lib/ may not do itself (lib/ is pure, so it never calls
 * fetch). A job that loads weights asks the context for their bytes.
 */
export interface JobContext {
  /** Bytes of a file served by the site (a URL path such as /models/ar/v3/weights.bin). */
  fetchBytes(url: string): Promise<ArrayBuffer>;
}

/** Starts one job from the parameters the page sent. */
export type JobFactory = (params: unknown, context: JobContext) => Promise<Job>;

/** Jobs by the name the page asks for them with ('sample-2d', 'dllm-decode', ...). */
export type JobTable = Readonly<Record<string, JobFactory>>;
