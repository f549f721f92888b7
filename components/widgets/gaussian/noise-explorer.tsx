'use client';
/**
 * Drag t and watch data dissolve: 2D points of a chosen toy set and a row of glyph images, noised in
 * closed form x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps with one fixed draw of eps, so dragging t
 * moves each point smoothly from its data position to its noise position. Main thread, typed arrays.
 *
 * Usage in MDX: <NoiseExplorer />
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d, type Toy2dName } from '@/lib/data/toy-2d';
import { sampleGlyphs, GLYPH_SIZE } from '@/lib/data/glyphs';
import { makeSchedule, type ScheduleKind } from '@/lib/diffusion/gaussian/schedules';
import { noiseClosedForm, standardNormal } from '@/lib/diffusion/gaussian/figures/forward-demo';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { renderGlyphStrip } from '@/components/viz/glyph-strip';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { DatasetSelect } from './dataset-select';

const N = 1000;
const GLYPHS = 6;

export function NoiseExplorer() {
  const id = useId();
  const [dataset, setDataset] = useState<Toy2dName>('two-moons');
  const [kind, setKind] = useState<ScheduleKind>('linear');
  const [t, setT] = useState(0);
  const schedule = useMemo(() => makeSchedule({ kind }), [kind]);
  const clean = useMemo(() => sampleToy2d(dataset, N, createRng(11)), [dataset]);
  const eps = useMemo(() => standardNormal(createRng(12), 2 * N), []);
  const glyphs = useMemo(() => sampleGlyphs(GLYPHS, createRng(13)), []);
  const glyphEps = useMemo(() => standardNormal(createRng(14), GLYPHS * GLYPH_SIZE * GLYPH_SIZE), []);
  const points = useMemo(() => noiseClosedForm(schedule, clean.points, t, eps), [schedule, clean, t, eps]);
  const images = useMemo(() => noiseClosedForm(schedule, glyphs.images, t, glyphEps), [schedule, glyphs, t, glyphEps]);
  const abar = schedule.alphaBars[t];
  const drawPoints = useCallback((svg: SVGSVGElement, width: number) => renderScatter2d(svg, { points, labels: clean.labels }, { width, extent: 3.5 }), [points, clean]);
  const drawGlyphs = useCallback((svg: SVGSVGElement, width: number) => renderGlyphStrip(svg, { images, size: GLYPH_SIZE }, { width }), [images]);
  const snr = t === 0 ? '∞' : (abar / (1 - abar)).toPrecision(3);

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="noise-explorer">
      <h3 id={`${id}-title`}>Watch data dissolve</h3>
      <div className="diffusion-controls">
        <DatasetSelect value={dataset} onChange={setDataset} />
        <label>
          Schedule{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ScheduleKind)}>
            <option value="linear">linear</option>
            <option value="cosine">cosine</option>
          </select>
        </label>
        <label className="diffusion-controls__wide">
          Time step t = <output data-testid="noise-t">{t}</output>
          <input type="range" min={0} max={schedule.T} step={1} value={t} onChange={(e) => setT(Number(e.target.value))} aria-valuetext={`t = ${t} of ${schedule.T}`} />
        </label>
      </div>
      <dl className="facts">
        <dt>ᾱ_t (signal variance kept)</dt>
        <dd data-testid="noise-abar">{abar.toFixed(4)}</dd>
        <dt>signal coefficient √ᾱ_t</dt>
        <dd>{Math.sqrt(abar).toFixed(4)}</dd>
        <dt>noise std √(1 − ᾱ_t)</dt>
        <dd>{Math.sqrt(1 - abar).toFixed(4)}</dd>
        <dt>SNR = ᾱ_t / (1 − ᾱ_t)</dt>
        <dd>{snr}</dd>
      </dl>
      <SvgFigure
        draw={drawPoints}
        label={`${N} points of ${dataset} noised to step ${t}`}
        caption={`${N} points of ${dataset}, coloured by class, at t = ${t} (${kind} schedule). Each point is √ᾱ_t times its clean position plus √(1 − ᾱ_t) times its own fixed noise draw.`}
      />
      <SvgFigure
        draw={drawGlyphs}
        maxWidth={640}
        label={`${GLYPHS} glyph images noised to step ${t}`}
        caption={`${GLYPHS} 16×16 glyph images (pixels in [−1, 1]) under the same formula at t = ${t}. The digit shapes are unreadable once the noise std passes the signal coefficient (ᾱ_t < 0.5).`}
      />
    </section>
  );
}
