import type { FromWorker, Job } from './protocol';
import { nextMacrotask } from './next-macrotask';

interface RunningJob {
  paused: boolean;
  cancelled: boolean;
  /** Resolves the wait of a paused job. */
  wake: (() => void) | null;
}

/**
 * How long a job may run on microtasks alone. On the wasm and cpu backends `await tensor.data()`
 * resolves without ever returning to the event loop, so the worker would not see a pause or cancel
 * message until the job ended; after this long the runner waits for one macrotask.
 */
export const MAX_BUSY_MS = 50;

/**
 * Drives jobs step by step so they can be paused, resumed and cancelled between steps, and
 * reports every step through `post`. Pure: the worker wires it to postMessage, tests to an array.
 */
export class JobRunner {
  private readonly jobs = new Map<number, RunningJob>();

  constructor(private readonly post: (message: FromWorker) => void) {}

  async run(jobId: number, job: Job): Promise<void> {
    const state: RunningJob = { paused: false, cancelled: false, wake: null };
    this.jobs.set(jobId, state);
    let busySince = performance.now();
    try {
      for (;;) {
        if (performance.now() - busySince > MAX_BUSY_MS) {
          await nextMacrotask(); // lets pause and cancel messages in
          busySince = performance.now();
        }
        if (state.paused && !state.cancelled) {
          await new Promise<void>((resolve) => (state.wake = resolve));
          state.wake = null;
        }
        if (state.cancelled) {
          // return() runs the job's finally blocks, which dispose its tensors.
          await job.return(undefined);
          this.post({ type: 'cancelled', jobId });
          return;
        }
        const step = await job.next();
        if (step.done) {
          this.post({ type: 'done', jobId, value: step.value });
          return;
        }
        this.post({ type: 'progress', jobId, value: step.value });
      }
    } catch (err) {
      this.post({ type: 'error', jobId, message: err instanceof Error ? err.message : String(err) });
    } finally {
      this.jobs.delete(jobId);
    }
  }

  pause(jobId: number): void {
    const state = this.jobs.get(jobId);
    if (!state || state.paused) return;
    state.paused = true;
    this.post({ type: 'paused', jobId });
  }

  resume(jobId: number): void {
    const state = this.jobs.get(jobId);
    if (!state || !state.paused) return;
    state.paused = false;
    state.wake?.();
    this.post({ type: 'resumed', jobId });
  }

  cancel(jobId: number): void {
    const state = this.jobs.get(jobId);
    if (!state) return;
    state.cancelled = true;
    state.wake?.();
  }

  get runningCount(): number {
    return this.jobs.size;
  }
}
