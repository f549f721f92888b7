'use client';
/**
 * Lesson 09: low-confidence vs random remasking, measured on a masked diffusion model that has
 * learned its task: the known-language MDLM (shipped, or one the reader trains here in about a minute).
 * Two held-out measures per rule, both decoded k tokens per step: the answer given its prompt
 * (argmax; exact match and letters right) and whole sequences generated from all-[MASK] (sampled;
 * share valid). The table first shows the numbers recorded when the shipped model was trained,
 * then the live measurement replaces them.
 *
 * Usage in MDX: <KnownLanguageRemaskingQuality />
 */
import { useId, useMemo, useState } from 'react';
import type { KnownLanguageModelSource, KnownLanguageRemaskingResult, KnownLanguageRemaskingRow } from '@/lib/diffusion/discrete/known-language/jobs';
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useKnownLanguageManifest } from './use-known-language-manifest';
import { KnownLanguageTrainPanel } from './train-panel';

const RULES = ['low-confidence', 'random'] as const;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface Recorded {
  answerAccuracy?: Record<string, Record<string, { exact: number; letters: number }>>;
  generationValidity?: Record<string, Record<string, number>>;
  instances?: number;
}

export function KnownLanguageRemaskingQuality() {
  const id = useId();
  const pretrained = useKnownLanguageManifest('mdlm');
  const [weights, setWeights] = useState<KnownLanguageWeights | null>(null);
  const [count, setCount] = useState(128);
  const [perStep, setPerStep] = useState(2);
  const [rows, setRows] = useState<KnownLanguageRemaskingRow[]>([]);
  const [result, setResult] = useState<KnownLanguageRemaskingResult | null>(null);
  const job = useWorkerJob<KnownLanguageRemaskingResult, KnownLanguageRemaskingRow>();
  const source = useMemo<KnownLanguageModelSource | null>(() => (weights
    ? { kind: 'weights', value: weights }
    : pretrained.status === 'available' ? { kind: 'pretrained', objective: 'mdlm' } : null), [weights, pretrained.status]);

  async function run() {
    if (!source) return;
    setRows([]);
    setResult(null);
    const r = await job.start('known-language-remasking', { source, count, tokensPerStep: perStep, seed: 1 }, (row) => setRows((rs) => [...rs, row]));
    if (r) setResult(r);
  }

  const recorded = pretrained.status === 'available' && !weights ? (pretrained.metrics as Recorded) : null;
  const live = rows.length > 0 || job.status === 'running';
  const shown = RULES.map((rule) => {
    const row = rows.find((r) => r.remasking === rule);
    if (row || live) return row ? { exact: row.exact, letters: row.letters, validity: row.validity } : null;
    const a = recorded?.answerAccuracy?.[rule]?.[perStep];
    const g = recorded?.generationValidity?.[rule]?.[perStep];
    return a && g !== undefined ? { exact: a.exact, letters: a.letters, validity: g } : null;
  });

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="short-remasking-quality">
      <h3 id={`${id}-title`}>Low-confidence vs random remasking on a model that knows its task</h3>
      <p className="discrete-note" data-testid="short-quality-pretrained" data-status={pretrained.status}>
        {pretrained.status === 'checking' && 'Looking for the pretrained short MDLM…'}
        {pretrained.status === 'available' && !weights && `Using the pretrained short MDLM (${pretrained.steps} steps, held-out NELBO ${Number(pretrained.metrics.heldoutLoss).toFixed(3)} nats per token).`}
        {weights && 'Using the MDLM you trained below.'}
        {pretrained.status === 'missing' && !weights && `The pretrained short MDLM could not be loaded (${pretrained.reason}). Train one below (about a minute), then measure.`}
      </p>
      <div className="discrete-controls">
        <label>
          Instances per rule
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} disabled={job.status === 'running'} data-testid="short-quality-count">
            {[32, 128, 256].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>
          Tokens per step k
          <select value={perStep} onChange={(e) => { setPerStep(Number(e.target.value)); setRows([]); setResult(null); }} disabled={job.status === 'running'} data-testid="short-quality-per-step">
            {[1, 2, 4, 8].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={!source || job.status === 'running'} data-testid="short-quality-run">Measure</button>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert" data-testid="short-quality-error">{job.error}</p> : null}
      <table className="data-table discrete-table" data-testid="short-quality-table" data-live={result ? 'yes' : 'no'}>
        <caption>
          {result
            ? `Measured just now on your machine: ${result.count} held-out prompts and ${result.count} generated sequences per rule, ${result.tokensPerStep} token(s) per step.`
            : recorded && !live
              ? `Recorded when the shipped model was trained (${recorded.instances} instances per rule, k = ${perStep}); press Measure to run it here.`
              : 'Press Measure to decode with both rules.'}
          {' '}Answer: the prompt and “|” are given, the 7 reversed letters and the end are decoded (argmax). Generation: all 16 positions start masked and are sampled; valid means the second half is the first reversed.
        </caption>
        <thead>
          <tr><th scope="col">rule</th><th scope="col">answer exact</th><th scope="col">answer letters</th><th scope="col">valid generations</th></tr>
        </thead>
        <tbody>
          {RULES.map((rule, i) => {
            const v = shown[i];
            return (
              <tr key={rule} data-testid={`short-quality-${rule}`} data-exact={v?.exact} data-letters={v?.letters} data-validity={v?.validity}>
                <th scope="row">{rule}</th>
                <td>{v ? pct(v.exact) : job.status === 'running' ? '…' : '—'}</td>
                <td>{v ? pct(v.letters) : job.status === 'running' ? '…' : '—'}</td>
                <td>{v ? pct(v.validity) : job.status === 'running' ? '…' : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length ? (
        <p className="discrete-note" data-testid="short-quality-examples">
          Generated: {rows.map((r) => <span key={r.remasking}>{r.remasking}: {r.examples.map((e, j) => <span key={j}>{j ? ', ' : ''}<code>{e}</code></span>)}. </span>)}
        </p>
      ) : null}
      <details>
        <summary>Train your own short MDLM (about a minute)</summary>
        <KnownLanguageTrainPanel objective="mdlm" pretrained={pretrained} weights={weights} onWeights={(w) => { setWeights(w); setRows([]); setResult(null); }} testPrefix="mdlm-live" />
      </details>
    </section>
  );
}
