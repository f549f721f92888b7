'use client';
/**
 * Lesson 01: temperature and top-k on the real autoregressive twin. The worker runs one forward
 * pass of the shipped model after the chosen prompt; the page reshapes the next-character
 * distribution with the sliders (pure arithmetic, lib/dllm/sampling-distribution.ts) and draws the
 * most likely characters as bars, with a table for screen readers in the same markup.
 *
 * Usage in MDX: <SamplingBars />
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { VOCAB } from '@/lib/data/text/tokenizer';
import { temperedTopKProbs } from '@/lib/dllm/sampling-distribution';
import type { NextTokenResult } from '@/lib/dllm/next-token-job';
import { useWorkerJob } from '@/components/hooks/use-worker-job';

const PROMPTS = ['mia went to the ', 'ben saw a big ', 'rev:abc>', 'sort:dbca>'];
const SHOWN = 12;

/** How a character reads in a bar label (a space is otherwise invisible). */
const shown = (id: number) => {
  const name = VOCAB.tokenName(id);
  return name === ' ' ? '␣' : name;
};

export function SamplingBars() {
  const id = useId();
  const [prompt, setPrompt] = useState(PROMPTS[0]);
  const [temperature, setTemperature] = useState(1);
  const [topK, setTopK] = useState(0);
  const [result, setResult] = useState<NextTokenResult | null>(null);
  const job = useWorkerJob<NextTokenResult, never>();
  const { start } = job;

  useEffect(() => {
    let live = true;
    start('ar-next-token', { prompt }).then((r) => { if (live && r) setResult(r); });
    return () => { live = false; };
  }, [prompt, start]);

  const probs = useMemo(() => (result ? temperedTopKProbs(result.logProbs, temperature, topK) : null), [result, temperature, topK]);
  const rows = useMemo(() => {
    if (!probs || !result) return [];
    return Array.from(probs.keys())
      .sort((a, b) => result.logProbs[b] - result.logProbs[a] || a - b)
      .slice(0, SHOWN)
      .map((token) => ({ token, p: probs[token], p1: Math.exp(result.logProbs[token]) }));
  }, [probs, result]);
  const kept = probs ? probs.filter((p) => p > 0).length : 0;

  return (
    <section className="widget sampling-bars" aria-labelledby={`${id}-title`} data-testid="sampling-bars">
      <h3 id={`${id}-title`}>The twin&apos;s next character, reshaped</h3>
      <div className="sampling-bars__controls">
        <label>
          After{' '}
          <select value={prompt} onChange={(e) => setPrompt(e.target.value)} data-testid="sampling-prompt">
            {PROMPTS.map((p) => <option key={p} value={p}>{JSON.stringify(p)}</option>)}
          </select>
        </label>
        <label>
          temperature {temperature.toFixed(2)}{' '}
          <input type="range" min={0.1} max={3} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} data-testid="sampling-temperature" />
        </label>
        <label>
          top-k {topK === 0 ? 'off' : topK}{' '}
          <input type="range" min={0} max={20} step={1} value={topK} onChange={(e) => setTopK(Number(e.target.value))} data-testid="sampling-topk" />
        </label>
      </div>
      <p role="status" aria-live="polite" className="sampling-bars__status" data-testid="sampling-status" data-status={job.status}>
        {job.status === 'running' && !result ? 'Running the twin once in the background…' : null}
        {job.status === 'error' ? `Failed: ${job.error}` : null}
        {probs ? `${kept} character${kept === 1 ? '' : 's'} can be drawn; the ${SHOWN} most likely at temperature 1 are shown.` : null}
      </p>
      {rows.length ? (
        <table className="sampling-bars__table" data-testid="sampling-table">
          <caption>Probability of each next character after {JSON.stringify(result?.prompt)}: as the sampler draws it (bar), and at temperature 1 without top-k (grey mark).</caption>
          <thead><tr><th scope="col">character</th><th scope="col">probability</th><th scope="col" aria-hidden="true" /></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.token} data-testid="sampling-row" data-p={r.p}>
                <th scope="row"><code>{shown(r.token)}</code></th>
                <td>{(100 * r.p).toFixed(1)}%</td>
                <td aria-hidden="true" className="sampling-bars__track">
                  <span className="sampling-bars__bar" style={{ width: `${100 * r.p}%` }} />
                  <span className="sampling-bars__mark" style={{ left: `${100 * r.p1}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="sampling-bars__note">Computed live: one forward pass of the shipped autoregressive twin in this browser&apos;s model worker; the sliders only reshape its output.</p>
    </section>
  );
}
