/**
 * The page's side of the cell worker: queues runs one at a time, streams their outputs, and
 * stops runaway code by terminating the worker (the next run starts a fresh one, with an empty
 * scope): on Stop, and when a run's memory grows past CELL_MEMORY_LIMIT_BYTES (memory-guard.ts).
 * Used through cell-session.ts, one runtime per lesson page or playground notebook.
 */
import { TFJS_WASM_PATH } from '@/lib/tensor/wasm-files';
import { backendRequestForPage, rememberBackendChoice } from '../runtime/backend-memory-store';
import { noteCellBackend } from '../runtime/page-runtime';
import type { CellError } from '@/lib/notebook/transpile';
import type { CellOutput, CheckOutcome, FromCellWorker, ToCellWorker } from './cell-protocol';
import { CELL_MEMORY_LIMIT_BYTES, formatGigabytes, startMemoryGuard } from './memory-guard';

/** Where the site serves the tfjs wasm binaries (see components/runtime/model-worker-client.ts). */
const WASM_PATH = TFJS_WASM_PATH;

export interface RunRequest {
  cellId: string;
  source: string;
  /** Exercise id to check after the cell runs. */
  check: string | null;
}

export interface RunCallbacks {
  /** The run left the queue and is executing. */
  onStart?: () => void;
  onOutput?: (output: CellOutput) => void;
}

export type RunResult =
  | { status: 'done'; check: CheckOutcome | null; ms: number }
  | { status: 'error'; error: CellError; ms: number }
  | { status: 'stopped' };

interface Active {
  runId: number;
  callbacks: RunCallbacks;
  resolve: (result: RunResult) => void;
}

export class CellRuntime {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextRunId = 1;
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private active: Active | null = null;
  private waiting = new Set<() => void>();
  /** The backend the worker chose, once it is ready. */
  backend: string | null = null;
  /** Called when the memory guard ends the worker (the session counts it as a restart). */
  onMemoryStop: (() => void) | null = null;

  /** Runs a cell after the ones already queued; never rejects. */
  run(request: RunRequest, callbacks: RunCallbacks = {}): Promise<RunResult> {
    const generation = this.generation;
    const result = this.queue.then(() => {
      if (generation !== this.generation) return { status: 'stopped' } as const;
      return this.execute(request, callbacks);
    });
    this.queue = result;
    return new Promise<RunResult>((resolve) => {
      // A stop resolves queued runs at once instead of waiting for their turn.
      const cancel = () => resolve({ status: 'stopped' });
      this.waiting.add(cancel);
      void result.then((r) => { this.waiting.delete(cancel); resolve(r); });
    });
  }

  /** Ends the running cell at once (terminating the worker) and cancels the queued ones. */
  stop(reason: RunResult = { status: 'stopped' }): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.backend = null;
    const active = this.active;
    this.active = null;
    active?.resolve(reason);
    for (const cancel of this.waiting) cancel();
    this.waiting.clear();
    this.queue = Promise.resolve();
  }

  private restartWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.backend = null;
    this.onMemoryStop?.();
  }

  dispose(): void {
    this.stop();
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    // The same backend as the page's models: `?backend=`, the remembered choice, or a measurement.
    const request = backendRequestForPage();
    const worker = new Worker(new URL('./cell.worker.ts', import.meta.url), { type: 'module', name: 'marble-cell-worker' });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromCellWorker>) => {
        const message = event.data;
        if (message.type === 'ready') {
          this.backend = message.backend;
          rememberBackendChoice(request, message.choice);
          noteCellBackend(message.backend);
          resolve();
        } else if (message.type === 'init-error') reject(new Error(`The cell runtime could not start: ${message.message}`));
        else this.receive(message);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const error = new Error(`The cell runtime failed: ${event.message || 'the worker script did not load'}`);
        reject(error);
        this.active?.resolve({ status: 'error', error: { name: 'RuntimeError', message: error.message, position: null }, ms: 0 });
        this.active = null;
      };
    });
    const init: ToCellWorker = {
      type: 'init', backend: request.backend, measure: request.mode === 'measure', wasmPath: new URL(WASM_PATH, window.location.href).href,
    };
    worker.postMessage(init);
    return this.ready;
  }

  private async execute(request: RunRequest, callbacks: RunCallbacks): Promise<RunResult> {
    callbacks.onStart?.();
    try {
      await this.start();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Forget the failed worker so the next run tries again.
      this.worker?.terminate();
      this.worker = null;
      this.ready = null;
      return { status: 'error', error: { name: 'RuntimeError', message, position: null }, ms: 0 };
    }
    const runId = this.nextRunId++;
    const result = new Promise<RunResult>((resolve) => {
      this.active = { runId, callbacks, resolve };
      const message: ToCellWorker = { type: 'run', runId, cellId: request.cellId, source: request.source, check: request.check };
      this.worker?.postMessage(message);
    });
    const stopGuard = startMemoryGuard((grown) => {
      if (this.active?.runId !== runId) return;
      this.onMemoryStop?.();
      this.stop({
        status: 'error',
        ms: 0,
        error: {
          name: 'MemoryError',
          message: `the cell was stopped because it used ${formatGigabytes(grown)} more memory (the limit is ${formatGigabytes(CELL_MEMORY_LIMIT_BYTES)}), before the browser tab ran out. The runtime restarted: variables from earlier cells are gone; your code is unchanged.`,
          position: null,
        },
      });
    });
    return result.finally(stopGuard);
  }

  private receive(message: FromCellWorker): void {
    const active = this.active;
    if (!active || !('runId' in message) || message.runId !== active.runId) return;
    if (message.type === 'output') active.callbacks.onOutput?.(message.output);
    else if (message.type === 'done') {
      this.active = null;
      active.resolve(message.error
        ? { status: 'error', error: message.error, ms: message.ms }
        : { status: 'done', check: message.check, ms: message.ms });
      // The worker's allocation budget stopped the cell: its arrays may still be held by the cell's
      // variables, so the next run starts in a fresh worker (the message says variables are gone).
      if (message.error?.name === 'MemoryError') this.restartWorker();
    }
  }
}
