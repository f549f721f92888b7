'use client';
/**
 * "Speed is quality": rollouts per second of the AR twin and of the block-diffusion model on the
 * same held-out task prompts, decoded live on the shipped models, and what that rate buys in a
 * fixed RL budget (rollouts, and GRPO steps of 64 rollouts).
 *
 * Usage in MDX: <RolloutSpeed />
 */
import { useId, useMemo, useState } from 'react';
import { defaultLabKnobs, type LabMethod } from '@/lib/dllm/lab/lab-methods';
import { LAB_METHOD_INFO } from '@/lib/dllm/lab/lab-methods';
import { racePrompts } from '@/components/widgets/dllm/race-prompts';
import { meanOf, useMethodTimings, type TimedRun } from '@/components/widgets/machine/use-method-timings';

const METHODS: LabMethod[] = ['ar-kv', 'bd3-prefix-cache-threshold', 'mdlm-dual-cache-threshold'];
const BUDGET_MINUTES = 5;
const ROLLOUTS_PER_STEP = 64;

export function RolloutSpeed() {
  const id = useId();
  const prompts = useMemo(() => racePrompts().filter((p) => p.group === 'short' && p.kind !== 'story'), []);
  const [genLength, setGenLength] = useState(64);
  const timings = useMethodTimings();

  const runs: TimedRun[] = METHODS.flatMap((method) => prompts.map((p) => ({ method, prompt: p.prompt, ...defaultLabKnobs(genLength) })));
  const rows = METHODS.map((method) => {
    const mine = timings.results.filter((r) => r.method === method);
    const ms = meanOf(mine.map((r) => r.result.elapsedMs));
    const perSecond = ms > 0 ? 1000 / ms : 0;
    return { method, n: mine.length, ms, perSecond, correct: mine.filter((r) => r.result.correct === 1).length };
  });
  const ar = rows[0];
  return (
    <section className="widget" aria-labelledby={`${id}-title`} data-testid="rollout-speed">
      <h3 id={`${id}-title`}>Rollouts per second, and what they buy</h3>
      <div className="post-training-controls">
        <label>
          Canvas (tokens generated)
          <select value={genLength} disabled={timings.running} onChange={(e) => setGenLength(Number(e.target.value))} data-testid="rollout-length">
            {[32, 64, 128].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void timings.runAll(runs)} disabled={timings.running} data-testid="rollout-run">
          {timings.running ? `Decoding ${(timings.current ?? 0) + 1} of ${runs.length}…` : `Time ${runs.length} rollouts`}
        </button>
        <button type="button" className="button button--quiet" onClick={timings.stop} disabled={!timings.running}>Stop</button>
      </div>
      <table className="data-table" data-testid="rollout-table">
        <caption>
          {prompts.length} held-out task prompts per method, one at a time, on the shipped models in your browser. A GRPO step
          here needs {ROLLOUTS_PER_STEP} rollouts; the budget is {BUDGET_MINUTES} minutes of rollouts.
        </caption>
        <thead><tr><th>method</th><th>ms per rollout</th><th>rollouts/s</th><th>vs AR</th><th>rollouts in {BUDGET_MINUTES} min</th><th>GRPO steps</th><th>correct</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.method} data-method={r.method}>
              <td>{LAB_METHOD_INFO[r.method].label}</td>
              <td>{r.n ? r.ms.toFixed(0) : '…'}</td>
              <td>{r.n ? r.perSecond.toFixed(1) : '…'}</td>
              <td>{r.n && ar.n ? `${(r.perSecond / ar.perSecond).toFixed(2)}×` : '…'}</td>
              <td>{r.n ? Math.round(r.perSecond * 60 * BUDGET_MINUTES).toLocaleString('en') : '…'}</td>
              <td>{r.n ? Math.floor((r.perSecond * 60 * BUDGET_MINUTES) / ROLLOUTS_PER_STEP).toLocaleString('en') : '…'}</td>
              <td>{r.n ? `${r.correct} of ${r.n}` : '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {timings.status === 'error' ? <p role="alert">Decoding failed: {timings.error}</p> : null}
    </section>
  );
}
