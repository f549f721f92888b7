'use client';
/**
 * Test-time scaling with a verifier on the mirror task: held-out accuracy against forward passes per
 * prompt for more decoding steps, best-of-N and remasking refinement, measured live in the worker
 * ('test-time-scaling') with the shipped known-language MDLM or the RL-tuned weights of this page.
 *
 * Usage in MDX: <TestTimeCurve />
 */
import { useCallback, useId, useState } from 'react';
import type { ScalingMethod, ScalingPoint } from '@/lib/post-training/test-time';
import { renderPointsChart } from '@/components/viz/points-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { useTunedWeights } from './tuned-weights-store';

const COUNT = 128;
const NAMES: Record<ScalingMethod, string> = {
  'more-steps': 'more steps (fewer tokens per pass)',
  'best-of-n': 'best of N, exact verifier',
  remask: 'remask 4 and redo while rejected',
};
const TONES: Record<ScalingMethod, string> = { 'more-steps': '2', 'best-of-n': '0', remask: '1' };
const KNOB: Record<ScalingMethod, string> = { 'more-steps': 'tokens per pass', 'best-of-n': 'N', remask: 'rounds' };

export function TestTimeCurve() {
  const id = useId();
  const tuned = useTunedWeights();
  const [useTuned, setUseTuned] = useState(false);
  const [points, setPoints] = useState<ScalingPoint[]>([]);
  const [ranTuned, setRanTuned] = useState(false);
  const job = useWorkerJob<ScalingPoint[], ScalingPoint>();

  async function run() {
    setPoints([]);
    const got: ScalingPoint[] = [];
    const withTuned = useTuned && tuned !== null;
    setRanTuned(withTuned);
    const source = withTuned ? { kind: 'weights' as const, value: tuned } : { kind: 'pretrained' as const, objective: 'mdlm' as const };
    await job.start('test-time-scaling', { source, count: COUNT, seed: 5 }, (p) => {
      got.push(p);
      setPoints([...got]);
    });
  }

  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    const methods: ScalingMethod[] = ['more-steps', 'best-of-n', 'remask'];
    renderPointsChart(svg, methods.map((m) => ({
      name: NAMES[m], tone: TONES[m],
      points: points.filter((p) => p.method === m).map((p) => [p.passes, p.accuracy] as [number, number]).sort((a, b) => a[0] - b[0]),
    })), { width, xLabel: 'forward passes per prompt (log)', yLabel: 'held-out accuracy', xLog: true, xDomain: [2, 32], yDomain: [0, 1] });
  }, [points]);

  const running = job.status === 'running' || job.status === 'paused';
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="test-time-curve">
      <h3 id={`${id}-title`}>Accuracy for compute: three ways to spend passes</h3>
      <div className="post-training-controls">
        <label>
          <input type="checkbox" checked={useTuned && tuned !== null} disabled={tuned === null || running} onChange={(e) => setUseTuned(e.target.checked)} data-testid="test-time-tuned" />
          use the RL-tuned model from above {tuned ? '' : '(run RL first)'}
        </label>
        <button type="button" className="button" onClick={run} disabled={running} data-testid="test-time-run">
          {running ? 'Measuring…' : `Measure on ${COUNT} held-out prompts`}
        </button>
      </div>
      <SvgFigure
        draw={draw}
        maxWidth={600}
        label="held-out accuracy against forward passes per prompt, for three test-time methods"
        testId="test-time-chart"
        caption={points.length
          ? `Measured live in your browser on ${COUNT} held-out prompts with the ${ranTuned ? 'RL-tuned' : 'shipped'} model; the verifier's own cost is not counted.`
          : 'Each curve will show held-out accuracy as a method spends more forward passes per prompt.'}
      />
      {points.length ? (
        <table className="data-table" data-testid="test-time-table">
          <thead><tr><th>method</th><th>knob</th><th>passes per prompt</th><th>accuracy</th></tr></thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}><td>{NAMES[p.method]}</td><td>{KNOB[p.method]} {p.knob}</td><td>{p.passes.toFixed(1)}</td><td>{(100 * p.accuracy).toFixed(1)}%</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {job.status === 'error' ? <p role="alert">The measurement failed: {job.error}</p> : null}
    </section>
  );
}
