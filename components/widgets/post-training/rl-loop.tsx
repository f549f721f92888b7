'use client';
/**
 * RL in the page: diffu-GRPO on the mirror task, starting from the shipped known-language MDLM, in
 * the model worker ('diffu-grpo-train'). Draws each step's mean reward, its running mean and the
 * held-out accuracy (before training, then every 10 steps); shows a few rollouts of the last step
 * and the rollout rate; the tuned weights can be downloaded, trained further, or reset.
 *
 * Usage in MDX: <RlLoop />  (optional steps={60})
 */
import { useCallback, useId, useState } from 'react';
import type { DiffuGrpoProgress, DiffuGrpoResult } from '@/lib/post-training/rl-job';
import { serializeTunedWeights } from '@/lib/post-training/tuned-weights';
import { movingAverage } from '@/lib/math/moving-average';
import { renderPointsChart } from '@/components/viz/points-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { useLossCurve } from '@/components/widgets/shared/training/use-loss-curve';
import { TrainButtons } from '@/components/widgets/shared/training/train-buttons';
import { TrainStatus } from '@/components/widgets/shared/training/train-status';
import { setTunedWeights, useTunedWeights } from './tuned-weights-store';

const STEP_CHOICES = [10, 30, 60, 120, 240];
const pct = (x: number | undefined) => (x === undefined ? '…' : `${(100 * x).toFixed(1)}%`);

export function RlLoop({ steps: initialSteps = 60 }: { steps?: number }) {
  const id = useId();
  const reduced = useReducedMotion();
  const [steps, setSteps] = useState(STEP_CHOICES.includes(initialSteps) ? initialSteps : 60);
  const rewards = useLossCurve(250);
  const [heldout, setHeldout] = useState<[number, number][]>([]);
  const [last, setLast] = useState<DiffuGrpoProgress | null>(null);
  const [result, setResult] = useState<DiffuGrpoResult | null>(null);
  const tuned = useTunedWeights();
  const job = useWorkerJob<DiffuGrpoResult, DiffuGrpoProgress>();
  const [firstPointMs, setFirstPointMs] = useState<number | null>(null);

  async function train() {
    rewards.clear();
    setHeldout([]);
    setLast(null);
    setResult(null);
    setFirstPointMs(null);
    const held: [number, number][] = [];
    const started = performance.now();
    let firstSeen = false;
    const init = tuned ? { kind: 'weights' as const, value: tuned } : { kind: 'pretrained' as const, objective: 'mdlm' as const };
    const r = await job.start('diffu-grpo-train', { steps, init, seed: 1, evalEvery: 10 }, (p) => {
      if (p.step > 0) {
        rewards.record(p.reward);
        if (!firstSeen) {
          firstSeen = true;
          setFirstPointMs(performance.now() - started);
        }
      }
      if (p.heldout !== undefined) {
        held.push([p.step, p.heldout]);
        setHeldout([...held]);
      }
      // Reduced motion: redraw at evaluations only.
      if (rewards.showIfDue(p.step === p.steps || p.step === 1 || (reduced && p.heldout !== undefined), !reduced)) setLast(p);
    });
    rewards.showNow();
    if (r) {
      setResult(r);
      setTunedWeights(r.weights);
    }
  }

  function reset() {
    job.cancel();
    rewards.clear();
    setHeldout([]);
    setLast(null);
    setResult(null);
    setTunedWeights(null);
  }

  function download() {
    if (!tuned) return;
    const note = result ? `diffu-GRPO on the mirror task; held-out accuracy ${pct(result.before)} -> ${pct(result.after)} (${result.heldoutCount} prompts)` : 'diffu-GRPO on the mirror task';
    const blob = new Blob([serializeTunedWeights(tuned, note)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'marble-mirror-mdlm-grpo.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const { losses } = rewards;
  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderPointsChart(svg, [
      { name: 'step reward', points: losses.map((l, i) => [i + 1, l] as [number, number]), tone: 'faint', dotsOnly: true },
      { name: 'mean of 10 steps', points: movingAverage(losses, 10), tone: '0' },
      { name: 'held-out accuracy', points: heldout, tone: '1' },
    ], { width, xLabel: 'RL step', yLabel: 'reward / accuracy', xDomain: [0, Math.max(2, steps)], yDomain: [0, 1] });
  }, [losses, heldout, steps]);

  const running = job.status === 'running' || job.status === 'paused';
  const first = heldout[0]?.[1];
  const lastHeld = heldout.at(-1)?.[1];
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="rl-loop">
      <h3 id={`${id}-title`}>diffu-GRPO in your browser</h3>
      <p>
        Each step draws 8 training prompts, decodes 8 completions of each (4 tokens per pass, sampled), scores them with the
        exact verifier, and makes 2 policy-gradient updates with the one-pass estimate. The held-out accuracy is measured on
        256 prompts the training never sees, with the same dice before and after.
      </p>
      <div className="post-training-controls">
        <label>
          Steps
          <select value={steps} disabled={running} onChange={(e) => setSteps(Number(e.target.value))} data-testid="rl-steps">
            {STEP_CHOICES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <TrainButtons job={job} onTrain={train} trainLabel={tuned ? 'Train the tuned model more' : 'Run RL from the shipped model'}
          stop={{ label: 'Stop', onClick: job.cancel, testId: 'rl-cancel' }} testIds={{ train: 'rl-train', pause: 'rl-pause' }} />
        <button type="button" className="button button--quiet" onClick={reset} disabled={running || (!tuned && !losses.length)} data-testid="rl-reset">Reset to the shipped model</button>
        <button type="button" className="button button--quiet" onClick={download} disabled={!tuned || running} data-testid="rl-download">Download tuned weights</button>
      </div>
      <SvgFigure
        draw={draw}
        maxWidth={640}
        label="mean reward per RL step and held-out accuracy against RL step"
        testId="rl-reward-chart"
        caption={losses.length
          ? `After ${losses.length} of ${steps} steps: reward (mean of the last 10 steps) ${pct(movingAverage(losses, 10).at(-1)?.[1])}; held-out accuracy ${pct(lastHeld)} (it was ${pct(first)} before RL). Measured live in your browser.`
          : first !== undefined
            ? `Held-out accuracy before RL: ${pct(first)}. The reward curve appears with the first step.`
            : 'The reward of each step (grey dots), its running mean and the held-out accuracy appear here while RL runs.'}
      />
      <TrainStatus status={job.status} error={job.error} stepsDone={losses.length} steps={steps} testId="rl-status"
        data={{ 'data-steps-done': losses.length, 'data-before': first, 'data-after': lastHeld, 'data-first-point-ms': firstPointMs ?? undefined }}
        done={result && `Done in ${result.seconds.toFixed(0)} s: held-out accuracy ${pct(result.before)} → ${pct(result.after)} on ${result.heldoutCount} prompts. The tuned weights are kept in this page (download them, train more, or reset).`} />
      {last && last.samples.length > 0 ? (
        <table className="data-table post-training-samples" data-testid="rl-samples">
          <caption>
            Rollouts of step {last.step} ({last.rolloutsPerSecond.toFixed(0)} rollouts/s; KL to the shipped model {last.kl.toFixed(3)} per token;
            {' '}{last.flatGroups} of 8 groups all-equal, so they teach nothing)
          </caption>
          <thead><tr><th>prompt</th><th>completion</th><th>reward</th></tr></thead>
          <tbody>
            {last.samples.map((s, i) => (
              <tr key={i}><td>{s.prompt}</td><td>{s.completion}</td><td className={s.reward ? 'post-training-right' : 'post-training-wrong'}>{s.reward}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
