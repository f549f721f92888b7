'use client';
/**
 * DDIM vs DDPM side by side (lesson 05): a steps slider (1000, 100, 50, 20, 10) and an eta slider for
 * DDIM, the full 1000-step DDPM next to it from the same starting noise, and for every run the
 * energy distance to fresh data and the sampler's wall time, collected in a table.
 *
 * Usage in MDX: <SamplerRace />
 */
import { useCallback, useId, useState } from 'react';
import type { Sample2dResult, SampleFrame } from '@/lib/diffusion/gaussian/jobs/sample-2d-job';
import { renderScatter2d } from '@/components/viz/scatter-2d';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { readEnergyDistance } from '@/lib/metrics/energy-distance-reading';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { BelowZeroNote, EnergyDistanceText } from './energy-distance-text';

const STEPS = [1000, 100, 50, 20, 10];
const SOURCE = { kind: 'pretrained' as const, id: 'two-moons' };

interface Row { sampler: string; steps: number; eta: number; ed: number; noise: number; floor: number; seconds: number }

export function SamplerRace() {
  const id = useId();
  const reduced = useReducedMotion();
  const [stepIndex, setStepIndex] = useState(2);
  const [eta, setEta] = useState(0);
  const [n, setN] = useState(2000);
  const [ddimFrame, setDdimFrame] = useState<Float32Array | null>(null);
  const [ddpmFrame, setDdpmFrame] = useState<Float32Array | null>(null);
  const [ddpmDone, setDdpmDone] = useState<{ n: number; row: Row } | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [phase, setPhase] = useState<string>('');
  const job = useWorkerJob<Sample2dResult, SampleFrame>();
  const steps = STEPS[stepIndex];

  const toRow = (r: Sample2dResult, label: string): Row => ({
    sampler: label, steps: r.steps, eta: r.eta, ed: r.quality!.energyDistance, noise: r.quality!.noiseBaseline, floor: r.quality!.dataFloor, seconds: r.seconds,
  });

  async function run() {
    setPhase(`DDIM, ${steps} steps, η = ${eta}`);
    const onFrame = (set: (x: Float32Array) => void) => (f: SampleFrame) => { if (!reduced || f.step === 0) set(f.x); };
    const ddim = await job.start('sample-2d', { source: SOURCE, dataset: 'two-moons', sampler: 'ddim', steps, eta, n, seed: 9, frames: 20 }, onFrame(setDdimFrame));
    if (!ddim) return setPhase('');
    setDdimFrame(ddim.x);
    const ddimRow = toRow(ddim, 'DDIM');
    setRows((r) => [ddimRow, ...r]);
    if (!ddpmDone || ddpmDone.n !== n) {
      setPhase('DDPM, 1000 steps (the reference; run once)');
      const ddpm = await job.start('sample-2d', { source: SOURCE, dataset: 'two-moons', sampler: 'ddpm', n, seed: 9, frames: 20 }, onFrame(setDdpmFrame));
      if (!ddpm) return setPhase('');
      setDdpmFrame(ddpm.x);
      const row = toRow(ddpm, 'DDPM');
      setDdpmDone({ n, row });
      setRows((r) => [row, ...r]);
    }
    setPhase('');
  }

  const drawDdim = useCallback((svg: SVGSVGElement, width: number) => renderScatter2d(svg, { points: ddimFrame ?? new Float32Array(0) }, { width, extent: 3, radius: 1.3 }), [ddimFrame]);
  const drawDdpm = useCallback((svg: SVGSVGElement, width: number) => renderScatter2d(svg, { points: ddpmFrame ?? new Float32Array(0) }, { width, extent: 3, radius: 1.3 }), [ddpmFrame]);
  const ddpmRow = ddpmDone?.row;
  const lastDdim = rows.find((r) => r.sampler === 'DDIM');

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="sampler-race">
      <h3 id={`${id}-title`}>DDIM vs DDPM: quality against steps</h3>
      <div className="diffusion-controls">
        <label className="diffusion-controls__wide">
          DDIM steps: <output data-testid="race-steps">{steps}</output>
          <input type="range" min={0} max={STEPS.length - 1} step={1} value={stepIndex} onChange={(e) => setStepIndex(Number(e.target.value))} aria-valuetext={`${steps} steps`} disabled={job.status === 'running'} />
        </label>
        <label className="diffusion-controls__wide">
          η (0 = deterministic DDIM, 1 = DDPM-like noise): <output>{eta.toFixed(1)}</output>
          <input type="range" min={0} max={1} step={0.1} value={eta} onChange={(e) => setEta(Number(e.target.value))} aria-valuetext={`eta ${eta.toFixed(1)}`} disabled={job.status === 'running'} />
        </label>
        <label>
          Particles{' '}
          <select value={n} onChange={(e) => setN(Number(e.target.value))} disabled={job.status === 'running'} data-testid="race-n">
            <option value={500}>500</option>
            <option value={2000}>2000</option>
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={job.status === 'running'} data-testid="race-run">Sample</button>
        <button type="button" className="button button--quiet" onClick={job.cancel} disabled={job.status !== 'running'} data-testid="race-stop">Stop</button>
      </div>
      <p role="status" aria-live="polite" className="diffusion-note" data-testid="race-status">{phase ? `Running ${phase}…` : job.status === 'error' ? `Failed: ${job.error}` : job.status === 'cancelled' ? 'Stopped.' : ''}</p>
      <div className="diffusion-row">
        <SvgFigure draw={drawDdim} label="DDIM samples" caption={lastDdim ? `DDIM, ${lastDdim.steps} steps, η = ${lastDdim.eta}: energy distance ${readEnergyDistance(lastDdim.ed).text} in ${lastDdim.seconds.toFixed(2)} s.` : 'DDIM samples appear here.'} />
        <SvgFigure draw={drawDdpm} label="DDPM samples" caption={ddpmRow ? `DDPM, 1000 steps: energy distance ${readEnergyDistance(ddpmRow.ed).text} in ${ddpmRow.seconds.toFixed(2)} s.` : 'DDPM (1000 steps, same starting noise) appears here.'} />
      </div>
      <table className="data-table" data-testid="race-table">
        <caption>Every run on this page ({n} particles; energy distance to fresh data, lower is better; pure noise ≈ {rows[0] ? <EnergyDistanceText value={rows[0].noise} /> : '…'}, a second data draw ≈ {rows[0] ? <EnergyDistanceText value={rows[0].floor} /> : '…'})<BelowZeroNote values={rows.flatMap((r) => [r.ed, r.floor])} /></caption>
        <thead>
          <tr><th scope="col">sampler</th><th scope="col">steps</th><th scope="col">η</th><th scope="col">energy distance</th><th scope="col">seconds</th><th scope="col">time vs DDPM</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="race-row" data-sampler={r.sampler} data-ed={r.ed} data-seconds={r.seconds}>
              <th scope="row">{r.sampler}</th><td>{r.steps}</td><td>{r.eta.toFixed(1)}</td><td><EnergyDistanceText value={r.ed} /></td><td>{r.seconds.toFixed(2)}</td>
              <td>{ddpmRow ? `${(r.seconds / ddpmRow.seconds).toFixed(3)}×` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
