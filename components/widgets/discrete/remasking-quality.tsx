'use client';
/**
 * Held-out quality of low-confidence vs random remasking, measured live (lesson 09): the reader picks
 * N; the 'remasking-quality' job decodes N held-out task prompts and N held-out story openings with
 * each rule on the shipped MDLM model, and the table shows exact-match and character accuracy on the
 * tasks and the share of completed stories that pass the corpus validator.
 *
 * Usage in MDX: <RemaskingQuality />
 */
import { useId, useState } from 'react';
import type { RemaskingInstance, RemaskingQualityResult } from '@/lib/dllm/lab/remasking-quality';
import { useWorkerJob } from '@/components/hooks/use-worker-job';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

export function RemaskingQuality() {
  const id = useId();
  const [count, setCount] = useState(8);
  const [perStep, setPerStep] = useState(1);
  const [done, setDone] = useState<RemaskingInstance[]>([]);
  const [result, setResult] = useState<RemaskingQualityResult | null>(null);
  const job = useWorkerJob<RemaskingQualityResult, RemaskingInstance>();

  async function run() {
    setDone([]);
    setResult(null);
    const r = await job.start('remasking-quality', { count, tokensPerStep: perStep, seed: 1 }, (i) => setDone((d) => [...d, i]));
    if (r) setResult(r);
  }

  const total = count * 4;
  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="remasking-quality">
      <h3 id={`${id}-title`}>Held-out quality of the two rules</h3>
      <div className="discrete-controls">
        <label>
          Held-out prompts N
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} disabled={job.status === 'running'} data-testid="quality-count">
            {[1, 2, 4, 8, 16].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label>
          Tokens per step
          <select value={perStep} onChange={(e) => setPerStep(Number(e.target.value))} disabled={job.status === 'running'} data-testid="quality-per-step">
            {[1, 2, 4].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={job.status === 'running'} data-testid="quality-run">Measure</button>
        {job.status === 'running' ? <button type="button" className="button button--quiet" onClick={job.cancel}>Stop</button> : null}
      </div>
      <p className="discrete-note" aria-live="polite" data-testid="quality-progress">
        {job.status === 'running' ? `Decoding… ${done.length} of ${total} runs done.` : `${explainRun(count)}`}
      </p>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      {result ? (
        <table className="data-table discrete-table" data-testid="quality-result">
          <caption>Measured just now on your machine in {(result.elapsedMs / 1000).toFixed(1)} s; same prompts, same steps, seed 1.</caption>
          <thead>
            <tr><th scope="col">rule</th><th scope="col">task exact match</th><th scope="col">task characters right</th><th scope="col">valid stories</th></tr>
          </thead>
          <tbody>
            {result.rules.map((r) => (
              <tr key={r.remasking} data-testid={`quality-${r.remasking}`} data-accuracy={r.accuracy} data-characters={r.characterAccuracy} data-stories={r.storyValidity}>
                <th scope="row">{r.remasking}</th>
                <td>{pct(r.accuracy)} of {r.tasks}</td>
                <td>{pct(r.characterAccuracy)}</td>
                <td>{pct(r.storyValidity)} of {r.stories}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {done.length ? (
        <details>
          <summary>Every answer ({done.length})</summary>
          <ul className="discrete-answers">
            {done.map((i, k) => (
              <li key={k}><code>{i.prompt}</code> → <code>{i.answer || '(empty)'}</code> <span className="discrete-note">({i.remasking}{i.kind === 'task' ? `, want ${i.expected}` : ''}: {i.correct ? 'right' : 'wrong'})</span></li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function explainRun(count: number): string {
  return `Decodes ${count} held-out task prompts (12 answer tokens) and ${count} held-out story openings (48 tokens) with each rule.`;
}
