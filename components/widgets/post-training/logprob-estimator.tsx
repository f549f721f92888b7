'use client';
/**
 * The one-pass log-probability estimate of d1 against the exact value, on held-out mirror-task
 * cases, with the language's exact conditionals (a perfect model), next to the unbiased
 * masked-diffusion bound estimate. Computed in the worker ('logprob-estimator').
 *
 * Usage in MDX: <LogProbEstimator />
 */
import { useCallback, useId, useState } from 'react';
import type { EstimatorCaseRow, EstimatorJobResult } from '@/lib/post-training/estimator-job';
import { renderPointsChart } from '@/components/viz/points-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

const RATES = [0, 0.15, 0.3, 0.5];
const CASES = 24;
const DRAWS = 40;
const f2 = (x: number) => x.toFixed(2);

export function LogProbEstimator() {
  const id = useId();
  const [rate, setRate] = useState(0.15);
  const [rows, setRows] = useState<EstimatorCaseRow[]>([]);
  const [result, setResult] = useState<EstimatorJobResult | null>(null);
  const job = useWorkerJob<EstimatorJobResult, EstimatorCaseRow>();

  async function run() {
    setRows([]);
    setResult(null);
    const got: EstimatorCaseRow[] = [];
    const r = await job.start('logprob-estimator', { rate, cases: CASES, draws: DRAWS, seed: 13 }, (row) => {
      got.push(row);
      if (got.length % 6 === 0) setRows([...got]);
    });
    setRows([...got]);
    if (r) setResult(r);
  }

  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderPointsChart(svg, [
      { name: `one-pass (d1), prompt mask ${rate}`, points: rows.map((r) => [r.exact, r.onePass.mean] as [number, number]), tone: '1', dotsOnly: true },
      { name: 'masked-diffusion bound', points: rows.map((r) => [r.exact, r.bound.mean] as [number, number]), tone: '0', dotsOnly: true },
    ], { width, xLabel: 'exact log p(o | q)', yLabel: `estimate (mean of ${DRAWS} draws)`, diagonal: true });
  }, [rows, rate]);

  const running = job.status === 'running' || job.status === 'paused';
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="logprob-estimator">
      <h3 id={`${id}-title`}>How wrong is the one-pass estimate?</h3>
      <div className="post-training-controls">
        <label>
          Prompt-mask rate
          <select value={rate} disabled={running} onChange={(e) => setRate(Number(e.target.value))} data-testid="estimator-rate">
            {RATES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={running} data-testid="estimator-run">
          {running ? 'Computing…' : `Compare on ${CASES} held-out cases`}
        </button>
      </div>
      <SvgFigure
        draw={draw}
        maxWidth={560}
        label="estimated against exact log-probability of held-out completions"
        testId="estimator-chart"
        caption={rows.length
          ? `${rows.length} held-out completions. On the dashed line an estimate is exact. Every conditional is the language's own (computed by enumeration), so the errors are the estimators', not a model's.`
          : 'Each dot will be one held-out completion: its exact log-probability across, an estimate up. Choose a prompt-mask rate and compare.'}
      />
      {result ? (
        <table className="data-table" data-testid="estimator-table">
          <caption>Mean over {result.rows.length} cases, {DRAWS} draws each (prompt-mask rate {result.rate})</caption>
          <thead><tr><th>estimator</th><th>bias (estimate − exact)</th><th>spread of one draw (sd)</th></tr></thead>
          <tbody>
            <tr><td>one-pass (d1)</td><td data-testid="estimator-onepass-bias">{f2(result.onePassBias)} nats</td><td>{f2(result.onePassSd)}</td></tr>
            <tr><td>masked-diffusion bound (unbiased)</td><td data-testid="estimator-bound-bias">{f2(result.boundBias)} ± {f2(result.boundBiasSe)} nats</td><td>{f2(result.boundSd)}</td></tr>
          </tbody>
        </table>
      ) : null}
      {job.status === 'error' ? <p role="alert">The estimate failed: {job.error}</p> : null}
    </section>
  );
}
