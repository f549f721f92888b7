'use client';
/**
 * Part of SeddLiveTraining (lesson 08), not a lesson tag: N sequences from all-[MASK] with the
 * Euler and Tweedie tau-leaping samplers at 2 to 64 steps, driven by the model's learned score,
 * and the share of valid sequences (the answer really is the prompt reversed) for each.
 */
import { useId, useState } from 'react';
import type { KnownLanguageModelSource, KnownLanguageSampleResult, KnownLanguageSampleRow } from '@/lib/diffusion/discrete/known-language/jobs';
import type { KnownLanguageSchedule } from '@/lib/diffusion/discrete/known-language/sample';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { EulerTweedieTable, ScheduleSelect } from '../euler-tweedie-table';

const STEPS = [2, 4, 8, 16, 32, 64];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function KnownLanguageSamplesPanel({ source, sourceLabel }: { source: KnownLanguageModelSource | null; sourceLabel: string }) {
  const id = useId();
  const [schedule, setSchedule] = useState<KnownLanguageSchedule>('geometric');
  const [count, setCount] = useState(128);
  const [rows, setRows] = useState<KnownLanguageSampleRow[]>([]);
  const [result, setResult] = useState<KnownLanguageSampleResult | null>(null);
  const job = useWorkerJob<KnownLanguageSampleResult, KnownLanguageSampleRow>();

  async function run() {
    if (!source) return;
    setRows([]);
    setResult(null);
    const r = await job.start('known-language-sample', { source, steps: STEPS, count, schedule, seed: 1 }, (row) => setRows((rs) => [...rs, row]));
    if (r) setResult(r);
  }
  const finest = rows.filter((r) => r.sampler === 'tweedie').at(-1);

  return (
    <div className="discrete-panel" data-testid="short-samples">
      <h4 id={`${id}-title`}>Sample with Euler and Tweedie ({sourceLabel})</h4>
      <div className="discrete-controls">
        <ScheduleSelect value={schedule} onChange={setSchedule} disabled={job.status === 'running'} testId="samples-schedule" logLinearNote="as in training" />
        <label>
          Sequences per cell
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} disabled={job.status === 'running'} data-testid="samples-count">
            {[32, 128, 512].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={!source || job.status === 'running'} data-testid="samples-run">Sample</button>
        {job.status === 'running' ? <button type="button" className="button button--quiet" onClick={job.cancel} data-testid="samples-stop">Stop</button> : null}
      </div>
      {job.error ? <p className="notice notice--warning" role="alert" data-testid="samples-error">{job.error}</p> : null}
      <EulerTweedieTable steps={STEPS} rows={rows} running={job.status === 'running'} testId="samples-table" cellTestId={(sampler, s) => `samples-${sampler}-${s}`}
        caption={<>
          Share of valid samples (the second half is the first half reversed) out of {count} per cell, with the time each cell took.
          {result ? ` Drawing each position from its true marginal would give ${result.chance.toExponential(1)}.` : ''}
        </>}
        show={(row) => `${pct(row.validity)} (${(row.ms / 1000).toFixed(2)} s)`} data={(row) => ({ 'data-validity': row?.validity })} />
      {finest ? (
        <p className="discrete-note" data-testid="samples-examples">
          Tweedie, {finest.steps} steps: {finest.examples.map((e, i) => <span key={i}>{i ? ', ' : ''}<code>{e}</code></span>)}
        </p>
      ) : null}
    </div>
  );
}
