'use client';
/**
 * Euler vs Tweedie tau-leaping with the EXACT concrete score on the toy distribution (lesson 08):
 * the 'sedd-toy-sample' worker job draws N samples per sampler and step count, and the table shows
 * the total variation distance to the truth. Any error left is the sampler's, not a model's.
 *
 * Usage in MDX: <SeddSamplers />
 */
import { useId, useState } from 'react';
import type { SeddToyResult, SeddToyRow, SeddToySchedule } from '@/lib/diffusion/discrete/sedd-toy-job';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { EulerTweedieTable, ScheduleSelect } from './euler-tweedie-table';

const STEPS = [1, 2, 4, 8, 16, 64];
const PAIRS = ['aa', 'ab', 'ac', 'ba', 'bb', 'bc', 'ca', 'cb', 'cc'];

export function SeddSamplers() {
  const id = useId();
  const [schedule, setSchedule] = useState<SeddToySchedule>('geometric');
  const [samples, setSamples] = useState(2000);
  const [rows, setRows] = useState<SeddToyRow[]>([]);
  const [result, setResult] = useState<SeddToyResult | null>(null);
  const job = useWorkerJob<SeddToyResult, SeddToyRow>();

  async function run() {
    setRows([]);
    setResult(null);
    const r = await job.start('sedd-toy-sample', { steps: STEPS, samples, seed: 1, schedule }, (row) => setRows((rs) => [...rs, row]));
    if (r) setResult(r);
  }
  const finest = rows.filter((r) => r.sampler === 'tweedie').at(-1);

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="sedd-samplers">
      <h3 id={`${id}-title`}>Euler vs Tweedie, with the exact score</h3>
      <div className="discrete-controls">
        <ScheduleSelect value={schedule} onChange={setSchedule} disabled={job.status === 'running'} testId="sedd-schedule" logLinearNote="masked fraction linear in t" />
        <label>
          Samples per cell
          <select value={samples} onChange={(e) => setSamples(Number(e.target.value))} disabled={job.status === 'running'} data-testid="sedd-samples">
            {[500, 2000, 8000].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={job.status === 'running'} data-testid="sedd-run">Sample</button>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <EulerTweedieTable steps={STEPS} rows={rows} running={job.status === 'running'} testId="sedd-tv-table" cellTestId={(sampler, s) => `sedd-tv-${sampler}-${s}`}
        caption={`Total variation distance between ${samples} samples and the true distribution (0 = perfect, 1 = disjoint). Sampling noise alone gives about ${(0.66 / Math.sqrt(samples)).toFixed(3)}.`}
        show={(row) => row.tv.toFixed(3)} />
      {result && finest ? (
        <p data-testid="sedd-finest">
          Tweedie with {finest.steps} steps: {PAIRS.map((p, i) => ({ p, v: finest.probs[i] })).filter((e) => e.v > 0.005).map((e) => `${e.p} ${e.v.toFixed(3)}`).join(', ')}
          {' '}(truth: aa 0.400, ab 0.100, bc 0.300, cb 0.200).
        </p>
      ) : null}
    </section>
  );
}
