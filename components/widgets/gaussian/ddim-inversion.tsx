'use client';
/**
 * DDIM inversion (lesson 05): a few points on the moons are encoded into noise by running
 * deterministic DDIM backwards, then decoded again; the figure draws both paths and the page reports
 * the round-trip error.
 *
 * Usage in MDX: <DdimInversion />
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d } from '@/lib/data/toy-2d';
import type { DdimInvertResult } from '@/lib/diffusion/gaussian/jobs/ddim-invert-job';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

const POINTS = new Float32Array([-0.7, 0.35, 0.7, -0.35, 0.0, 0.9]);

function pathsOf(states: Float32Array[], k: number): Float32Array[] {
  return Array.from({ length: k }, (_, i) => Float32Array.from(states.flatMap((s) => [s[2 * i], s[2 * i + 1]])));
}

export function DdimInversion() {
  const id = useId();
  const [steps, setSteps] = useState(50);
  const [result, setResult] = useState<DdimInvertResult | null>(null);
  const reference = useMemo(() => sampleToy2d('two-moons', 800, createRng(31)).points, []);
  const job = useWorkerJob<DdimInvertResult, never>();
  async function run() {
    setResult(null);
    const r = await job.start('ddim-invert-2d', { source: { kind: 'pretrained', id: 'two-moons' }, points: POINTS, steps });
    if (r) setResult(r);
  }
  const k = POINTS.length / 2;
  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderScatter2d(svg, {
      points: result ? result.latent : new Float32Array(0), reference, marks: POINTS,
      trails: result ? [...pathsOf(result.up, k), ...pathsOf(result.down, k)] : [],
    }, { width, extent: 3, radius: 3 });
  }, [result, reference, k]);
  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="ddim-inversion">
      <h3 id={`${id}-title`}>Encode a point into noise, and back</h3>
      <div className="diffusion-controls">
        <label>
          DDIM steps{' '}
          <select value={steps} onChange={(e) => setSteps(Number(e.target.value))}>
            {[10, 20, 50, 100].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={job.status === 'running'} data-testid="invert-run">Invert and decode</button>
      </div>
      <SvgFigure
        draw={draw}
        label="DDIM inversion paths of three points"
        caption={result
          ? `Three data points (red dots) are inverted to noise along the red paths (ending at the blue latent points) and decoded back along the reverse paths. Latents: ${Array.from({ length: k }, (_, i) => `(${result.latent[2 * i].toFixed(2)}, ${result.latent[2 * i + 1].toFixed(2)})`).join(', ')}.`
          : 'Three points on the moons (red dots) over the data (grey).'}
      />
      <p role="status" aria-live="polite" data-testid="invert-result" data-error={result?.maxError ?? ''}>
        {result && `Round trip with ${steps} steps: largest distance between a point and its reconstruction ${result.maxError.toFixed(4)} (the moons are about 3 units wide).`}
        {job.status === 'error' && `Failed: ${job.error}`}
      </p>
    </section>
  );
}
