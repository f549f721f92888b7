'use client';
/**
 * Lesson 04: the learned score s(x, t) = -eps_theta(x, t) / sqrt(1 - abar_t) as arrows on a grid at a
 * chosen t, and particles that follow it with Langevin dynamics (plain at that t, or annealed down a
 * ladder of noise levels), ending with the energy distance of where they land and a count of how many
 * landed on each moon (the data's split is the generator's weights) or stranded away from both.
 *
 * Usage in MDX: <ScoreExplorer />
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d } from '@/lib/data/toy-2d';
import { STRANDED_DISTANCE, TWO_MOONS_WEIGHTS, countMoons } from '@/lib/data/toy-2d-moon-counts';
import type { ScoreFieldResult } from '@/lib/diffusion/gaussian/jobs/score-field-job';
import type { LangevinResult } from '@/lib/diffusion/gaussian/jobs/langevin-job';
import type { SampleFrame } from '@/lib/diffusion/gaussian/jobs/sample-2d-job';
import { langevinRunSetup, type LangevinRun } from '@/lib/diffusion/gaussian/langevin-runs';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { QualityLine } from './quality-line';

const SOURCE = { kind: 'pretrained' as const, id: 'two-moons' };
const T_CHOICES = [10, 50, 100, 200, 400, 700, 1000];

export function ScoreExplorer() {
  const id = useId();
  const reduced = useReducedMotion();
  const [tIndex, setTIndex] = useState(2);
  const t = T_CHOICES[tIndex];
  const [field, setField] = useState<ScoreFieldResult | null>(null);
  const [particles, setParticles] = useState<SampleFrame | null>(null);
  const [result, setResult] = useState<{ value: LangevinResult; label: string } | null>(null);
  const reference = useMemo(() => sampleToy2d('two-moons', 800, createRng(41)).points, []);
  const fieldJob = useWorkerJob<ScoreFieldResult, never>();
  const langevin = useWorkerJob<LangevinResult, SampleFrame>();
  const { start: startField } = fieldJob;

  useEffect(() => {
    startField('score-field-2d', { source: SOURCE, t, gridSize: 19, extent: 2.7 }).then((r) => { if (r) setField(r); });
  }, [t, startField]);

  const plainRun = langevinRunSetup({ kind: 'plain', t });
  const annealedRun = langevinRunSetup({ kind: 'annealed' });
  const [runningLabel, setRunningLabel] = useState<string | null>(null);

  async function runLangevin(run: LangevinRun) {
    const { levels, stepsPerLevel, label } = langevinRunSetup(run);
    setResult(null);
    setRunningLabel(label);
    const r = await langevin.start('langevin-2d', { source: SOURCE, dataset: 'two-moons', levels, stepsPerLevel, n: 1000, seed: 4, frames: 40 }, (f) => {
      if (!reduced || f.step === 0) setParticles(f);
    });
    if (r) {
      setResult({ value: r, label });
      const total = levels.length * stepsPerLevel;
      setParticles({ step: total, total, t: levels[levels.length - 1], x: r.x });
    }
  }

  // Arrows show the direction of the score; lengths are normalised per t so every t is readable.
  const scaled = useMemo(() => {
    if (!field) return null;
    let max = 0;
    for (let i = 0; i < field.scores.length / 2; i++) max = Math.max(max, Math.hypot(field.scores[2 * i], field.scores[2 * i + 1]));
    return { scale: 0.27 / Math.max(max, 1e-9), max };
  }, [field]);
  const drawField = useCallback((svg: SVGSVGElement, width: number) => {
    renderScatter2d(svg, { points: new Float32Array(0), reference, arrows: field ? { from: field.points, vectors: field.scores } : undefined }, { width, extent: 3, arrowScale: scaled?.scale ?? 0.1 });
  }, [field, reference, scaled]);
  const drawParticles = useCallback((svg: SVGSVGElement, width: number) => {
    renderScatter2d(svg, { points: particles?.x ?? new Float32Array(0), reference }, { width, extent: 3, radius: 1.4 });
  }, [particles, reference]);

  // Where the finished run's particles landed: cheap (n point-to-arc distances), so on the main thread.
  const moonCounts = useMemo(() => (result ? countMoons(result.value.x) : null), [result]);
  const percent = (count: number, total: number) => `${(total > 0 ? (100 * count) / total : 0).toFixed(1)}%`;

  // One grid point to read the numbers off: the one nearest (1, 1).
  const probe = useMemo(() => {
    if (!field) return null;
    let best = 0;
    for (let i = 0; i < field.points.length / 2; i++) {
      if (Math.hypot(field.points[2 * i] - 1, field.points[2 * i + 1] - 1) < Math.hypot(field.points[2 * best] - 1, field.points[2 * best + 1] - 1)) best = i;
    }
    const s = [field.scores[2 * best], field.scores[2 * best + 1]];
    return { x: [field.points[2 * best], field.points[2 * best + 1]], s, eps: s.map((v) => -field.sqrtOneMinusAbar * v) };
  }, [field]);

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="score-explorer">
      <h3 id={`${id}-title`}>The learned score, and particles that follow it</h3>
      <label className="diffusion-controls__wide">
        Noise level t = <output data-testid="score-t">{t}</output> (ᾱ_t = {field && field.t === t ? field.abar.toPrecision(3) : '…'})
        <input type="range" min={0} max={T_CHOICES.length - 1} value={tIndex} onChange={(e) => setTIndex(Number(e.target.value))} aria-valuetext={`t = ${t}`} />
      </label>
      <div className="diffusion-row">
        <SvgFigure
          draw={drawField}
          label={`score field at t = ${t}`}
          testId="score-field"
          caption={field
            ? `Arrows: the score s(x, ${field.t}) on a 19×19 grid (lengths scaled; the longest is ${scaled?.max.toFixed(2)}), over the data in grey. Small t: arrows point sharply onto the moons; large t: a smooth pull towards the centre.`
            : 'Computing the score field…'}
        />
        <SvgFigure
          draw={drawParticles}
          label="Langevin particles"
          testId="langevin-figure"
          caption={particles
            ? `${runningLabel}: 1000 particles after ${particles.step} of ${particles.total} updates (level t = ${particles.t}).${moonCounts ? ` Below, each particle is counted for the moon whose curve is nearer, or as stranded when it is more than ${STRANDED_DISTANCE} from both curves.` : ''}`
            : 'Particles start as pure noise when you run Langevin dynamics.'}
        />
      </div>
      {moonCounts ? (
        <p
          className="diffusion-note"
          data-testid="moon-counts"
          data-upper={moonCounts.upper}
          data-lower={moonCounts.lower}
          data-stranded={moonCounts.stranded}
        >
          Upper moon: {moonCounts.upper} ({percent(moonCounts.upper, moonCounts.total)}) · lower moon: {moonCounts.lower} ({percent(moonCounts.lower, moonCounts.total)})
          {' '}· stranded: {moonCounts.stranded} ({percent(moonCounts.stranded, moonCounts.total)}) — the data: {Math.round(100 * TWO_MOONS_WEIGHTS.upper)}% / {Math.round(100 * TWO_MOONS_WEIGHTS.lower)}%
        </p>
      ) : null}
      {probe ? (
        <p data-testid="score-probe">
          At x = ({probe.x[0].toFixed(2)}, {probe.x[1].toFixed(2)}), t = {field!.t}: score s = ({probe.s[0].toFixed(3)}, {probe.s[1].toFixed(3)}),
          so the network's noise guess is ε = −√(1 − ᾱ_t) s = ({probe.eps[0].toFixed(3)}, {probe.eps[1].toFixed(3)}).
        </p>
      ) : null}
      <p className="widget__actions">
        <button type="button" className="button" onClick={() => runLangevin({ kind: 'plain', t })} disabled={langevin.status === 'running'} data-testid="langevin-plain">{plainRun.label}</button>
        <button type="button" className="button" onClick={() => runLangevin({ kind: 'annealed' })} disabled={langevin.status === 'running'} data-testid="langevin-annealed">{annealedRun.label}</button>
        <button type="button" className="button button--quiet" onClick={langevin.cancel} disabled={langevin.status !== 'running'} data-testid="langevin-stop">Stop</button>
      </p>
      <p role="status" aria-live="polite" className="diffusion-note" data-testid="langevin-status" data-status={langevin.status}>
        {langevin.status === 'running' && `Running ${runningLabel}…`}
        {langevin.status === 'cancelled' && `Stopped ${runningLabel}.`}
      </p>
      {langevin.status === 'error' || fieldJob.status === 'error' ? <p className="callout callout--warning" role="alert">{langevin.error ?? fieldJob.error}</p> : null}
      {result ? <QualityLine quality={result.value.quality} seconds={result.value.seconds} label={result.label} /> : null}
    </section>
  );
}
