'use client';
/**
 * Lesson 01: what the key–value cache saves. The shipped autoregressive twin writes the same story
 * twice, with the cache and without, in the page's model worker; for every token the figures show
 * the positions that went through the network and the step's wall time in this browser. Without the
 * cache both grow with the length written; with it they stay flat.
 *
 * Usage in MDX: <KvCacheCost />
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { KvCostProgress, KvCostResult, TokenCost } from '@/lib/dllm/kv-cache-cost';
import { positionsComputed } from '@/lib/dllm/kv-cache-cost';
import { movingAverage } from '@/lib/math/moving-average';
import { renderLineChart } from '@/components/viz/line-chart';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

const LENGTHS = [64, 128, 256];
const SMOOTH = 8;

interface Costs { cache: TokenCost[]; noCache: TokenCost[] }

/** Mean step time of the first and the last eighth of a run (ms). */
function ends(costs: TokenCost[]): { first: number; last: number } | null {
  if (costs.length < 8) return null;
  const k = Math.floor(costs.length / 8);
  const mean = (a: TokenCost[]) => a.reduce((s, c) => s + c.ms, 0) / a.length;
  return { first: mean(costs.slice(0, k)), last: mean(costs.slice(-k)) };
}

/** The two runs as chart series (step times smoothed: single steps jitter by a few ms). */
function costSeries(costs: Costs, pick: (c: TokenCost) => number, smooth: boolean) {
  const points = (a: TokenCost[]) => (smooth ? movingAverage(a.map(pick), SMOOTH) : a.map((c) => [c.index + 1, pick(c)] as [number, number]));
  return [
    { name: 'without cache', tone: '1', points: points(costs.noCache) },
    { name: 'with cache', tone: '0', points: points(costs.cache) },
  ];
}

export function KvCacheCost() {
  const id = useId();
  const [genLength, setGenLength] = useState(128);
  const [costs, setCosts] = useState<Costs>({ cache: [], noCache: [] });
  const [result, setResult] = useState<KvCostResult | null>(null);
  const live = useRef<Costs>({ cache: [], noCache: [] });
  const job = useWorkerJob<KvCostResult, KvCostProgress>();
  const running = job.status === 'running';

  async function run() {
    live.current = { cache: [], noCache: [] };
    setCosts(live.current);
    setResult(null);
    const r = await job.start('kv-cache-cost', { genLength }, (p) => {
      (p.mode === 'cache' ? live.current.cache : live.current.noCache).push(p.cost);
      // Redraw every few tokens: a React render per token would cost more than the step itself.
      if (p.cost.index % 8 === 7) setCosts({ cache: [...live.current.cache], noCache: [...live.current.noCache] });
    });
    setCosts({ cache: [...live.current.cache], noCache: [...live.current.noCache] });
    if (r) setResult(r);
  }

  const drawPositions = useCallback((svg: SVGSVGElement, width: number) => {
    renderLineChart(svg, costSeries(costs, (c) => c.positionsComputed, false), { width, xLabel: 'token written', yLabel: 'positions computed', xDomain: [1, genLength], yDomain: [0, genLength + 1] });
  }, [costs, genLength]);
  const drawMs = useCallback((svg: SVGSVGElement, width: number) => {
    renderLineChart(svg, costSeries(costs, (c) => c.ms, true), { width, xLabel: 'token written', yLabel: `ms per token (mean of ${SMOOTH})`, xDomain: [1, genLength] });
  }, [costs, genLength]);

  const without = ends(costs.noCache);
  const withCache = ends(costs.cache);
  const total = (a: TokenCost[]) => a.reduce((s, c) => s + c.positionsComputed, 0);

  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="kv-cache-cost">
      <h3 id={`${id}-title`}>What the cache saves</h3>
      <div className="diffusion-controls">
        <label>
          Tokens to write{' '}
          <select value={genLength} disabled={running} onChange={(e) => setGenLength(Number(e.target.value))} data-testid="kv-length">
            {LENGTHS.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={run} disabled={running} data-testid="kv-run">Write with and without the cache</button>
        <button type="button" className="button button--quiet" onClick={job.cancel} disabled={!running} data-testid="kv-stop">Stop</button>
      </div>
      <p role="status" aria-live="polite" className="diffusion-note" data-testid="kv-status" data-status={job.status}>
        {running && (costs.noCache.length ? `Without the cache: token ${costs.noCache.length} of ${genLength}…`
          : costs.cache.length ? `With the cache: token ${costs.cache.length} of ${genLength}…` : 'Loading the model and warming up…')}
        {job.status === 'cancelled' && 'Stopped.'}
        {job.status === 'error' && `Failed: ${job.error}`}
      </p>
      <div className="diffusion-row">
        <SvgFigure draw={drawPositions} maxWidth={460} label="positions computed per token, with and without the cache" testId="kv-positions-chart"
          caption={`Positions run through the network for each new token. Without the cache, token i recomputes the whole prefix (i positions after [BOS]); with it, one position.`} />
        <SvgFigure draw={drawMs} maxWidth={460} label="milliseconds per token, with and without the cache" testId="kv-ms-chart"
          caption={`Wall time of each step, measured live in this browser by the page's model worker.${without && withCache ? ` Without the cache: ${without.first.toFixed(1)} ms per token at the start, ${without.last.toFixed(1)} ms at the end; with it: ${withCache.first.toFixed(1)} ms, then ${withCache.last.toFixed(1)} ms.` : ''}`} />
      </div>
      {result ? (
        <p data-testid="kv-result" data-positions-cache={total(result.cache)} data-positions-nocache={total(result.noCache)} data-same-tokens={String(result.sameTokens)}
          data-ms-nocache-first={ends(result.noCache)?.first} data-ms-nocache-last={ends(result.noCache)?.last} data-ms-cache-first={ends(result.cache)?.first} data-ms-cache-last={ends(result.cache)?.last}>
          {result.genLength} tokens: <strong>{total(result.noCache).toLocaleString('en')}</strong> positions computed without the cache
          (L·P + L(L − 1)/2 = {positionsComputed('no-cache', result.promptLength, result.genLength).toLocaleString('en')}) against <strong>{total(result.cache).toLocaleString('en')}</strong> with
          it (P + L − 1), for {result.sameTokens ? 'the same tokens: the cache is exact' : 'different tokens (the cache should be exact: please report this)'}. Both runs make {result.genLength} forward passes, one per token; the cache makes each pass small.
        </p>
      ) : null}
    </section>
  );
}
