import { TFJS_WASM_PATH } from '@/lib/tensor/wasm-files';
import type { BackendName } from '@/lib/tensor/backends';
import type { BackendChoice } from '@/lib/tensor/ensure-backend';
import type { AdapterDescription, FromWorker, ToWorker } from '@/lib/runtime/protocol';

/** Where the site serves the tfjs wasm binaries (copied there by scripts/copy-wasm.mjs). */
export const WASM_PATH = TFJS_WASM_PATH;

export interface WorkerReady {
  choice: BackendChoice;
  adapter: AdapterDescription | null;
  crossOriginIsolated: boolean;
}

export interface JobHandle<TResult> {
  result: Promise<TResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled');
    this.name = 'JobCancelledError';
  }
}

interface PendingJob {
  onProgress?: (value: unknown) => void;
  onPausedChange?: (paused: boolean) => void;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The page's side of a model worker: starts it on a backend, runs named jobs with progress,
 * pause, resume and cancel. One instance per worker; terminate() ends it.
 */
export class ModelWorkerClient {
  private nextJobId = 1;
  private readonly pending = new Map<number, PendingJob>();

  private constructor(private readonly worker: Worker, readonly ready: WorkerReady) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
  }

  /** Starts a worker and waits until it has chosen its tfjs backend. */
  static start(options: { backend: BackendName | null; measure?: boolean; candidates?: BackendName[] }): Promise<ModelWorkerClient> {
    const worker = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'marble-model-worker' });
    return new Promise((resolve, reject) => {
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(`The model worker failed to start: ${event.message || 'script error'}`));
      };
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'ready') {
          resolve(new ModelWorkerClient(worker, { choice: message.choice, adapter: message.adapter, crossOriginIsolated: message.crossOriginIsolated }));
        } else if (message.type === 'init-error') {
          worker.terminate();
          reject(new Error(message.message));
        }
      };
      // Absolute URLs: the wasm backend's thread workers start from blob: URLs, where relative paths do not resolve.
      const wasmPath = new URL(WASM_PATH, window.location.href).href;
      const init: ToWorker = {
        type: 'init', backend: options.backend, measure: options.measure, candidates: options.candidates,
        wasmPath, wasmThreadedScript: `${wasmPath}tfjs-backend-wasm-threaded-simd.js`,
        wasmThreadCount: Math.min(4, navigator.hardwareConcurrency || 1),
      };
      worker.postMessage(init);
    });
  }

  run<TResult, TProgress = unknown>(
    job: string,
    params: unknown,
    callbacks: { onProgress?: (value: TProgress) => void; onPausedChange?: (paused: boolean) => void } = {},
  ): JobHandle<TResult> {
    const jobId = this.nextJobId++;
    const result = new Promise<TResult>((resolve, reject) => {
      this.pending.set(jobId, {
        onProgress: callbacks.onProgress as (value: unknown) => void,
        onPausedChange: callbacks.onPausedChange,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
    this.send({ type: 'start', jobId, job, params });
    return {
      result,
      pause: () => this.send({ type: 'pause', jobId }),
      resume: () => this.send({ type: 'resume', jobId }),
      cancel: () => this.send({ type: 'cancel', jobId }),
    };
  }

  terminate(): void {
    this.worker.terminate();
    for (const job of this.pending.values()) job.reject(new JobCancelledError());
    this.pending.clear();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (!('jobId' in message)) return;
    const job = this.pending.get(message.jobId);
    if (!job) return;
    switch (message.type) {
      case 'progress':
        return job.onProgress?.(message.value);
      case 'paused':
      case 'resumed':
        return job.onPausedChange?.(message.type === 'paused');
      case 'done':
        this.pending.delete(message.jobId);
        return job.resolve(message.value);
      case 'error':
        this.pending.delete(message.jobId);
        return job.reject(new Error(message.message));
      case 'cancelled':
        this.pending.delete(message.jobId);
        return job.reject(new JobCancelledError());
    }
  }
}
