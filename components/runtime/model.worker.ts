/**
 * The model worker: chooses the tfjs backend once, then runs jobs (training, sampling, decoding,
 * benchmarks) off the main thread, reporting progress and obeying pause, resume and cancel.
 */
import { ensureBackend } from '@/lib/tensor/ensure-backend';
import { JobRunner } from '@/lib/runtime/job-runner';
import { createJob } from '@/lib/jobs/registry';
import type { FromWorker, ToWorker } from '@/lib/runtime/protocol';
import { describeAdapter, softwareGpus, webglRenderer } from './gpu-software';
import type { JobContext } from '@/lib/runtime/protocol';

/** The parts of the dedicated worker scope we use (the DOM lib types `self` as a Window). */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  crossOriginIsolated: boolean;
};

const post = (message: FromWorker) => scope.postMessage(message);
const runner = new JobRunner(post);
let ready: Promise<void> | null = null;

/** The I/O jobs may use: files served by this site, with errors that say which file failed. */
const context: JobContext = {
  async fetchBytes(url) {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new Error(`Could not download ${url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!response.ok) throw new Error(`Could not download ${url}: the server answered ${response.status} ${response.statusText}`);
    return response.arrayBuffer();
  },
};

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  try {
    const adapter = await describeAdapter();
    const choice = await ensureBackend({
      override: message.backend,
      measure: message.measure ? { software: softwareGpus(adapter, webglRenderer()) } : undefined,
      candidates: message.candidates,
      wasmPath: message.wasmPath,
      wasmThreadedScript: message.wasmThreadedScript,
      wasmThreadCount: message.wasmThreadCount,
    });
    post({ type: 'ready', choice, adapter, crossOriginIsolated: scope.crossOriginIsolated });
  } catch (err) {
    post({ type: 'init-error', message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      ready ??= init(message);
      return;
    case 'start':
      try {
        await ready;
        await runner.run(message.jobId, await createJob(message.job, message.params, context));
      } catch (err) {
        post({ type: 'error', jobId: message.jobId, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    case 'pause':
      return runner.pause(message.jobId);
    case 'resume':
      return runner.resume(message.jobId);
    case 'cancel':
      return runner.cancel(message.jobId);
  }
};
