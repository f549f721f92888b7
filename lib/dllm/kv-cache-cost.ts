/**
 * What the key–value cache saves, measured: the same greedy autoregressive decode run with the cache
 * and without it, recording for every new token how many positions went through the network and how
 * long the step took. Without the cache step i recomputes the whole prefix (P + i positions, growing);
 * with it every step after the first runs one position (flat). Both runs write the same tokens.
 */
import type { SequenceModel } from '@/lib/models/transformer/types';
import { decodeAutoregressive } from './ar';
import type { SpecialIds } from './types';

export type CacheMode = 'cache' | 'no-cache';

export interface TokenCost {
  /** 0-based index of the new token in the answer. */
  index: number;
  /** Positions run through the network for this token. */
  positionsComputed: number;
  /** Wall time of this token's step. */
  ms: number;
}

export interface KvCostProgress {
  mode: CacheMode;
  cost: TokenCost;
}

export interface KvCostResult {
  promptLength: number;
  genLength: number;
  cache: TokenCost[];
  noCache: TokenCost[];
  /** Both runs wrote the same tokens (the cache is exact). */
  sameTokens: boolean;
}

/** Positions a decode of `genLength` tokens after a `promptLength`-token prompt computes: with the cache P + L − 1, without L·P + L(L − 1)/2. */
export function positionsComputed(mode: CacheMode, promptLength: number, genLength: number): number {
  return mode === 'cache' ? promptLength + genLength - 1 : genLength * promptLength + (genLength * (genLength - 1)) / 2;
}

async function* decodeTimed(model: SequenceModel, prompt: Int32Array, genLength: number, ids: SpecialIds, mode: CacheMode, costs: TokenCost[]): AsyncGenerator<KvCostProgress, Int32Array> {
  const decoder = decodeAutoregressive(model, prompt, { ids, maxNewTokens: genLength, useCache: mode === 'cache', ignoreEos: true });
  let before = 0;
  try {
    for (;;) {
      const r = await decoder.next();
      if (r.done) return r.value.tokens;
      const cost = { index: costs.length, positionsComputed: r.value.positionsComputed ?? Number.NaN, ms: r.value.elapsedMs - before };
      before = r.value.elapsedMs;
      costs.push(cost);
      yield { mode, cost };
    }
  } finally {
    // Stopped early (the reader pressed Stop): the decoder's finally frees its KV cache.
    await decoder.return(undefined as never);
  }
}

/**
 * Decodes `genLength` tokens greedily with the cache, then without, yielding each token's cost.
 * A short untimed warm-up of both runs first, so the first timed steps do not pay for set-up.
 */
export async function* measureKvCacheCost(model: SequenceModel, prompt: Int32Array, genLength: number, ids: SpecialIds): AsyncGenerator<KvCostProgress, KvCostResult> {
  if (!Number.isInteger(genLength) || genLength < 2) throw new Error(`measureKvCacheCost: genLength must be an integer >= 2, got ${genLength}`);
  for (const mode of ['cache', 'no-cache'] as const) {
    for await (const _ of decodeTimed(model, prompt, Math.min(4, genLength), ids, mode, [])) void _;
  }
  const cache: TokenCost[] = [];
  const noCache: TokenCost[] = [];
  const withCache = yield* decodeTimed(model, prompt, genLength, ids, 'cache', cache);
  const without = yield* decodeTimed(model, prompt, genLength, ids, 'no-cache', noCache);
  const sameTokens = withCache.length === without.length && withCache.every((t, i) => t === without[i]);
  return { promptLength: prompt.length, genLength, cache, noCache, sameTokens };
}
