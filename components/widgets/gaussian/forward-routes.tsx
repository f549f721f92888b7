'use client';
/**
 * Closed-form jump vs t small steps: noises the same clean points both ways (independent noise) and
 * measures the two clouds: per-coordinate mean and variance against theory, and the energy distance
 * between the clouds next to the distance between two closed-form draws (pure sampling noise).
 *
 * Usage in MDX: <ForwardRoutes />
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d, type Toy2dName } from '@/lib/data/toy-2d';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { forwardRouteClouds, type Moments2d } from '@/lib/diffusion/gaussian/figures/forward-demo';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { DatasetSelect } from './dataset-select';
import { BelowZeroNote, EnergyDistanceText } from './energy-distance-text';
import { useDeferredEnergyDistances, type PointSetPair } from './use-deferred-energy-distances';

const N = 1000;
const fmt = (m: Moments2d, key: 'mean' | 'variance') => `(${m[key][0].toFixed(3)}, ${m[key][1].toFixed(3)})`;

export function ForwardRoutes() {
  const id = useId();
  const [dataset, setDataset] = useState<Toy2dName>('two-moons');
  const [draft, setDraft] = useState(200);
  const [t, setT] = useState(200);
  const schedule = useMemo(() => linearSchedule(), []);
  const x0 = useMemo(() => sampleToy2d(dataset, N, createRng(21)).points, [dataset]);
  // Recomputed when the slider is released (t steps of noise for 1000 points: a few ms per 100 steps).
  const r = useMemo(() => forwardRouteClouds(schedule, x0, t, 22), [schedule, x0, t]);
  const pairs = useMemo((): PointSetPair[] => [[r.closed, r.stepwise], [r.closed, r.closedAgain]], [r]);
  const [distance, floor] = useDeferredEnergyDistances(pairs);
  const drawClosed = useCallback((svg: SVGSVGElement, width: number) => renderScatter2d(svg, { points: r.closed }, { width, extent: 3.5 }), [r]);
  const drawSteps = useCallback((svg: SVGSVGElement, width: number) => renderScatter2d(svg, { points: r.stepwise }, { width, extent: 3.5 }), [r]);
  const commit = () => setT(draft);
  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="forward-routes">
      <h3 id={`${id}-title`}>One jump or {t} small steps?</h3>
      <div className="diffusion-controls">
        <DatasetSelect value={dataset} onChange={setDataset} />
        <label className="diffusion-controls__wide">
          t = <output>{draft}</output> (linear schedule)
          <input type="range" min={1} max={1000} value={draft} onChange={(e) => setDraft(Number(e.target.value))} onPointerUp={commit} onKeyUp={commit} onBlur={commit} />
        </label>
      </div>
      <div className="diffusion-row">
        <SvgFigure draw={drawClosed} label={`closed-form sample at t = ${t}`} caption={`Closed form: x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, one jump.`} />
        <SvgFigure draw={drawSteps} label={`step-by-step sample at t = ${t}`} caption={`Step by step: ${t} updates x_s = √α_s x_(s−1) + √β_s z_s.`} />
      </div>
      <table className="data-table" data-testid="forward-routes-table">
        <caption>Measured on {N} points of {dataset} at t = {r.t}</caption>
        <thead>
          <tr><th scope="col"></th><th scope="col">mean (x, y)</th><th scope="col">variance (x, y)</th></tr>
        </thead>
        <tbody>
          <tr><th scope="row">theory</th><td>{fmt(r.predicted, 'mean')}</td><td>{fmt(r.predicted, 'variance')}</td></tr>
          <tr><th scope="row">closed form</th><td>{fmt(r.closedMoments, 'mean')}</td><td>{fmt(r.closedMoments, 'variance')}</td></tr>
          <tr><th scope="row">step by step</th><td>{fmt(r.stepwiseMoments, 'mean')}</td><td>{fmt(r.stepwiseMoments, 'variance')}</td></tr>
        </tbody>
      </table>
      <p data-testid="forward-routes-distance">
        Energy distance between the two clouds: <strong><Distance value={distance} /></strong>. Between two independent
        closed-form draws (pure sampling noise): <Distance value={floor} />. Same size: the two routes give the same distribution.
        {distance !== null && floor !== null ? <BelowZeroNote values={[distance, floor]} /> : null}
      </p>
    </section>
  );
}

/** An energy distance, or a word while it is measured. */
function Distance({ value }: { value: number | null }) {
  return value === null ? <span data-energy-pending="">measuring…</span> : <EnergyDistanceText value={value} />;
}
