/**
 * Fast-dLLM caches on a fully bidirectional masked model (LLaDA style). Blocks are decoded left to
 * right as in decodeMasked; at each block start ONE full pass refreshes the cache, and the block's
 * later steps reuse it:
 * - prefix: cache keys/values of everything before the block; run the block and all that follows.
 * - dual:   also cache the suffix after the block (still mostly masks); run only the block.
 * APPROXIMATE: cached tokens would have attended to the block as it changes; the drift is measured
 * by measureCacheAgreement against uncached decoding with the same rule.
 */
import { createRng } from '@/lib/math/rng';
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { disposeKv, forwardSlice } from './kv-cache';
import { refreshPass } from './cache-context';
import { denoiseStep, maskedIn } from './denoise';
import { BlockUnmasker } from './parallel';
import { decodeMasked, resolveMaskedOptions, type MaskedDecodeOptions } from './masked';
import { answerOf, blockEndsAnswer, now, range, revealedStep, runDecoder, type Decoder, type DecodeResult } from './types';

export type FastDllmCache = 'none' | 'prefix' | 'dual';

export interface FastDllmOptions extends MaskedDecodeOptions {
  /** 'none' is exactly decodeMasked (the reference); 'prefix' or 'dual' use the approximate caches. */
  cache: FastDllmCache;
}

export async function* decodeFastDllm(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: FastDllmOptions,
): Decoder {
  const fn = 'decodeFastDllm';
  const o = resolveMaskedOptions(model, prompt, options, fn);
  const mode = options.cache;
  if (mode !== 'none' && mode !== 'prefix' && mode !== 'dual') {
    throw new Error(`${fn}: options.cache must be 'none', 'prefix' or 'dual', got ${String(mode)}`);
  }
  if (mode === 'none') return yield* decodeMasked(model, o.prompt, options);
  if (model.config.attention !== 'bidirectional') {
    throw new Error(`${fn}: the ${mode} cache is for 'bidirectional' models, got '${model.config.attention}'`);
  }

  const start = now();
  const promptLength = o.prompt.length;
  const total = promptLength + o.genLength;
  const canvas = new Int32Array(total).fill(o.ids.maskId);
  canvas.set(o.prompt);
  const rng = createRng(o.seed);
  const denoise = { maskId: o.ids.maskId, vocab: model.config.vocabSize, temperature: o.temperature, remasking: o.remasking, rng };
  let context: KvCache | null = null;
  let nfe = 0;
  let steps = 0;
  let end = total;
  try {
    for (let blockStart = promptLength; blockStart < end; blockStart += o.blockLength) {
      const blockEnd = Math.min(blockStart + o.blockLength, total);
      const unmasker = new BlockUnmasker(o.rule, maskedIn(canvas, blockStart, blockEnd, o.ids.maskId).length);
      // Run only the block (dual) or the block and everything after it (prefix) on later steps.
      const sliceEnd = mode === 'dual' ? blockEnd : total;
      let first = true;
      for (;;) {
        const candidates = maskedIn(canvas, blockStart, blockEnd, o.ids.maskId);
        if (candidates.length === 0) break;
        let logits: Float32Array;
        let sliceStart: number;
        if (first) {
          // Refresh: one full pass gives this step's logits and the keys/values to cache.
          disposeKv(context);
          context = null;
          ({ logits, context } = await refreshPass(model, canvas, blockStart, blockEnd, mode));
          sliceStart = 0;
          first = false;
        } else {
          sliceStart = blockStart;
          ({ logits } = await forwardSlice(model, canvas.subarray(blockStart, sliceEnd), range(blockStart, sliceEnd), context, false));
        }
        nfe++;
        const revealed = denoiseStep(canvas, logits, sliceStart, candidates, unmasker, denoise);
        steps++;
        yield revealedStep(revealed, canvas, nfe, start, {
          cachedUpTo: sliceStart === 0 ? 0 : blockStart,
          positionsComputed: sliceStart === 0 ? total : sliceEnd - blockStart,
        });
      }
      if (o.stopAtEos && blockEndsAnswer(canvas, blockStart, blockEnd, promptLength, o.ids)) end = blockEnd;
    }
  } finally {
    disposeKv(context);
    context = null;
  }
  const answer = answerOf(canvas, promptLength, end, o.ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe, elapsedMs: now() - start };
}

export interface CacheAgreement {
  /** Fraction of generated positions with the same token as uncached decoding. */
  tokenAgreement: number;
  /** Fraction of prompts whose whole generation matches uncached decoding. */
  sequenceAgreement: number;
  /** Fraction of prompts whose answer (up to eos) matches. */
  answerAgreement: number;
  nfeCached: number;
  nfeUncached: number;
  results: { cached: DecodeResult; uncached: DecodeResult }[];
}

/** Decodes every prompt with the given cache and without one (same rule, seed) and compares. */
export async function measureCacheAgreement(
  model: SequenceModel,
  prompts: readonly (Int32Array | readonly number[])[],
  options: FastDllmOptions,
): Promise<CacheAgreement> {
  if (!Array.isArray(prompts) || prompts.length === 0) {
    throw new Error('measureCacheAgreement: prompts must be a non-empty array of token id arrays');
  }
  let same = 0;
  let count = 0;
  let seqSame = 0;
  let answerSame = 0;
  let nfeCached = 0;
  let nfeUncached = 0;
  const results: CacheAgreement['results'] = [];
  for (const prompt of prompts) {
    const cached = await runDecoder(decodeFastDllm(model, prompt, options));
    const uncached = await runDecoder(decodeFastDllm(model, prompt, { ...options, cache: 'none' }));
    const p = prompt.length;
    let allSame = true;
    for (let i = p; i < cached.tokens.length; i++) {
      count++;
      if (cached.tokens[i] === uncached.tokens[i]) same++;
      else allSame = false;
    }
    if (allSame) seqSame++;
    if (cached.generated.length === uncached.generated.length && cached.generated.every((t, i) => t === uncached.generated[i])) answerSame++;
    nfeCached += cached.nfe;
    nfeUncached += uncached.nfe;
    results.push({ cached, uncached });
  }
  return {
    tokenAgreement: same / count,
    sequenceAgreement: seqSame / prompts.length,
    answerAgreement: answerSame / prompts.length,
    nfeCached,
    nfeUncached,
    results,
  };
}
