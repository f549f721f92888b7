'use client';
/**
 * A roofline in the reader's browser: ms per forward pass of the shipped model against tokens per
 * pass, on every tfjs backend this browser can start (each in its own short-lived worker, 'roofline'
 * job), with the decoders' operating points marked: how many tokens each one feeds through a pass.
 *
 * Usage in MDX: <RooflineInYourBrowser />  (optional maxTokens={64}, backends="webgpu,wasm")
 */
import { useCallback, useId, useRef, useState } from 'react';
import { BACKEND_PREFERENCE, isBackendName, type BackendName } from '@/lib/tensor/backends';
import { ROOFLINE_SIZES, passCostRatio, type RooflinePoint } from '@/lib/machine/roofline';
import type { RooflineJobResult } from '@/lib/machine/roofline-job';
import { JobCancelledError, ModelWorkerClient } from '@/components/runtime/model-worker-client';
import { renderPointsChart } from '@/components/viz/points-chart';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

type Curve =
  | { status: 'waiting' | 'cancelled' }
  | { status: 'running'; points: RooflinePoint[] }
  | { status: 'done'; points: RooflinePoint[] }
  | { status: 'unavailable'; reason: string };

/** Tokens one pass feeds through the network, per decoder (prompt of about 40 tokens, 64 to write). */
export const OPERATING_POINTS = [
  { x: 1, label: 'AR + KV cache' },
  { x: 8, label: 'BD3 block 8' },
  { x: 32, label: 'dual cache, block 32' },
  { x: 104, label: 'MDLM whole canvas' },
];

const TONE: Record<BackendName, string> = { webgpu: '3', webgl: '2', wasm: '0', cpu: '1' };
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function RooflineInYourBrowser({ maxTokens = 256, backends: only }: { maxTokens?: number | string; backends?: string }) {
  const id = useId();
  const largest = Number(maxTokens) >= 1 ? Number(maxTokens) : 256; // an embed address passes a string
  const sizes = ROOFLINE_SIZES.filter((n) => n <= largest);
  const chosen = (only ? only.split(',').map((s) => s.trim()).filter(isBackendName) : [...BACKEND_PREFERENCE]) as BackendName[];
  const backends = chosen.length ? chosen : [...BACKEND_PREFERENCE];
  const initial = () => Object.fromEntries(backends.map((b) => [b, { status: 'waiting' }])) as Record<BackendName, Curve>;
  const [curves, setCurves] = useState<Record<BackendName, Curve>>(initial);
  const [measuring, setMeasuring] = useState(false);
  const cancelRef = useRef<(() => void) | null>(null);
  const stopRequested = useRef(false);
  const set = (b: BackendName, c: Curve) => setCurves((all) => ({ ...all, [b]: c }));

  async function measureAll() {
    setMeasuring(true);
    stopRequested.current = false;
    setCurves(initial());
    for (const backend of backends) {
      if (stopRequested.current) {
        set(backend, { status: 'cancelled' });
        continue;
      }
      set(backend, { status: 'running', points: [] });
      let client: ModelWorkerClient | null = null;
      try {
        client = await ModelWorkerClient.start({ backend, candidates: [backend] }); // no fallback: unavailable means unavailable
        const points: RooflinePoint[] = [];
        const job = client.run<RooflineJobResult, RooflinePoint>('roofline', { sizes, repeats: 5, budgetMs: 1500 }, {
          onProgress: (p) => {
            points.push(p);
            set(backend, { status: 'running', points: [...points] });
          },
        });
        cancelRef.current = job.cancel;
        const result = await job.result;
        set(backend, { status: 'done', points: result.points });
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

  const withPoints = backends.filter((b) => {
    const c = curves[b];
    return (c.status === 'running' || c.status === 'done') && c.points.length > 0;
  });
  const pointsOf = (b: BackendName) => {
    const c = curves[b];
    return c.status === 'running' || c.status === 'done' ? c.points : [];
  };
  const series = withPoints.map((b) => ({ name: b, tone: TONE[b], points: pointsOf(b).map((p) => [p.tokens, p.ms] as [number, number]) }));
  const seriesKey = JSON.stringify(series);
  const largestSize = sizes[sizes.length - 1];
  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderPointsChart(svg, JSON.parse(seriesKey), {
      width, xLabel: 'tokens in one forward pass (log)', yLabel: 'ms per pass (log)', xLog: true, yLog: true,
      xDomain: [1, Math.max(2, largestSize)], markers: OPERATING_POINTS.filter((m) => m.x <= largestSize),
    });
  }, [seriesKey, largestSize]);

  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="roofline">
      <h3 id={`${id}-title`}>A roofline in your browser</h3>
      <p>
        One forward pass of the shipped model (the AR twin, the MDLM and BD3 share one architecture) over 1 to {sizes[sizes.length - 1]} tokens,
        timed on each backend in its own worker (median of up to 5 passes after a warm-up). Dashed lines: how many tokens each decoder feeds through a pass.
      </p>
      <p className="widget__actions">
        <button type="button" className="button" onClick={measureAll} disabled={measuring} data-testid="roofline-run">
          {measuring ? 'Measuring…' : 'Measure every backend'}
        </button>
        <button type="button" className="button button--quiet" onClick={stop} disabled={!measuring} data-testid="roofline-stop">Stop</button>
      </p>
      <SvgFigure draw={draw} maxWidth={640} label="milliseconds per forward pass against tokens per pass, one curve per backend" testId="roofline-chart"
        caption={withPoints.length ? 'Measured live in your browser. A flat stretch means extra tokens ride along almost free (memory- or launch-bound); a rising stretch means each token costs arithmetic (compute-bound).' : 'Curves appear here as each backend is measured.'} />
      <table className="data-table" data-testid="roofline-table">
        <thead>
          <tr><th>backend</th>{sizes.map((n) => <th key={n}>{n}</th>)}<th>8 vs 1</th><th>{sizes[sizes.length - 1]} vs 1</th></tr>
        </thead>
        <tbody>
          {backends.map((b) => {
            const c = curves[b];
            const pts = pointsOf(b);
            const r8 = passCostRatio(pts, 8);
            const rMax = passCostRatio(pts, sizes[sizes.length - 1]);
            return (
              <tr key={b} data-backend={b} data-status={c.status} data-points={pts.length}>
                <th scope="row">{b}</th>
                {c.status === 'unavailable' ? <td colSpan={sizes.length + 2}>not available here: {c.reason}</td>
                  : c.status === 'waiting' || c.status === 'cancelled' ? <td colSpan={sizes.length + 2}>{c.status === 'waiting' ? '…' : 'stopped'}</td>
                    : (
                      <>
                        {sizes.map((n) => {
                          const p = pts.find((q) => q.tokens === n);
                          return <td key={n}>{p ? fmt(p.ms) : '…'}</td>;
                        })}
                        <td>{r8 === null ? '…' : `${r8.toFixed(2)}×`}</td>
                        <td>{rMax === null ? '…' : `${rMax.toFixed(1)}×`}</td>
                      </>
                    )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
