'use client';
/**
 * Shared by SeddLiveTraining (lesson 08) and KnownLanguageRemaskingQuality (lesson 09), not a lesson tag:
 * trains a known-language model in the worker ('known-language-train') with pause, resume and reset, draws the batch
 * loss, its running mean, the held-out loss and the entropy floor, and hands the trained weights up.
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { KnownLanguageTrainJobResult, KnownLanguageTrainProgress } from '@/lib/diffusion/discrete/known-language/jobs';
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';
import { movingAverage } from '@/lib/math/moving-average';
import { renderLineChart } from '@/components/viz/line-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { useLossCurve } from '@/components/widgets/shared/training/use-loss-curve';
import { TrainButtons } from '@/components/widgets/shared/training/train-buttons';
import { TrainStatus } from '@/components/widgets/shared/training/train-status';
import type { KnownLanguageManifestState } from './use-known-language-manifest';

const STEP_CHOICES = [10, 50, 100, 300, 600, 1000, 2000];
/** H(p_0) per token of the shipped language (lib/data/known-language.ts entropyPerToken: (ln 5 + 6 ln 4) / 16). */
const ENTROPY_FLOOR = (Math.log(5) + 6 * Math.log(4)) / 16;

export function KnownLanguageTrainPanel({ objective, pretrained, weights, onWeights, testPrefix }: {
  objective: 'sedd' | 'mdlm';
  pretrained: KnownLanguageManifestState;
  /** Weights trained here earlier (null: none yet). */
  weights: KnownLanguageWeights | null;
  onWeights: (weights: KnownLanguageWeights | null) => void;
  testPrefix: string;
}) {
  const id = useId();
  const reduced = useReducedMotion();
  const [steps, setSteps] = useState(600);
  const [fromPretrained, setFromPretrained] = useState(false);
  const curve = useLossCurve(200);
  const { losses } = curve;
  const [heldout, setHeldout] = useState<[number, number][]>([]);
  const [result, setResult] = useState<KnownLanguageTrainJobResult | null>(null);
  const heldRef = useRef<[number, number][]>([]);
  const job = useWorkerJob<KnownLanguageTrainJobResult, KnownLanguageTrainProgress>();
  const running = job.status === 'running' || job.status === 'paused';
  const canPretrained = pretrained.status === 'available';

  async function train() {
    curve.clear();
    heldRef.current = [];
    setHeldout([]);
    setResult(null);
    const init = weights ? { kind: 'weights' as const, value: weights } : fromPretrained && canPretrained ? { kind: 'pretrained' as const, objective } : { kind: 'scratch' as const };
    const r = await job.start('known-language-train', { objective, steps, init, seed: 1, heldoutEvery: 50 }, (p) => {
      if (p.step > 0) curve.record(p.loss);
      if (p.heldout !== undefined) heldRef.current.push([p.step, p.heldout]);
      // Reduced motion: redraw only at held-out evaluations (every 50 steps) instead of continuously.
      if (curve.showIfDue(p.step === p.steps || (reduced && p.heldout !== undefined), !reduced)) setHeldout([...heldRef.current]);
    });
    curve.showNow();
    setHeldout([...heldRef.current]);
    if (r) {
      setResult(r);
      onWeights(r.weights);
    }
  }

  function reset() {
    job.cancel();
    curve.clear();
    heldRef.current = [];
    setHeldout([]);
    setResult(null);
    onWeights(null);
  }

  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    const xMax = Math.max(2, steps);
    renderLineChart(svg, [
      { name: 'batch loss', points: losses.map((l, i) => [i + 1, l] as [number, number]), tone: 'faint' },
      { name: 'mean of 25', points: movingAverage(losses, 25), tone: '0' },
      { name: 'held-out', points: heldout, tone: '1' },
      { name: 'entropy floor', points: [[0, ENTROPY_FLOOR], [xMax, ENTROPY_FLOOR]], tone: '2' },
    ], { width, xLabel: 'training step', yLabel: 'loss (nats per token)', yLog: true, xDomain: [0, xMax], yDomain: [0.5, 8] });
  }, [losses, heldout, steps]);

  const lastHeld = heldout.at(-1);
  const firstHeld = heldout[0];
  return (
    <div className="discrete-panel" data-testid={`${testPrefix}-train`}>
      <h4 id={`${id}-title`}>Train a {objective === 'sedd' ? 'SEDD' : 'MDLM'} model here</h4>
      <div className="discrete-controls">
        <label>
          Steps
          <select value={steps} disabled={running} onChange={(e) => setSteps(Number(e.target.value))} data-testid={`${testPrefix}-steps`}>
            {STEP_CHOICES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={fromPretrained && canPretrained} disabled={!canPretrained || running || weights !== null} onChange={(e) => setFromPretrained(e.target.checked)} data-testid={`${testPrefix}-from-pretrained`} />
          start from the pretrained weights
        </label>
        <TrainButtons job={job} onTrain={train}
          trainLabel={weights ? 'Train more' : fromPretrained && canPretrained ? 'Train on from the pretrained model' : 'Train from scratch'}
          stop={{ label: 'Reset', onClick: reset, testId: `${testPrefix}-reset` }} testIds={{ train: `${testPrefix}-train-run`, pause: `${testPrefix}-pause` }} />
      </div>
      <SvgFigure
        draw={draw}
        maxWidth={640}
        label={`${objective === 'sedd' ? 'score entropy' : 'NELBO'} loss against training step, log scale`}
        testId={`${testPrefix}-loss-chart`}
        caption={losses.length
          ? `After ${losses.length} of ${steps} steps: batch loss (mean of the last 25) ${movingAverage(losses, 25).at(-1)?.[1].toFixed(3)}; held-out ${lastHeld ? lastHeld[1].toFixed(3) : '…'} nats per token (it started at ${firstHeld?.[1].toFixed(3)}). No model can go below the entropy of the data, ${ENTROPY_FLOOR.toFixed(3)}.`
          : `The loss curve appears here while the model trains: batch loss, its running mean, the held-out loss every 50 steps and the floor ${ENTROPY_FLOOR.toFixed(3)} (the data's entropy per token).`}
      />
      <TrainStatus status={job.status} error={job.error} stepsDone={losses.length} steps={steps} testId={`${testPrefix}-train-status`}
        data={{ 'data-steps-done': losses.length, 'data-first-heldout': firstHeld?.[1], 'data-last-heldout': lastHeld?.[1] }}
        done={result && `Done in ${result.seconds.toFixed(1)} s: mean batch loss ${result.firstLoss.toFixed(3)} over the first tenth, ${result.lastLoss.toFixed(3)} over the last. The panels below now use this model.`} />
    </div>
  );
}
