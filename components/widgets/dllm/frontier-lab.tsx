'use client';
/**
 * The speed/quality frontier, measured in the page (lesson 12): every decoding rule and knob of
 * the shared method table runs on the same held-out task prompts in the model worker
 * ('frontier-point'), and each point is drawn with D3 as its tasks come in: accuracy against
 * tokens per pass (left) and tokens per second on the reader's backend (right).
 *
 * Usage in MDX: <FrontierLab />
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { MethodId, MethodKnobs } from '@/lib/dllm/methods';
import type { FrontierParams, FrontierPoint as JobPoint } from '@/lib/dllm/course/frontier-job';
import { describeFrontier, renderFrontier, type FrontierPoint } from '@/components/viz/frontier-plot';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useAutoStart } from './use-auto-start';

interface Setting { id: string; label: string; group: string; method: MethodId; knobs?: Partial<MethodKnobs> }

/** Cheapest first, so the figure fills quickly. */
export const FRONTIER_SETTINGS: Setting[] = [
  { id: 'bd3-t09', label: 'BD3 τ=0.9', group: 'bd3', method: 'bd3-prefix-cache-threshold', knobs: { tau: 0.9 } },
  { id: 'bd3-one', label: 'BD3 one/pass', group: 'bd3', method: 'bd3-prefix-cache' },
  { id: 'bd3-t07', label: 'BD3 τ=0.7', group: 'bd3', method: 'bd3-prefix-cache-threshold', knobs: { tau: 0.7 } },
  { id: 'bd3-t05', label: 'BD3 τ=0.5', group: 'bd3', method: 'bd3-prefix-cache-threshold', knobs: { tau: 0.5 } },
  { id: 'bd3-t03', label: 'BD3 τ=0.3', group: 'bd3', method: 'bd3-prefix-cache-threshold', knobs: { tau: 0.3 } },
  { id: 'bd3-f1', label: 'BD3 factor 1', group: 'bd3', method: 'bd3-prefix-cache-factor', knobs: { factor: 1 } },
  { id: 'bd3-f3', label: 'BD3 factor 3', group: 'bd3', method: 'bd3-prefix-cache-factor', knobs: { factor: 3 } },
  { id: 'ar', label: 'AR + KV cache', group: 'ar', method: 'ar-kv' },
  { id: 'mdlm-dual-t09', label: 'MDLM dual τ=0.9', group: 'mdlm', method: 'mdlm-dual-cache-threshold', knobs: { tau: 0.9 } },
  { id: 'mdlm-dual-t07', label: 'MDLM dual τ=0.7', group: 'mdlm', method: 'mdlm-dual-cache-threshold', knobs: { tau: 0.7 } },
  { id: 'mdlm-dual-f1', label: 'MDLM dual factor 1', group: 'mdlm', method: 'mdlm-dual-cache-factor', knobs: { factor: 1 } },
  { id: 'mdlm-t09', label: 'MDLM τ=0.9, no cache', group: 'mdlm', method: 'mdlm-threshold', knobs: { tau: 0.9 } },
  { id: 'apd', label: 'APD', group: 'apd', method: 'apd' },
];

export function FrontierLab() {
  const id = useId();
  const [tasks, setTasks] = useState(8);
  const [points, setPoints] = useState<Record<string, JobPoint>>({});
  const [current, setCurrent] = useState<string | null>(null);
  const job = useWorkerJob<JobPoint, JobPoint>();
  const stopped = useRef(false);

  async function run(n = tasks) {
    stopped.current = false;
    setPoints({});
    for (const s of FRONTIER_SETTINGS) {
      if (stopped.current) break;
      setCurrent(s.id);
      const params: FrontierParams = { method: s.method, knobs: s.knobs, tasks: n };
      const done = await job.start('frontier-point', params, (p) => setPoints((all) => ({ ...all, [s.id]: p })));
      if (!done) break;
      setPoints((all) => ({ ...all, [s.id]: done }));
    }
    setCurrent(null);
  }
  const sectionRef = useAutoStart<HTMLElement>(() => { void run(); });
  const running = current !== null;

  const plotted = (x: (p: JobPoint) => number): FrontierPoint[] => FRONTIER_SETTINGS.filter((s) => points[s.id]).map((s) => ({
    id: s.id, label: s.label, group: s.group, x: x(points[s.id]), y: points[s.id].accuracy, provisional: !points[s.id].done,
  }));
  const perPass = plotted((p) => p.tokensPerPass);
  const perSecond = plotted((p) => p.tokensPerSecond);
  const drawPass = useCallback((svg: SVGSVGElement, w: number) => renderFrontier(svg, perPass, { width: w, xLabel: 'answer tokens per forward pass', yLabel: 'exact-match accuracy' }), [perPass]);
  const drawSecond = useCallback((svg: SVGSVGElement, w: number) => renderFrontier(svg, perSecond, { width: w, xLabel: 'tokens per second (here)', yLabel: 'exact-match accuracy', logX: true }), [perSecond]);

  return (
    <section ref={sectionRef} className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="frontier-lab" data-points={Object.values(points).filter((p) => p.done).length}>
      <h3 id={`${id}-title`}>The frontier, measured here: accuracy vs parallelism and speed</h3>
      <div className="race-controls">
        <label>
          Held-out tasks per point <output>{tasks}</output>
          <input type="range" min={4} max={32} step={4} value={tasks} onChange={(e) => setTasks(Number(e.target.value))} disabled={running} />
        </label>
        <p className="widget__actions">
          <button type="button" className="button" onClick={() => { void run(); }} disabled={running}>Measure again</button>
          {running ? <button type="button" className="button button--quiet" onClick={() => { stopped.current = true; job.cancel(); }}>Stop</button> : null}
        </p>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <div className="fast-pair">
        <SvgFigure draw={drawPass} label={`Accuracy vs tokens per pass. ${describeFrontier(perPass, 'tokens per pass')}`} caption="Tokens per forward pass: the parallelism a rule buys." maxWidth={460} testId="frontier-per-pass" />
        <SvgFigure draw={drawSecond} label={`Accuracy vs tokens per second. ${describeFrontier(perSecond, 'tokens per second')}`} caption="Tokens per second on your backend (log scale): what the reader waits for." maxWidth={460} testId="frontier-per-second" />
      </div>
      <table className="fast-table" data-testid="frontier-table">
        <caption>{running ? `measuring ${FRONTIER_SETTINGS.find((s) => s.id === current)?.label}…` : `${Object.keys(points).length} settings measured on ${tasks} held-out tasks each`}</caption>
        <thead><tr><th scope="col">Setting</th><th scope="col">Accuracy</th><th scope="col">Tokens / pass</th><th scope="col">Tokens / s</th></tr></thead>
        <tbody>
          {FRONTIER_SETTINGS.filter((s) => points[s.id]).map((s) => {
            const p = points[s.id];
            return <tr key={s.id} data-setting={s.id}><th scope="row">{s.label}{p.done ? '' : ' …'}</th><td>{(100 * p.accuracy).toFixed(0)}% ({p.correct}/{p.tasks})</td><td>{p.tokensPerPass.toFixed(2)}</td><td>{p.tokensPerSecond.toFixed(0)}</td></tr>;
          })}
        </tbody>
      </table>
      <p className="fast-note">Every number measured live in your browser with the shipped models on the same held-out prompts (exact match). Hollow points are still being measured; the line joins the settings no other setting beats on both axes.</p>
    </section>
  );
}
