'use client';
/**
 * What a cache buys and what it costs (lesson 11): held-out task prompts decoded with no cache,
 * Fast-dLLM's prefix and dual caches (shipped MDLM) and block diffusion's exact cache (shipped BD3),
 * one token per pass. Bars: positions run per pass and milliseconds per pass on the reader's
 * backend; columns: agreement with the same model decoded without a cache ('cache-compare' job).
 *
 * Usage in MDX: <CacheCost />
 */
import { useId, useState } from 'react';
import type { CacheCompareParams, CacheCompareProgress, CacheScheme } from '@/lib/dllm/course/cache-compare-job';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useAutoStart } from './use-auto-start';

const LABEL: Record<CacheScheme, string> = {
  'mdlm-none': 'MDLM, no cache',
  'mdlm-prefix': 'MDLM, prefix cache (approximate)',
  'mdlm-dual': 'MDLM, dual cache (approximate)',
  'bd3-none': 'BD3, no cache',
  'bd3-exact': 'BD3, prefix cache (exact)',
};

function Bar({ value, max, text }: { value: number; max: number; text: string }) {
  return (
    <span className="fast-bar"><span className="fast-bar__fill" style={{ width: `${Math.max(1, (100 * value) / Math.max(max, 1e-9))}%` }} /><span className="fast-bar__text">{text}</span></span>
  );
}

export function CacheCost() {
  const id = useId();
  const [prompts, setPrompts] = useState(4);
  const [progress, setProgress] = useState<CacheCompareProgress | null>(null);
  const job = useWorkerJob<CacheCompareProgress, CacheCompareProgress>();
  const running = job.status === 'running';

  function run(n = prompts) {
    setProgress(null);
    const params: CacheCompareParams = { prompts: n, genLength: 32, blockLength: 8 };
    void job.start('cache-compare', params, setProgress).then((p) => { if (p) setProgress(p); });
  }
  const sectionRef = useAutoStart<HTMLElement>(() => run());
  const stats = progress?.stats ?? [];
  const maxPositions = Math.max(...stats.map((s) => s.positionsPerPass), 1);
  const maxMs = Math.max(...stats.map((s) => s.msPerPass), 1e-6);

  return (
    <section ref={sectionRef} className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="cache-cost" data-status={job.status}>
      <h3 id={`${id}-title`}>Cost per pass and agreement, cached vs uncached</h3>
      <div className="race-controls">
        <label>
          Held-out prompts <output>{prompts}</output>
          <input type="range" min={2} max={16} step={2} value={prompts} onChange={(e) => setPrompts(Number(e.target.value))} disabled={running} />
        </label>
        <p className="widget__actions">
          <button type="button" className="button" onClick={() => run()} disabled={running} data-testid="cache-cost-run">Measure again</button>
          {running ? <button type="button" className="button button--quiet" onClick={job.cancel}>Stop</button> : null}
        </p>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <table className="fast-table" data-testid="cache-cost-table">
        <caption>{progress ? `${progress.promptsDone} of ${prompts} prompts done${running ? ' (measuring…)' : ''}` : 'loading the models…'}</caption>
        <thead><tr><th scope="col">Scheme</th><th scope="col">Positions per pass</th><th scope="col">ms per pass (here)</th><th scope="col">Same tokens as uncached</th><th scope="col">Same answer</th></tr></thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.scheme} data-scheme={s.scheme}>
              <th scope="row">{LABEL[s.scheme]}</th>
              <td><Bar value={s.positionsPerPass} max={maxPositions} text={s.positionsPerPass.toFixed(1)} /></td>
              <td><Bar value={s.msPerPass} max={maxMs} text={s.msPerPass.toFixed(1)} /></td>
              <td data-testid={`agree-${s.scheme}`}>{(100 * s.tokenAgreement).toFixed(1)}%</td>
              <td>{(100 * s.answerAgreement).toFixed(0)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fast-note">
        Measured live in your browser: answers of 32 tokens in blocks of 8, one token per pass, so the caches change nothing but the work.
        The exact cache must agree 100% (any other number would be a bug); the approximate ones agree as often as the stale keys and values
        leave the model&apos;s choices unchanged. Milliseconds depend on your backend: on wasm a small pass costs nearly as much as a large one.
      </p>
    </section>
  );
}
