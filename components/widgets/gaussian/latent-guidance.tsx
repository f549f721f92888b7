'use client';
/**
 * Lesson 06: classifier-free guidance in an autoencoder's 2D latent space. The map shows encoded
 * training glyphs by class; a class choice and a guidance slider (0 to 8) sample 64 latents with the
 * shipped class-conditional latent denoiser (DDIM-50, in the worker), which are decoded to images and
 * judged by a fixed template classifier: fidelity (share read as the asked class) and diversity (mean
 * pairwise pixel distance). "Train from scratch" trains a fresh latent denoiser in the page with a
 * loss curve; its samples then replace the shipped model's.
 *
 * Usage in MDX: <LatentGuidance />
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { LatentDenoiserWeights } from '@/lib/diffusion/gaussian/latent/glyph-models';
import type { LatentSampleFrame, LatentSampleResult } from '@/lib/diffusion/gaussian/latent/latent-sample-job';
import type { LatentTrainProgress, LatentTrainResult } from '@/lib/diffusion/gaussian/latent/latent-train-job';
import { renderLatentScatter } from '@/components/viz/latent-scatter';
import { renderGlyphGrid } from '@/components/viz/glyph-grid';
import { movingAverage } from '@/lib/math/moving-average';
import { renderLineChart } from '@/components/viz/line-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { useLossCurve } from '@/components/widgets/shared/training/use-loss-curve';
import { TrainButtons } from '@/components/widgets/shared/training/train-buttons';
import { TrainStatus } from '@/components/widgets/shared/training/train-status';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const N = 64;
const SHOWN = 16;
const REFERENCE = 600;
const TRAIN_STEPS = [100, 500, 1500, 3000];

export function LatentGuidance() {
  const id = useId();
  const reduced = useReducedMotion();
  const [k, setK] = useState(3);
  const [w, setW] = useState(1);
  const [result, setResult] = useState<LatentSampleResult | null>(null);
  const [moving, setMoving] = useState<Float32Array | null>(null);
  const [reference, setReference] = useState<LatentSampleResult['reference'] | null>(null);
  const [mine, setMine] = useState<LatentDenoiserWeights | null>(null);
  const [useMine, setUseMine] = useState(false);
  const [steps, setSteps] = useState(500);
  const curve = useLossCurve(150);
  const { losses } = curve;
  const [trained, setTrained] = useState<LatentTrainResult | null>(null);
  const sampler = useWorkerJob<LatentSampleResult, LatentSampleFrame>();
  const trainer = useWorkerJob<LatentTrainResult, LatentTrainProgress>();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { start: startSampler } = sampler;

  // Sample whenever the class, the scale or the model change (debounced, so dragging the slider
  // starts one run at the end; starting a run cancels the previous one).
  const needReference = reference === null;
  useEffect(() => {
    const source = useMine && mine ? { kind: 'weights' as const, value: mine } : { kind: 'pretrained' as const };
    const timer = setTimeout(async () => {
      setMoving(null);
      const r = await startSampler('latent-guidance-sample', {
        source, classLabel: k, w, n: N, steps: 50, seed: 7, frames: reduced ? 0 : 10, reference: needReference ? REFERENCE : 0,
      }, (frame) => setMoving(frame.latents));
      if (!r) return;
      setMoving(null);
      setResult(r);
      if (r.reference) setReference(r.reference);
    }, 250);
    return () => clearTimeout(timer);
    // needReference is read, not watched: the map's data arriving must not start another run.
  }, [k, w, useMine, mine, reduced, startSampler]);

  useEffect(() => {
    if (canvas.current && result) renderGlyphGrid(canvas.current, { images: result.images, size: 16 }, { columns: 8, max: SHOWN });
  }, [result]);

  const drawMap = useCallback((svg: SVGSVGElement, width: number) => {
    renderLatentScatter(svg, { reference: reference ?? undefined, samples: moving ?? result?.latents, classNames: DIGITS, highlight: k }, { width });
  }, [reference, moving, result, k]);

  const drawLoss = useCallback((svg: SVGSVGElement, width: number) => {
    renderLineChart(svg, [
      { name: 'batch loss', points: losses.map((l, i) => [i + 1, l] as [number, number]), tone: 'faint' },
      { name: 'average of 25', points: movingAverage(losses, 25), tone: 'linear' },
    ], { width, xLabel: 'training step', yLabel: 'loss: mean (ε − ε_θ)²', xDomain: [1, Math.max(2, steps)], yDomain: [0, 1.2] });
  }, [losses, steps]);

  async function train() {
    curve.clear();
    setTrained(null);
    const r = await trainer.start('train-latent-denoiser', { steps, seed: 3 }, (p) => {
      curve.record(p.loss);
      curve.showIfDue(p.step === p.steps);
    });
    curve.showNow();
    if (r) {
      setTrained(r);
      setMine(r.weights);
      setUseMine(true);
    }
  }

  const training = trainer.status === 'running' || trainer.status === 'paused';
  const shownLabels = result ? Array.from(result.predicted.subarray(0, SHOWN), (c) => result.classNames[c]).join(' ') : '';
  const modelName = useMine && mine ? 'your model' : 'the shipped model';

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="latent-guidance">
      <h3 id={`${id}-title`}>Guidance in a latent space: 16×16 glyphs through two numbers</h3>
      <div className="diffusion-controls">
        <label>
          Digit{' '}
          <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="latent-class">
            {DIGITS.map((d, i) => <option key={d} value={i}>{d}</option>)}
          </select>
        </label>
        <label className="diffusion-controls__wide">
          <span>Guidance scale w = <output data-testid="latent-w">{w}</output></span>
          <input type="range" min={0} max={8} step={0.5} value={w} onChange={(e) => setW(Number(e.target.value))}
            aria-label="Guidance scale w" aria-valuetext={`w = ${w}`} data-testid="latent-w-slider" />
        </label>
        {mine ? (
          <fieldset className="latent-guidance__source">
            <legend>Latent denoiser</legend>
            <label><input type="radio" name={`${id}-source`} checked={!useMine} onChange={() => setUseMine(false)} /> shipped</label>
            <label><input type="radio" name={`${id}-source`} checked={useMine} onChange={() => setUseMine(true)} data-testid="latent-use-mine" /> trained here</label>
          </fieldset>
        ) : null}
      </div>
      <div className="diffusion-row">
        <SvgFigure
          draw={drawMap}
          label={`latent map: encoded training glyphs by digit and ${N} generated latents for digit ${DIGITS[k]}`}
          testId="latent-map"
          caption={reference
            ? `${REFERENCE} training glyphs encoded to 2D (one colour per digit, named at its centre; digit ${DIGITS[k]} stronger). Dark rings: ${N} latents sampled by ${modelName} for digit ${DIGITS[k]} at w = ${result?.w ?? w}.`
            : 'The latent map appears here once the models have loaded.'}
        />
        <figure className="diffusion-figure latent-guidance__images">
          <canvas ref={canvas} className="latent-guidance__canvas" role="img" data-testid="latent-images"
            aria-label={result ? `${SHOWN} of the ${N} decoded samples; the classifier reads them as: ${shownLabels}` : 'decoded samples (none yet)'} />
          <figcaption>
            {result ? (
              <span data-testid="latent-metrics" data-w={result.w} data-class={result.classLabel} data-fidelity={result.fidelity} data-diversity={result.diversity}>
                Decoded samples for digit {result.classNames[result.classLabel]} at w = {result.w} ({modelName}; first {SHOWN} of {N} shown, read by the classifier as {shownLabels}).
                {' '}Fidelity: <strong>{(result.fidelity * 100).toFixed(0)}%</strong> of the {N} are read as {result.classNames[result.classLabel]} (chance is 10%).
                {' '}Diversity: mean pairwise pixel distance <strong>{result.diversity.toFixed(3)}</strong> (real {result.classNames[result.classLabel]}s: {result.dataDiversity.toFixed(3)}).
              </span>
            ) : 'Decoded samples appear here.'}
          </figcaption>
        </figure>
      </div>
      <p role="status" aria-live="polite" className="diffusion-note" data-testid="latent-sampler-status" data-status={sampler.status}>
        {sampler.status === 'running' && `Sampling ${N} latents with DDIM-50 at w = ${w}…`}
        {sampler.status === 'done' && result && `Sampled in ${result.seconds.toFixed(2)} s.`}
      </p>
      {sampler.status === 'error' ? <p className="callout callout--warning" role="alert" data-testid="latent-error">Sampling failed: {sampler.error}</p> : null}

      <div className="diffusion-subwidget">
        <h4>Train the latent denoiser from scratch</h4>
        <p className="diffusion-note">The autoencoder stays the shipped one; a fresh class-conditional denoiser learns ε on its codes, with the class dropped 15% of the time so guidance works.</p>
        <div className="diffusion-controls">
          <label>
            Steps{' '}
            <select value={steps} disabled={training} onChange={(e) => setSteps(Number(e.target.value))} data-testid="latent-train-steps">
              {TRAIN_STEPS.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <TrainButtons job={trainer} trainLabel="Train from scratch" onTrain={train}
            stop={{ label: 'Stop', onClick: trainer.cancel }} testIds={{ train: 'latent-train', pause: 'latent-train-pause' }} />
        </div>
        <SvgFigure
          draw={drawLoss}
          maxWidth={640}
          label="training loss of the latent denoiser against step"
          testId="latent-loss-chart"
          caption={losses.length
            ? `Loss after ${losses.length} of ${steps} steps: ${movingAverage(losses, 25)[losses.length - 1][1].toFixed(3)} (average of the last 25 batches). Predicting ε_θ = 0 scores 1.`
            : 'The loss curve appears here while the model trains.'}
        />
        <TrainStatus status={trainer.status} error={trainer.error} stepsDone={losses.length} steps={steps} testId="latent-train-status" done={trained && (
          <span data-testid="latent-train-result" data-first={trained.firstLoss} data-last={trained.lastLoss}>
            Trained in {trained.seconds.toFixed(1)} s: mean loss {trained.firstLoss.toFixed(3)} over the first tenth, {trained.lastLoss.toFixed(3)} over the last. The samples above now come from your model.
          </span>
        )} />
      </div>
    </section>
  );
}
