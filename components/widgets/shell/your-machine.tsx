'use client';
/**
 * "Your machine": which tfjs backend this page runs on, the WebGPU adapter, and a measured matMul
 * throughput for every backend this browser can start, each in its own short-lived worker.
 *
 * Usage in MDX: <YourMachine />
 */
import { useEffect, useRef, useState } from 'react';
import { BACKEND_PREFERENCE, type BackendName } from '@/lib/tensor/backends';
import type { MatmulBenchmarkResult, MatmulBenchmarkStep } from '@/lib/tensor/matmul-benchmark';
import { usePageRuntime } from '@/components/hooks/use-page-runtime';
import { startPageRuntime } from '@/components/runtime/page-runtime';
import { JobCancelledError, ModelWorkerClient } from '@/components/runtime/model-worker-client';
import { BackendReasons } from './backend-reasons';

/** 256 keeps the slowest backend here (WebGPU emulated on the CPU) under a second per product. */
const BENCHMARK = { size: 256, repetitions: 5 };

type Measurement =
  | { status: 'waiting' }
  | { status: 'running'; repetition: number }
  | { status: 'done'; result: MatmulBenchmarkResult }
  | { status: 'unavailable'; reason: string }
  | { status: 'cancelled' };

const initialMeasurements = () =>
  Object.fromEntries(BACKEND_PREFERENCE.map((b) => [b, { status: 'waiting' }])) as Record<BackendName, Measurement>;

export function YourMachine() {
  const runtime = usePageRuntime();
  const [measurements, setMeasurements] = useState(initialMeasurements);
  const [measuring, setMeasuring] = useState(false);
  const cancelRef = useRef<(() => void) | null>(null);
  const stopRequested = useRef(false);

  useEffect(() => {
    startPageRuntime().catch(() => undefined); // the error is shown from the runtime state
  }, []);

  const set = (backend: BackendName, value: Measurement) => setMeasurements((m) => ({ ...m, [backend]: value }));

  async function measureAll() {
    setMeasuring(true);
    stopRequested.current = false;
    setMeasurements(initialMeasurements());
    for (const backend of BACKEND_PREFERENCE) {
      if (stopRequested.current) {
        set(backend, { status: 'cancelled' });
        continue;
      }
      set(backend, { status: 'running', repetition: 0 });
      let client: ModelWorkerClient | null = null;
      try {
        // Only this backend: no fallback, so "unavailable" really means this browser cannot run it.
        client = await ModelWorkerClient.start({ backend, candidates: [backend] });
        const job = client.run<MatmulBenchmarkResult, MatmulBenchmarkStep>('matmul-benchmark', BENCHMARK, {
          onProgress: (step) => set(backend, { status: 'running', repetition: step.repetition }),
        });
        cancelRef.current = job.cancel;
        set(backend, { status: 'done', result: await job.result });
      } catch (err) {
        if (err instanceof JobCancelledError) set(backend, { status: 'cancelled' });
        else set(backend, { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) });
      } finally {
        cancelRef.current = null;
        client?.terminate();
      }
    }
    setMeasuring(false);
  }

  function stop() {
    stopRequested.current = true;
    cancelRef.current?.();
  }

  const current = runtime.status === 'ready' ? runtime.ready.choice.backend : null;
  const adapter = runtime.status === 'ready' ? runtime.ready.adapter : null;

  return (
    <section className="widget your-machine" aria-labelledby="your-machine-title" data-testid="your-machine">
      <h3 id="your-machine-title">Your machine</h3>
      <dl className="facts">
        <dt>This page runs on</dt>
        <dd data-testid="current-backend">
          {runtime.status === 'ready' ? current : runtime.status === 'error' ? `no backend could start: ${runtime.error}` : 'starting…'}
        </dd>
        <dt>WebGPU adapter</dt>
        <dd data-testid="webgpu-adapter">
          {runtime.status !== 'ready'
            ? '…'
            : adapter
              ? `${adapter.vendor || 'unknown vendor'} ${adapter.architecture}${adapter.description ? ` (${adapter.description})` : ''}${adapter.isFallbackAdapter ? ', a software fallback (emulated on the CPU)' : ''}`
              : 'none: this browser does not offer WebGPU'}
        </dd>
        <dt>Threads for wasm</dt>
        <dd data-testid="wasm-threads">
          {runtime.status !== 'ready'
            ? '…'
            : runtime.ready.choice.wasm?.threadedBuild
              ? `in use: the threaded build runs its matrix kernels on ${runtime.ready.choice.wasm.threads} thread${runtime.ready.choice.wasm.threads > 1 ? 's' : ''}`
              : runtime.ready.crossOriginIsolated
                ? 'possible (the page is cross-origin isolated)'
                : 'not available (the host does not send the isolation headers)'}
        </dd>
      </dl>
      {runtime.status === 'ready' ? <BackendReasons choice={runtime.ready.choice} /> : null}
      <p>
        A {BENCHMARK.size}×{BENCHMARK.size} matrix product is the core of every layer in our models. Measure how fast each
        backend does it here (median of {BENCHMARK.repetitions} runs after a warm-up):
      </p>
      <p className="widget__actions">
        <button type="button" className="button" onClick={measureAll} disabled={measuring}>
          {measuring ? 'Measuring…' : 'Measure every backend'}
        </button>
        {measuring ? (
          <button type="button" className="button button--quiet" onClick={stop}>
            Stop
          </button>
        ) : null}
      </p>
      <table className="data-table" data-testid="backend-table">
        <caption className="visually-hidden">matMul throughput per tfjs backend in this browser</caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Median time</th>
            <th scope="col">GFLOP/s</th>
            <th scope="col">Use it</th>
          </tr>
        </thead>
        <tbody>
          {BACKEND_PREFERENCE.map((backend) => {
            const m = measurements[backend];
            return (
              <tr key={backend} data-testid={`backend-row-${backend}`} data-status={m.status}>
                <th scope="row">
                  {backend}
                  {backend === current ? ' (this page)' : ''}
                </th>
                {m.status === 'done' ? (
                  <>
                    <td>{m.result.medianMilliseconds.toFixed(1)} ms</td>
                    <td data-testid={`gflops-${backend}`}>{m.result.gflops.toFixed(2)}</td>
                  </>
                ) : (
                  <td colSpan={2}>
                    {m.status === 'waiting' && '—'}
                    {m.status === 'running' && `measuring (run ${m.repetition} of ${BENCHMARK.repetitions})`}
                    {m.status === 'unavailable' && `not available here: ${m.reason}`}
                    {m.status === 'cancelled' && 'stopped'}
                  </td>
                )}
                <td>
                  <a href={`?backend=${backend}`}>
                    switch<span className="visually-hidden"> this page to {backend}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
