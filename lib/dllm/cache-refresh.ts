/**
 * A dual cache whose refreshes a policy decides (lesson 11). Fast-dLLM refreshes once per block,
 * at its start; dKV-Cache-style policies refresh more often (for instance once a few tokens have
 * been committed since the last refresh). A refresh is one full pass that recomputes every
 * key/value; other steps run only the current block on top of the cached prefix and suffix.
 * The block start always refreshes: the cache's layout (what is prefix, what is suffix) changes.
 * Policy "never" gives exactly decodeFastDllm's dual cache; policy "always" exactly decodeMasked
 * (both tested), so any policy sits between the two in cost.
 */
import { createRng } from '@/lib/math/rng';
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { disposeKv, forwardSlice } from './kv-cache';
import { refreshPass } from './cache-context';
import { denoiseStep, maskedIn } from './denoise';
import { BlockUnmasker } from './parallel';
import { resolveMaskedOptions, type MaskedDecodeOptions } from './masked';
import { answerOf, now, range, revealedStep, type Decoder } from './types';

export interface RefreshInfo {
  /** Steps already taken in this block (0 never reaches the policy: the block start always refreshes). */
  stepInBlock: number;
  /** Steps since the last refresh. */
  stepsSinceRefresh: number;
  /** Tokens committed since the last refresh (they are what makes the cache stale). */
  committedSinceRefresh: number;
  /** Still-masked positions in the block. */
  maskedInBlock: number;
  /** The block's length. */
  blockLength: number;
}

/** Returns true to recompute every key/value on this step (a full pass). */
export type RefreshPolicy = (info: RefreshInfo) => boolean;

export interface RefreshDecodeOptions extends MaskedDecodeOptions {
  policy: RefreshPolicy;
}

export async function* decodeWithRefreshPolicy(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: RefreshDecodeOptions,
): Decoder {
  const fn = 'decodeWithRefreshPolicy';
  const o = resolveMaskedOptions(model, prompt, options, fn);
  if (typeof options.policy !== 'function') throw new Error(`${fn}: options.policy must be a function (info) => boolean`);
  if (model.config.attention !== 'bidirectional') throw new Error(`${fn}: the dual cache is for 'bidirectional' models, got '${model.config.attention}'`);
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
  try {
    for (let blockStart = promptLength; blockStart < total; blockStart += o.blockLength) {
      const blockEnd = Math.min(blockStart + o.blockLength, total);
      const unmasker = new BlockUnmasker(o.rule, maskedIn(canvas, blockStart, blockEnd, o.ids.maskId).length);
      let stepInBlock = 0;
      let stepsSinceRefresh = 0;
      let committedSinceRefresh = 0;
      for (;;) {
        const candidates = maskedIn(canvas, blockStart, blockEnd, o.ids.maskId);
        if (candidates.length === 0) break;
        let refresh = stepInBlock === 0;
        if (!refresh) {
          const answer = options.policy({ stepInBlock, stepsSinceRefresh, committedSinceRefresh, maskedInBlock: candidates.length, blockLength: blockEnd - blockStart });
          if (typeof answer !== 'boolean') throw new Error(`${fn}: the policy must return true or false, got ${String(answer)}`);
          refresh = answer;
        }
        let logits: Float32Array;
        let sliceStart: number;
        if (refresh) {
          disposeKv(context);
          context = null;
          ({ logits, context } = await refreshPass(model, canvas, blockStart, blockEnd, 'dual'));
          sliceStart = 0;
          stepsSinceRefresh = 0;
          committedSinceRefresh = 0;
        } else {
          sliceStart = blockStart;
          ({ logits } = await forwardSlice(model, canvas.subarray(blockStart, blockEnd), range(blockStart, blockEnd), context, false));
        }
        nfe++;
        const revealed = denoiseStep(canvas, logits, sliceStart, candidates, unmasker, denoise);
        steps++;
        stepInBlock++;
        stepsSinceRefresh++;
        committedSinceRefresh += revealed.positions.length;
        yield revealedStep(revealed, canvas, nfe, start, { cachedUpTo: refresh ? 0 : blockStart, positionsComputed: refresh ? total : blockEnd - blockStart });
      }
    }
  } finally {
    disposeKv(context);
    context = null;
  }
  const answer = answerOf(canvas, promptLength, total, o.ids);
  return { tokens: canvas.slice(), ...answer, steps, nfe, elapsedMs: now() - start };
}
