'use client';
/**
 * DDPM sampling with the particles animated: 2,000 points (or 500) start as pure noise and travel
 * back over T = 1000 steps; eight of them leave trails. Ends with the energy distance to fresh data,
 * next to pure noise and a second data draw. With reduced motion only the end state (and the trails,
 * which show every step) is drawn.
 * Used inside DenoiserLab; not a lesson tag on its own.
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { Toy2dName } from '@/lib/data/toy-2d';
import type { DenoiserSource } from '@/lib/diffusion/gaussian/jobs/model-source';
import type { Sample2dResult, SampleFrame } from '@/lib/diffusion/gaussian/jobs/sample-2d-job';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { QualityLine } from './quality-line';

const TRAILS = 8;

export function ParticleSampler({ source, dataset, sourceLabel }: { source: DenoiserSource | null; dataset: Toy2dName; sourceLabel: string | null }) {
  const id = useId();
  const reduced = useReducedMotion();
  const [n, setN] = useState(2000);
  const [frame, setFrame] = useState<SampleFrame | null>(null);
  const [result, setResult] = useState<Sample2dResult | null>(null);
  const trails = useRef<number[][]>([]);
  const [trailArrays, setTrailArrays] = useState<Float32Array[]>([]);
  const job = useWorkerJob<Sample2dResult, SampleFrame>();

  async function sample() {
    if (!source) return;
    setResult(null);
    setFrame(null);
    trails.current = Array.from({ length: TRAILS }, () => []);
    const r = await job.start('sample-2d', { source, dataset, sampler: 'ddpm', n, seed: 7, frames: 100 }, (f) => {
      for (let k = 0; k < TRAILS; k++) trails.current[k].push(f.x[2 * k], f.x[2 * k + 1]);
      if (!reduced || f.step === 0) {
        setFrame(f);
        setTrailArrays(trails.current.map((tr) => Float32Array.from(tr)));
      }
    });
    if (r) {
      setResult(r);
      setFrame({ step: r.steps, total: r.steps, t: 0, x: r.x });
      setTrailArrays(trails.current.map((tr) => Float32Array.from(tr)));
    }
  }

  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderScatter2d(svg, { points: frame?.x ?? new Float32Array(0), trails: trailArrays }, { width, extent: 3.5, radius: n > 1000 ? 1.3 : 1.8 });
  }, [frame, trailArrays, n]);

  return (
    <div className="diffusion-subwidget" data-testid="particle-sampler" aria-labelledby={`${id}-title`} role="group">
      <h4 id={`${id}-title`}>Sample with DDPM (T = 1000 steps)</h4>
      <div className="diffusion-controls">
        <label>
          Particles{' '}
          <select value={n} onChange={(e) => setN(Number(e.target.value))} data-testid="sampler-n">
            <option value={500}>500</option>
            <option value={2000}>2000</option>
          </select>
        </label>
        <button type="button" className="button" onClick={sample} disabled={!source || job.status === 'running'} data-testid="sampler-run">
          Sample {sourceLabel ? `from ${sourceLabel}` : ''}
        </button>
        {job.status === 'running' ? <button type="button" className="button button--quiet" onClick={job.cancel}>Stop</button> : null}
      </div>
      {!source ? <p className="diffusion-note">Train a model first (or load the pretrained one) to sample from it.</p> : null}
      <SvgFigure
        draw={draw}
        maxWidth={460}
        label="particles during DDPM sampling"
        testId="sampler-figure"
        caption={
          <span data-testid="sampler-progress" data-step={frame?.step ?? -1} data-total={frame?.total ?? 0}>
            {frame
              ? `Step ${frame.step} of ${frame.total} (t = ${frame.t}): ${n} particles; the ${TRAILS} lines are the paths of the first ${TRAILS} particles from noise to data.`
              : 'Particles appear here as pure noise and travel back to the data.'}
            {reduced && job.status === 'running' ? ' (Reduced motion: the end state is shown when sampling finishes.)' : ''}
          </span>
        }
      />
      {job.status === 'error' ? <p className="callout callout--warning" role="alert">Sampling failed: {job.error}</p> : null}
      {result?.quality ? <QualityLine quality={result.quality} seconds={result.seconds} label={`DDPM-1000 from ${sourceLabel ?? 'the model'}`} /> : null}
    </div>
  );
}
