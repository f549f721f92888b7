/**
 * Lesson 11's cost and agreement figure: held-out task prompts decoded with no cache, Fast-dLLM's
 * approximate prefix and dual caches (shipped MDLM) and block diffusion's exact cache (shipped
 * BD3), one token per pass so only the cache differs. For each scheme: positions computed per
 * pass, milliseconds per pass on the reader's backend, and agreement of the answer with the same
 * model decoded without a cache. The 'cache-compare' worker job; progress after every prompt.
 */
import { BOS_ID } from '@/lib/data/text/tokenizer';
import { VOCAB } from '@/lib/data/text/tokenizer';
import { decodeBlockDiffusion } from '../block';
import { decodeFastDllm, type FastDllmCache } from '../fast-dllm';
import { heldOutTaskPrompts } from '../lab/heldout-tasks';
import { loadShippedModel } from '../lab/shipped-models';
import { ARENA_IDS } from '../arena/race';
import { runDecoder, type DecodeResult, type DecodeStep } from '../types';
import type { JobFiles } from './context';

export const CACHE_SCHEMES = ['mdlm-none', 'mdlm-prefix', 'mdlm-dual', 'bd3-none', 'bd3-exact'] as const;
export type CacheScheme = (typeof CACHE_SCHEMES)[number];

export interface CacheCompareParams {
  prompts: number;
  genLength: number;
  blockLength: number;
}

export interface SchemeStats {
  scheme: CacheScheme;
  prompts: number;
  passes: number;
  /** Mean query positions run through the model per pass. */
  positionsPerPass: number;
  /** Mean wall time per pass, measured here. */
  msPerPass: number;
  /** Fraction of generated positions equal to the uncached decode of the same model. */
  tokenAgreement: number;
  /** Fraction of prompts whose whole answer equals the uncached one. */
  answerAgreement: number;
}

export interface CacheCompareProgress {
  stats: SchemeStats[];
  promptsDone: number;
}

interface Tally { passes: number; positions: number; ms: number; same: number; count: number; answers: number; prompts: number }

async function decode(decoder: AsyncGenerator<DecodeStep, DecodeResult, void>): Promise<{ result: DecodeResult; positions: number }> {
  let positions = 0;
  const result = await runDecoder(decoder, (s) => { positions += s.positionsComputed ?? 0; });
  return { result, positions };
}

export async function* runCacheCompare(params: CacheCompareParams, context: JobFiles): AsyncGenerator<CacheCompareProgress, CacheCompareProgress, void> {
  if (!Number.isInteger(params?.prompts) || params.prompts < 1 || params.prompts > 32) throw new Error(`cache-compare: prompts must be an integer in [1, 32], got ${params?.prompts}`);
  if (!Number.isInteger(params.genLength) || params.genLength < 8 || params.genLength > 64) throw new Error(`cache-compare: genLength must be an integer in [8, 64], got ${params.genLength}`);
  if (!Number.isInteger(params.blockLength) || params.blockLength < 1 || params.blockLength > params.genLength) throw new Error(`cache-compare: blockLength must be an integer in [1, genLength], got ${params.blockLength}`);
  const [mdlm, bd3] = await Promise.all([loadShippedModel('mdlm', context.fetchBytes), loadShippedModel('bd3', context.fetchBytes)]);
  const tallies = Object.fromEntries(CACHE_SCHEMES.map((s) => [s, { passes: 0, positions: 0, ms: 0, same: 0, count: 0, answers: 0, prompts: 0 }])) as Record<CacheScheme, Tally>;
  const snapshot = (done: number): CacheCompareProgress => ({
    promptsDone: done,
    stats: CACHE_SCHEMES.filter((s) => tallies[s].prompts > 0).map((scheme) => {
      const t = tallies[scheme];
      return { scheme, prompts: t.prompts, passes: t.passes, positionsPerPass: t.positions / t.passes, msPerPass: t.ms / t.passes, tokenAgreement: t.count ? t.same / t.count : 1, answerAgreement: t.answers / t.prompts };
    }),
  });
  const add = (scheme: CacheScheme, run: { result: DecodeResult; positions: number }, reference: DecodeResult, promptLength: number) => {
    const t = tallies[scheme];
    t.prompts++;
    t.passes += run.result.nfe;
    t.positions += run.positions;
    t.ms += run.result.elapsedMs;
    const n = Math.max(run.result.tokens.length, reference.tokens.length);
    for (let i = promptLength; i < n; i++) {
      t.count++;
      if (run.result.tokens[i] === reference.tokens[i]) t.same++;
    }
    if (VOCAB.decode(Array.from(run.result.generated)) === VOCAB.decode(Array.from(reference.generated))) t.answers++;
  };
  const prompts = heldOutTaskPrompts(params.prompts);
  for (const [i, { prompt }] of prompts.entries()) {
    const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
    const genLength = Math.min(params.genLength, mdlm.config.maxLen - ids.length);
    const blockLength = Math.min(params.blockLength, genLength);
    const options = (cache: FastDllmCache) => ({ ids: ARENA_IDS, genLength, blockLength, cache, rule: { kind: 'steps' as const, perBlock: blockLength } });
    const none = await decode(decodeFastDllm(mdlm, ids, options('none')));
    add('mdlm-none', none, none.result, ids.length);
    yield snapshot(i);
    for (const cache of ['prefix', 'dual'] as const) {
      add(`mdlm-${cache}`, await decode(decodeFastDllm(mdlm, ids, options(cache))), none.result, ids.length);
      yield snapshot(i);
    }
    const bd3None = await decode(decodeBlockDiffusion(bd3, ids, { ids: ARENA_IDS, maxNewTokens: genLength, useCache: false }));
    add('bd3-none', bd3None, bd3None.result, ids.length);
    add('bd3-exact', await decode(decodeBlockDiffusion(bd3, ids, { ids: ARENA_IDS, maxNewTokens: genLength, useCache: true })), bd3None.result, ids.length);
    yield snapshot(i + 1);
  }
  return snapshot(prompts.length);
}
