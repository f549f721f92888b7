import { describe, expect, it } from 'vitest';
import { JobRunner, MAX_BUSY_MS } from '@/lib/runtime/job-runner';
import { createJob } from '@/lib/jobs/registry';
import type { FromWorker } from '@/lib/runtime/protocol';

/** A job that counts to n, recording whether its finally block ran. */
function counting(n: number, log: string[]) {
  return (async function* () {
    try {
      for (let i = 1; i <= n; i++) {
        await Promise.resolve();
        yield i;
      }
      return 'finished';
    } finally {
      log.push('cleanup');
    }
  })();
}

/** A job whose steps never leave the microtask queue (as tensor reads on wasm), each busy for `ms`; 200 steps. */
function busy(ms: number, log: string[]) {
  return (async function* () {
    try {
      for (let i = 1; i <= 200; i++) {
        const until = performance.now() + ms;
        while (performance.now() < until) { /* compute */ }
        await Promise.resolve();
        yield i;
      }
      return 'ran to the end';
    } finally {
      log.push('cleanup');
    }
  })();
}

describe('the job runner', () => {
  it('lets a cancel message in while a job never leaves the microtask queue', async () => {
    const sent: FromWorker[] = [];
    const log: string[] = [];
    const runner = new JobRunner((m) => sent.push(m));
    // A message from the page arrives as a macrotask, like this timer.
    setTimeout(() => runner.cancel(3), 0);
    const started = performance.now();
    await runner.run(3, busy(5, log));
    expect(sent.at(-1)).toEqual({ type: 'cancelled', jobId: 3 });
    expect(log).toEqual(['cleanup']);
    // Cancelled within a few busy windows, not never.
    expect(performance.now() - started).toBeLessThan(20 * MAX_BUSY_MS);
  });

  it('reports every step and the result', async () => {
    const sent: FromWorker[] = [];
    const log: string[] = [];
    await new JobRunner((m) => sent.push(m)).run(1, counting(3, log));
    expect(sent).toEqual([
      { type: 'progress', jobId: 1, value: 1 },
      { type: 'progress', jobId: 1, value: 2 },
      { type: 'progress', jobId: 1, value: 3 },
      { type: 'done', jobId: 1, value: 'finished' },
    ]);
    expect(log).toEqual(['cleanup']);
  });

  it('pauses between steps, resumes, and cancels running its cleanup', async () => {
    const sent: FromWorker[] = [];
    const log: string[] = [];
    const runner = new JobRunner((m) => {
      sent.push(m);
      if (m.type === 'progress' && m.value === 2) runner.pause(7);
    });
    const running = runner.run(7, counting(100, log));
    await new Promise((r) => setTimeout(r, 20));
    const progressWhilePaused = sent.filter((m) => m.type === 'progress').length;
    expect(progressWhilePaused).toBe(2);
    expect(sent.at(-1)).toEqual({ type: 'paused', jobId: 7 });
    runner.cancel(7);
    await running;
    expect(sent.at(-1)).toEqual({ type: 'cancelled', jobId: 7 });
    expect(sent.filter((m) => m.type === 'progress').length).toBe(2);
    expect(log).toEqual(['cleanup']);
    expect(runner.runningCount).toBe(0);
  });

  it('resumes a paused job to completion', async () => {
    const sent: FromWorker[] = [];
    const runner = new JobRunner((m) => sent.push(m));
    const running = runner.run(3, counting(5, []));
    runner.pause(3);
    await new Promise((r) => setTimeout(r, 10));
    runner.resume(3);
    await running;
    expect(sent.map((m) => m.type)).toContain('resumed');
    expect(sent.at(-1)).toEqual({ type: 'done', jobId: 3, value: 'finished' });
  });

  it('reports a failing job as an error message', async () => {
    const sent: FromWorker[] = [];
    const failing = (async function* () {
      yield 1;
      throw new Error('out of memory');
    })();
    await new JobRunner((m) => sent.push(m)).run(2, failing);
    expect(sent.at(-1)).toEqual({ type: 'error', jobId: 2, message: 'out of memory' });
  });

  it('names the known jobs when asked for an unknown one', () => {
    expect(() => createJob('telepathy', {}, { fetchBytes: async () => new ArrayBuffer(0) })).toThrow(/Unknown job "telepathy"; known jobs: matmul-benchmark/);
  });
});
