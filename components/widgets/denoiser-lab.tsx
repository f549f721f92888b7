'use client';
/**
 * Lesson 03's lab: train the 2D eps-denoiser live in the worker (loss curve, pause, resume, reset,
 * learning rate, steps, data set), starting from the shipped weights when they exist, then sample
 * with DDPM and watch the particles travel back from noise, ending with the energy distance.
 *
 * Usage in MDX: <DenoiserLab />
 */
import { useCallback, useId, useRef, useState } from 'react';
import { TOY_2D_NAMES, type Toy2dName } from '@/lib/data/toy-2d';
import type { DenoiserWeights } from '@/lib/diffusion/gaussian-jobs/model-source';
import type { TrainProgress, TrainResult } from '@/lib/diffusion/gaussian-jobs/train-denoiser-job';
import { renderLineChart } from '../viz/line-chart';
import { useWorkerJob } from '../hooks/use-worker-job';
import { SvgFigure } from './svg-figure';
import { usePretrainedManifest } from './use-pretrained-manifest';
import { ParticleSampler } from './particle-sampler';

const STEP_CHOICES = [50, 200, 500, 1000, 2000, 4000];
const LR_CHOICES = [5e-4, 1e-3, 2e-3, 5e-3];

function movingAverage(values: number[], window: number): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push([i + 1, sum / Math.min(i + 1, window)]);
  }
  return out;
}

export function DenoiserLab() {
  const id = useId();
  const pretrained = usePretrainedManifest();
  const [dataset, setDataset] = useState<Toy2dName>('two-moons');
  const [steps, setSteps] = useState(500);
  const [lr, setLr] = useState(2e-3);
  const [fromPretrained, setFromPretrained] = useState(true);
  const [losses, setLosses] = useState<number[]>([]);
  const [result, setResult] = useState<TrainResult | null>(null);
  const [weights, setWeights] = useState<DenoiserWeights | null>(null);
  const lossRef = useRef<number[]>([]);
  const lastDraw = useRef(0);
  const train = useWorkerJob<TrainResult, TrainProgress>();

  const canUsePretrained = pretrained.status === 'available' && dataset === 'two-moons' && pretrained.models.includes('two-moons');
  const usePretrained = canUsePretrained && fromPretrained;

  async function start() {
    lossRef.current = [];
    setLosses([]);
    setResult(null);
    const init = weights ? { kind: 'weights' as const, value: weights } : usePretrained ? { kind: 'pretrained' as const, id: 'two-moons' } : { kind: 'scratch' as const };
    const r = await train.start('train-denoiser-2d', { dataset, steps, learningRate: lr, init, seed: 5 }, (p) => {
      lossRef.current.push(p.loss);
      const now = performance.now();
      if (now - lastDraw.current > 150 || p.step === p.steps) {
        lastDraw.current = now;
        setLosses([...lossRef.current]);
      }
    });
    setLosses([...lossRef.current]);
    if (r) {
      setResult(r);
      setWeights(r.weights);
    }
  }

  function reset() {
    train.cancel();
    lossRef.current = [];
    setLosses([]);
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
  const source = weights
    ? { kind: 'weights' as const, value: weights }
    : canUsePretrained ? { kind: 'pretrained' as const, id: 'two-moons' } : null;
  const last = losses.length ? movingAverage(losses, 25)[losses.length - 1][1] : null;

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="denoiser-lab">
      <h3 id={`${id}-title`}>Train a denoiser, then sample</h3>
      <p className="diffusion-note" data-testid="pretrained-status">
        {pretrained.status === 'checking' && 'Looking for the pretrained weights…'}
        {pretrained.status === 'available' && `Pretrained weights found (${pretrained.models.join(', ')}): the two-moons model can start from them, or you can train from scratch.`}
        {pretrained.status === 'missing' && `No pretrained weights could be loaded (${pretrained.reason}). Train from scratch below: a few hundred steps already give recognisable samples.`}
      </p>
      <div className="diffusion-controls">
        <label>
          Data set{' '}
          <select value={dataset} disabled={running} onChange={(e) => { setDataset(e.target.value as Toy2dName); setWeights(null); setResult(null); }} data-testid="lab-dataset">
            {TOY_2D_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
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
          <input type="checkbox" checked={usePretrained} disabled={!canUsePretrained || running || weights !== null} onChange={(e) => setFromPretrained(e.target.checked)} data-testid="lab-pretrained" />{' '}
          start from the pretrained weights
        </label>
      </div>
      <p className="widget__actions">
        <button type="button" className="button" onClick={start} disabled={running} data-testid="lab-train">
          {weights ? 'Train more' : 'Train'}
        </button>
        <button type="button" className="button button--quiet" onClick={train.status === 'paused' ? train.resume : train.pause} disabled={!running} data-testid="lab-pause">
          {train.status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button button--quiet" onClick={reset} data-testid="lab-reset">Reset</button>
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
      <p role="status" aria-live="polite" data-testid="lab-status" data-status={train.status}>
        {train.status === 'running' && `Training: step ${losses.length} of ${steps}…`}
        {train.status === 'paused' && `Paused at step ${losses.length}.`}
        {train.status === 'done' && result && (
          <span data-testid="lab-result" data-first={result.firstLoss} data-last={result.lastLoss}>
            Done in {result.seconds.toFixed(1)} s: mean loss {result.firstLoss.toFixed(3)} over the first tenth of the run, {result.lastLoss.toFixed(3)} over the last.
          </span>
        )}
        {train.status === 'error' && `Training failed: ${train.error}`}
        {train.status === 'cancelled' && 'Stopped.'}
      </p>
      {train.status === 'error' && fromPretrained && canUsePretrained ? (
        <p><button type="button" className="button" onClick={() => { setFromPretrained(false); }}>Use a fresh model instead</button></p>
      ) : null}
      <ParticleSampler
        source={source}
        dataset={dataset}
        sourceLabel={weights ? 'the model you just trained' : source ? 'the pretrained model' : null}
      />
    </section>
  );
}
