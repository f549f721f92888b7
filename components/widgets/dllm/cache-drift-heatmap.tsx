'use client';
/**
 * How far a cache drifts (lesson 11): the shipped bidirectional MDLM decodes a held-out prompt
 * with Fast-dLLM's prefix or dual cache, and every step compares the cached keys/values with
 * recomputed ones ('cache-drift' worker job). Rows are steps, columns positions; colour is the
 * relative distance for the chosen layer (or the largest over layers); hatched = computed fresh
 * on that step (the current block, and the suffix for the prefix cache).
 *
 * Usage in MDX: <CacheDriftHeatmap />
 */
import { useId, useMemo, useState } from 'react';
import { scaleSequential } from 'd3-scale';
import { interpolateInferno } from 'd3-scale-chromatic';
import { heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';
import type { CacheDriftFrame, CacheDriftParams } from '@/lib/dllm/course/cache-drift-job';
import type { DriftSummary } from '@/lib/dllm/cache-drift';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useAutoStart } from './use-auto-start';

type Summary = DriftSummary & { promptLength: number };

export function CacheDriftHeatmap() {
  const id = useId();
  const prompts = useMemo(() => heldOutTaskPrompts(6), []);
  const [prompt, setPrompt] = useState(prompts[0].prompt);
  const [cache, setCache] = useState<'prefix' | 'dual'>('dual');
  const [layer, setLayer] = useState(-1);
  const [frames, setFrames] = useState<CacheDriftFrame[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const job = useWorkerJob<Summary, CacheDriftFrame>();
  const running = job.status === 'running';

  function run(p = prompt, c = cache) {
    setFrames([]);
    setSummary(null);
    const params: CacheDriftParams = { prompt: p, cache: c, genLength: 24, blockLength: 8 };
    void job.start('cache-drift', params, (f) => setFrames((all) => [...all, f])).then((s) => { if (s) setSummary(s); });
  }
  const sectionRef = useAutoStart<HTMLElement>(() => run());

  const layers = frames[0]?.drift.length ?? 0;
  const valueAt = (f: CacheDriftFrame, p: number): number | null => {
    if (layer >= 0) return f.drift[layer]?.[p] ?? null;
    let best: number | null = null;
    for (const row of f.drift) if (row[p] !== null && (best === null || (row[p] as number) > best)) best = row[p];
    return best;
  };
  const maxSeen = Math.max(1e-6, ...frames.flatMap((f) => f.drift.flat().filter((d): d is number => d !== null)));
  const color = scaleSequential(interpolateInferno).domain([0, maxSeen]);
  const total = frames[0]?.tokens.length ?? 0;
  const cell = total ? Math.max(6, Math.min(18, Math.floor(640 / total))) : 12;
  const rowH = 10;
  const finalTokens = frames.at(-1)?.tokens ?? [];
  const cachedCells = frames.flatMap((f) => f.drift.flat()).filter((d) => d !== null).length;
  const meanAfterRefresh = summary ? summary.meanDrift : null;

  return (
    <section ref={sectionRef} className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="cache-drift" data-status={job.status}>
      <h3 id={`${id}-title`}>How stale is the cache? Cached vs recomputed keys and values</h3>
      <div className="race-controls">
        <label>
          Held-out prompt
          <select value={prompt} onChange={(e) => { setPrompt(e.target.value); run(e.target.value, cache); }} disabled={running}>
            {prompts.map((p) => <option key={p.prompt} value={p.prompt}>{p.prompt}</option>)}
          </select>
        </label>
        <label>
          Cache
          <select value={cache} onChange={(e) => { const c = e.target.value as 'prefix' | 'dual'; setCache(c); run(prompt, c); }} disabled={running} data-testid="cache-drift-mode">
            <option value="dual">dual (prefix and suffix)</option>
            <option value="prefix">prefix only</option>
          </select>
        </label>
        <label>
          Layer
          <select value={layer} onChange={(e) => setLayer(Number(e.target.value))}>
            <option value={-1}>largest over layers</option>
            {Array.from({ length: layers }, (_, l) => <option key={l} value={l}>layer {l + 1}</option>)}
          </select>
        </label>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <div className="fast-scroll">
        <svg width={total * cell + 4} height={frames.length * rowH + 16} role="img" data-testid="cache-drift-svg"
          aria-label={`Drift heat map: ${frames.length} steps over ${total} positions; largest drift ${summary ? summary.maxDrift.toFixed(3) : '…'}`}>
          {finalTokens.map((t, p) => <text key={p} x={p * cell + cell / 2} y={10} textAnchor="middle" className="fast-token">{t}</text>)}
          <g transform="translate(0,14)">
            {frames.map((f, s) => finalTokens.map((_, p) => {
              const v = valueAt(f, p);
              return v === null
                ? <rect key={`${s}-${p}`} x={p * cell} y={s * rowH} width={cell - 1} height={rowH - 1} className="fast-fresh" />
                : <rect key={`${s}-${p}`} x={p * cell} y={s * rowH} width={cell - 1} height={rowH - 1} fill={color(v)}><title>{`step ${f.step}, position ${p}: drift ${v.toFixed(4)}${f.refreshed ? ' (refresh pass)' : ''}`}</title></rect>;
            }))}
          </g>
        </svg>
      </div>
      <dl className="facts race-panel__facts">
        <dt>Steps</dt><dd data-testid="cache-drift-steps">{frames.length}</dd>
        <dt>Largest drift</dt><dd data-testid="cache-drift-max">{frames.length ? Math.max(...frames.map((f) => f.maxDrift)).toFixed(3) : '…'}</dd>
        <dt>Mean drift (cached cells, between refreshes)</dt><dd>{meanAfterRefresh === null ? '…' : meanAfterRefresh.toFixed(4)}</dd>
        <dt>Cells served from the cache</dt><dd>{cachedCells}</dd>
      </dl>
      <p className="fast-note">
        Measured live in your browser on the shipped MDLM (blocks of 8, one token per step). Drift is ‖[k; v]<sub>cached</sub> − [k; v]<sub>recomputed</sub>‖ / ‖[k; v]<sub>recomputed</sub>‖;
        black is 0 (exact), bright is the largest value seen ({maxSeen.toFixed(3)}). Grey cells were computed fresh on that step. The first row of every block is the refresh pass, so it is black.
      </p>
    </section>
  );
}
