'use client';
/**
 * Lesson 03's lab: train the 2D eps-denoiser live in the worker (loss curve, pause, resume, reset,
 * learning rate, steps, data set), from fresh seeded weights (or, when ticked, the shipped ones), then
 * sample the trained model with DDPM and watch the particles travel back from noise, ending with the
 * energy distance.
 *
 * Usage in MDX: <DenoiserLab />
 */
import { useCallback, useId, useState } from 'react';
import type { Toy2dName } from '@/lib/data/toy-2d';
import type { DenoiserWeights } from '@/lib/diffusion/gaussian/jobs/model-source';
import { denoiserLabSources } from '@/lib/diffusion/gaussian/jobs/lab-sources';
import type { TrainProgress, TrainResult } from '@/lib/diffusion/gaussian/jobs/train-denoiser-job';
import { movingAverage } from '@/lib/math/moving-average';
import { renderLineChart } from '@/components/viz/line-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { DatasetSelect } from './dataset-select';
import { useLossCurve } from '@/components/widgets/shared/training/use-loss-curve';
import { TrainButtons } from '@/components/widgets/shared/training/train-buttons';
import { TrainStatus } from '@/components/widgets/shared/training/train-status';
import { usePretrainedManifest } from './use-pretrained-manifest';
import { ParticleSampler } from './particle-sampler';

const STEP_CHOICES = [50, 200, 500, 1000, 2000, 4000];
const LR_CHOICES = [5e-4, 1e-3, 2e-3, 5e-3];

export function DenoiserLab() {
  const id = useId();
  const pretrained = usePretrainedManifest();
  const [dataset, setDataset] = useState<Toy2dName>('two-moons');
  const [steps, setSteps] = useState(500);
  const [lr, setLr] = useState(2e-3);
  const [fromPretrained, setFromPretrained] = useState(false);
  const curve = useLossCurve(150);
  const { losses } = curve;
  const [result, setResult] = useState<TrainResult | null>(null);
  const [weights, setWeightsState] = useState<DenoiserWeights | null>(null);
  const [weightsVersion, setWeightsVersion] = useState(0);
  const setWeights = (w: DenoiserWeights | null) => {
    setWeightsState(w);
    setWeightsVersion((v) => v + 1);
  };
  const train = useWorkerJob<TrainResult, TrainProgress>();

  const canUsePretrained = pretrained.status === 'available' && dataset === 'two-moons' && pretrained.models.includes('two-moons');
  const sources = denoiserLabSources({ trained: weights, pretrainedReady: canUsePretrained, fromPretrained });

  async function start() {
    curve.clear();
    setResult(null);
    const r = await train.start('train-denoiser-2d', { dataset, steps, learningRate: lr, init: sources.trainInit, seed: 5 }, (p) => {
      curve.record(p.loss);
      curve.showIfDue(p.step === p.steps);
    });
    curve.showNow();
    if (r) {
      setResult(r);
      setWeights(r.weights);
    }
  }

  function reset() {
    train.cancel();
    curve.clear();
    setResult(null);
    setWeights(null);
  }

  const drawLoss = useCallback((svg: SVGSVGElement, width: number) => {
    const series = [
      { name: 'batch loss', points: losses.map((l, i) => [i + 1, l] as [number, number]), tone: 'faint' },
      { name: 'average of 25', points: movingAverage(losses, 25), tone: 'linear' },
    ];
    renderLineChart(svg, series, { width, xLabel: 'training step', yLabel: 'loss: mean (ε − ε_θ)²', xDomain: [1, Math.max(2, steps)], yDomain: [0, Math.max(0.6, ...losses.slice(0, 5).map((l) => Math.min(l, 2.5)))] });
  }, [losses, steps]);

  const running = train.status === 'running' || train.status === 'paused';
  const last = losses.length ? movingAverage(losses, 25)[losses.length - 1][1] : null;

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="denoiser-lab">
      <h3 id={`${id}-title`}>Train a denoiser, then sample</h3>
      <p className="diffusion-note" data-testid="pretrained-status">
        {pretrained.status === 'checking' && 'Looking for the pretrained weights…'}
        {pretrained.status === 'available' && `Pretrained weights found (${pretrained.models.join(', ')}): training starts from fresh, seeded weights so you can watch the loss fall; tick the box to start from the two-moons model instead.`}
        {pretrained.status === 'missing' && `No pretrained weights could be loaded (${pretrained.reason}). Train from scratch below: a few hundred steps already give recognisable samples.`}
      </p>
      <div className="diffusion-controls">
        <DatasetSelect value={dataset} disabled={running} onChange={(d) => { setDataset(d); setWeights(null); setResult(null); }} testId="lab-dataset" />
        <label>
          Steps{' '}
          <select value={steps} disabled={running} onChange={(e) => setSteps(Number(e.target.value))} data-testid="lab-steps">
            {STEP_CHOICES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          Learning rate{' '}
          <select value={lr} disabled={running} onChange={(e) => setLr(Number(e.target.value))} data-testid="lab-lr">
            {LR_CHOICES.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={canUsePretrained && fromPretrained} disabled={!canUsePretrained || running || weights !== null} onChange={(e) => setFromPretrained(e.target.checked)} data-testid="lab-pretrained" />{' '}
          start from the pretrained weights
        </label>
      </div>
      <p className="widget__actions">
        <TrainButtons job={train} trainLabel={weights ? 'Train more' : 'Train'} onTrain={start}
          stop={{ label: 'Reset', onClick: reset, testId: 'lab-reset' }} testIds={{ train: 'lab-train', pause: 'lab-pause' }} />
      </p>
      <SvgFigure
        draw={drawLoss}
        maxWidth={640}
        label="training loss against step"
        testId="lab-loss-chart"
        caption={losses.length
          ? `Loss after ${losses.length} of ${steps} steps: ${last?.toFixed(3)} (average of the last 25 batches). A net that predicts ε_θ = 0 scores 1.`
          : 'The loss curve appears here while the model trains.'}
      />
      <TrainStatus status={train.status} error={train.error} stepsDone={losses.length} steps={steps} testId="lab-status" done={result && (
        <span data-testid="lab-result" data-first={result.firstLoss} data-last={result.lastLoss}>
          Done in {result.seconds.toFixed(1)} s: mean loss {result.firstLoss.toFixed(3)} over the first tenth of the run, {result.lastLoss.toFixed(3)} over the last.
        </span>
      )} />
      {train.status === 'error' && fromPretrained && canUsePretrained ? (
        <p><button type="button" className="button" onClick={() => { setFromPretrained(false); }}>Use a fresh model instead</button></p>
      ) : null}
      {/* Keyed by the weights: a new trained model never shows the samples of the one before. */}
      <ParticleSampler key={weightsVersion} source={sources.sampleSource} dataset={dataset} sourceLabel={sources.sampleLabel} />
    </section>
  );
}
