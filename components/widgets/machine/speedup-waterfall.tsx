'use client';
/**
 * The speed-up waterfall: one held-out prompt decoded by vanilla masked diffusion, then with one idea
 * added at a time (the parallel rule, the dual cache, blocks with an exact cache), each step measured
 * live on the shipped models, with the AR twin as the bar to beat.
 *
 * Usage in MDX: <SpeedupWaterfall />
 */
import { useId, useMemo, useState } from 'react';
import { defaultLabKnobs, type LabMethod } from '@/lib/dllm/lab/lab-methods';
import { racePrompts } from '@/components/widgets/dllm/race-prompts';
import { useMethodTimings, type TimedRun } from './use-method-timings';

const STEPS: { method: LabMethod; idea: string }[] = [
  { method: 'mdlm-vanilla', idea: 'vanilla masked diffusion (one token per pass)' },
  { method: 'mdlm-threshold', idea: '+ parallel rule (threshold 0.9)' },
  { method: 'mdlm-dual-cache-threshold', idea: '+ dual cache (approximate)' },
  { method: 'bd3-prefix-cache-threshold', idea: '+ blocks of 8 (exact prefix cache)' },
  { method: 'ar-kv', idea: 'the AR twin with its KV cache' },
];

export function SpeedupWaterfall() {
  const id = useId();
  const prompts = useMemo(() => racePrompts().filter((p) => p.kind !== 'story' && p.genLength === 64), []);
  const [promptIndex, setPromptIndex] = useState(0);
  const timings = useMethodTimings();
  const prompt = prompts[promptIndex];
  const runs: TimedRun[] = STEPS.map((s) => ({ method: s.method, prompt: prompt?.prompt ?? '', ...defaultLabKnobs(64) }));

  const vanilla = timings.results.find((r) => r.method === 'mdlm-vanilla')?.result.tokensPerSecond;
  const best = Math.max(1e-9, ...timings.results.map((r) => r.result.tokensPerSecond));
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="speedup-waterfall">
      <h3 id={`${id}-title`}>One idea at a time</h3>
      <div className="post-training-controls">
        <label>
          Prompt
          <select value={promptIndex} disabled={timings.running} onChange={(e) => setPromptIndex(Number(e.target.value))} data-testid="waterfall-prompt">
            {prompts.map((p, i) => <option key={i} value={i}>{p.kind}: {p.prompt.length > 36 ? `${p.prompt.slice(0, 36)}…` : p.prompt}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void timings.runAll(runs)} disabled={timings.running || !prompt} data-testid="waterfall-run">
          {timings.running ? `Decoding step ${(timings.current ?? 0) + 1} of ${runs.length}…` : 'Measure the waterfall'}
        </button>
        <button type="button" className="button button--quiet" onClick={timings.stop} disabled={!timings.running}>Stop</button>
      </div>
      <table className="data-table" data-testid="waterfall-table">
        <caption>64 tokens after a held-out prompt, decoded live in your browser; speed-up against the first row.</caption>
        <thead><tr><th>step</th><th>tokens/s</th><th>passes</th><th>tokens per pass</th><th>speed-up</th><th>answer right</th><th aria-hidden="true" /></tr></thead>
        <tbody>
          {STEPS.map((s) => {
            const r = timings.results.find((x) => x.method === s.method)?.result;
            return (
              <tr key={s.method} data-method={s.method}>
                <td>{s.idea}</td>
                <td>{r ? r.tokensPerSecond.toFixed(1) : '…'}</td>
                <td>{r ? r.nfe : '…'}</td>
                <td>{r ? r.tokensPerForward.toFixed(2) : '…'}</td>
                <td>{r && vanilla ? `${(r.tokensPerSecond / vanilla).toFixed(1)}×` : '…'}</td>
                <td>{r ? (r.correct === null ? '–' : r.correct ? 'yes' : 'no') : '…'}</td>
                <td aria-hidden="true" style={{ width: '30%' }}>
                  {r ? <div className={s.method === 'ar-kv' ? 'waterfall-bar-html waterfall-bar-html--ar' : 'waterfall-bar-html'} style={{ width: `${Math.max(1, (100 * r.tokensPerSecond) / best)}%` }} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {timings.status === 'error' ? <p role="alert">Decoding failed: {timings.error}</p> : null}
    </section>
  );
}
