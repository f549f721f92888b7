/**
 * Block diffusion (BD3-LM) decoding: blocks of blockSize tokens, autoregressive across blocks and
 * masked diffusion inside each. With the block-causal attention of the model, a finished block
 * never attends to later blocks, so its keys/values never change: the prefix cache is EXACT and
 * cached decoding gives the same tokens as recomputing the whole prefix every step (tested).
 *
 * Cached schedule: block-prefix-cache.ts.
 * Stops after the block that holds an eos (or pad), or at maxNewTokens: variable length.
 */
import { createRng } from '@/lib/math/rng';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { forwardSlice } from './kv-cache';
import { BlockPrefixCache } from './block-prefix-cache';
import { denoiseStep, maskedIn } from './denoise';
import { BlockUnmasker, checkUnmaskRule, type UnmaskRule } from './parallel';
import {
  answerOf,
  blockEndsAnswer,
  checkIds,
  checkInt,
  checkLength,
  checkModel,
  checkNumber,
  checkPrompt,
  now,
  range,
  revealedStep,
  type Decoder,
  type SpecialIds,
} from './types';

export interface BlockDecodeOptions {
  ids: SpecialIds;
  /** Most tokens to generate after the prompt (decoding stops earlier at eos). */
  maxNewTokens: number;
  /** Must equal the model's config.blockSize: the attention mask is built with it (default: that). */
  blockSize?: number;
  /** Default { kind: 'steps', perBlock: blockSize }: one token per step. */
  rule?: UnmaskRule;
  /** true (default): exact prefix cache. false: recompute the prefix every step (the reference). */
  useCache?: boolean;
  temperature?: number;
  seed?: number;
}

export async function* decodeBlockDiffusion(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: BlockDecodeOptions,
): Decoder {
  const fn = 'decodeBlockDiffusion';
  checkModel(model, fn);
  if (!options || typeof options !== 'object') throw new Error(`${fn}: options are required`);
  const { vocabSize, maxLen, attention } = model.config;
  if (attention !== 'block-causal') throw new Error(`${fn}: model must use 'block-causal' attention, got '${attention}'`);
  const ids = checkIds(options.ids, vocabSize, fn);
  const clean = checkPrompt(prompt, vocabSize, ids.maskId, fn);
  const maxNewTokens = checkInt(options.maxNewTokens, 'maxNewTokens', 1, fn);
  checkLength(clean.length, maxNewTokens, maxLen, fn);
  const modelBlock = model.config.blockSize;
  const blockSize = checkInt(options.blockSize ?? modelBlock, 'blockSize', 1, fn);
  if (modelBlock !== undefined && blockSize !== modelBlock) {
    throw new Error(`${fn}: options.blockSize must equal the model's blockSize ${modelBlock} (its attention mask uses it), got ${blockSize}`);
  }
  const rule = checkUnmaskRule(options.rule ?? { kind: 'steps', perBlock: blockSize }, fn);
  const temperature = checkNumber(options.temperature ?? 0, 'temperature', 0, fn);
  const seed = checkNumber(options.seed ?? 0, 'seed', -Number.MAX_SAFE_INTEGER, fn, Number.MAX_SAFE_INTEGER);
  const useCache = options.useCache ?? true;

  const start = now();
  const promptLength = clean.length;
  const total = promptLength + maxNewTokens;
  const canvas = new Int32Array(total).fill(ids.maskId);
  canvas.set(clean);
  const rng = createRng(seed);
  const denoise = { maskId: ids.maskId, vocab: vocabSize, temperature, remasking: 'low-confidence' as const, rng };
  const prefix = new BlockPrefixCache(model);
  let nfe = 0;
  let steps = 0;
  let end = total;
  let stopped = false;
  try {
    // The first block is the one holding the first generated position (it may share the prompt's tail).
    for (let blockStart = Math.floor(promptLength / blockSize) * blockSize; blockStart < total && !stopped; blockStart += blockSize) {
      const blockEnd = Math.min(blockStart + blockSize, total);
      const unmasker = new BlockUnmasker(rule, maskedIn(canvas, blockStart, blockEnd, ids.maskId).length);
      for (;;) {
        const candidates = maskedIn(canvas, blockStart, blockEnd, ids.maskId);
        if (candidates.length === 0) break;
        // Reference path without the cache: the whole sequence up to the block's end.
        const { logits, sliceStart, computed } = useCache
          ? await prefix.pass(canvas, blockStart, blockEnd)
          : { logits: (await forwardSlice(model, canvas.subarray(0, blockEnd), range(0, blockEnd), null, false)).logits, sliceStart: 0, computed: blockEnd };
        nfe++;
        const revealed = denoiseStep(canvas, logits, sliceStart, candidates, unmasker, denoise);
        steps++;
        yield revealedStep(revealed, canvas, nfe, start, { cachedUpTo: useCache ? prefix.cachedUpTo : 0, positionsComputed: computed });
      }
      if (blockEndsAnswer(canvas, blockStart, blockEnd, promptLength, ids)) {
        stopped = true;
        end = blockEnd;
      }
    }
  } finally {
    // Runs on completion and on generator.return() (abort): the cache is the only tensor held.
    prefix.dispose();
  }
  const answer = answerOf(canvas, promptLength, end, ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe, elapsedMs: now() - start };
}
