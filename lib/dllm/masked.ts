/**
 * LLaDA-style masked diffusion decoding: the answer starts as genLength [MASK] tokens after the
 * prompt; every step runs the whole sequence through the (bidirectional) model, predicts every
 * masked position of the current block, keeps the most confident predictions and leaves the rest
 * masked (low-confidence remasking). Blocks, when used, are decoded left to right.
 * No cache: every step is one full forward pass (the baseline the cached decoders are measured on).
 */
import { createRng } from '@/lib/math/rng';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { forwardSlice } from './kv-cache';
import { denoiseStep, maskedIn, type Remasking } from './denoise';
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

export { splitEvenly } from './parallel';

export interface MaskedDecodeOptions {
  ids: SpecialIds;
  /** Length of the answer canvas (number of [MASK] tokens after the prompt). */
  genLength: number;
  /** Semi-autoregressive blocks of this length, left to right (default genLength: one block). */
  blockLength?: number;
  /**
   * How many positions each step reveals (default { kind: 'steps', perBlock: blockLength }: one per
   * step). LLaDA's "steps = S" is { kind: 'steps', perBlock: S / number of blocks }.
   */
  rule?: UnmaskRule;
  /** 'low-confidence' (LLaDA) or 'random' (reveal random masked positions; for comparison). */
  remasking?: Remasking;
  /** 0 = argmax predictions; > 0 samples each prediction at this temperature. */
  temperature?: number;
  /** Seed of the RNG used for sampling and random remasking (default 0). */
  seed?: number;
  /**
   * Stop after the block that holds [EOS] or [PAD] (default false: fill the whole canvas). The answer
   * is read up to that token and committed tokens never change, so it is the same answer, without
   * the passes the rest of the canvas would cost; the canvas returned ends with that block.
   */
  stopAtEos?: boolean;
}

export interface ResolvedMaskedOptions {
  ids: SpecialIds;
  prompt: Int32Array;
  genLength: number;
  blockLength: number;
  rule: UnmaskRule;
  remasking: Remasking;
  temperature: number;
  seed: number;
  stopAtEos: boolean;
}

/** Boundary checks shared with the Fast-dLLM decoder. */
export function resolveMaskedOptions(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: MaskedDecodeOptions,
  fn: string,
): ResolvedMaskedOptions {
  checkModel(model, fn);
  if (!options || typeof options !== 'object') throw new Error(`${fn}: options are required`);
  const { vocabSize, maxLen } = model.config;
  const ids = checkIds(options.ids, vocabSize, fn);
  const cleanPrompt = checkPrompt(prompt, vocabSize, ids.maskId, fn);
  const genLength = checkInt(options.genLength, 'genLength', 1, fn);
  checkLength(cleanPrompt.length, genLength, maxLen, fn);
  const blockLength = checkInt(options.blockLength ?? genLength, 'blockLength', 1, fn, genLength);
  const rule = checkUnmaskRule(options.rule ?? { kind: 'steps', perBlock: blockLength }, fn);
  const remasking = options.remasking ?? 'low-confidence';
  if (remasking !== 'low-confidence' && remasking !== 'random') {
    throw new Error(`${fn}: options.remasking must be 'low-confidence' or 'random', got ${String(remasking)}`);
  }
  if (remasking === 'random' && rule.kind !== 'steps') {
    throw new Error(`${fn}: options.remasking 'random' needs options.rule.kind 'steps' (thresholds rank by confidence)`);
  }
  const temperature = checkNumber(options.temperature ?? 0, 'temperature', 0, fn);
  const seed = checkNumber(options.seed ?? 0, 'seed', -Number.MAX_SAFE_INTEGER, fn, Number.MAX_SAFE_INTEGER);
  if (options.stopAtEos !== undefined && typeof options.stopAtEos !== 'boolean') throw new Error(`${fn}: options.stopAtEos must be true or false, got ${String(options.stopAtEos)}`);
  return { ids, prompt: cleanPrompt, genLength, blockLength, rule, remasking, temperature, seed, stopAtEos: options.stopAtEos ?? false };
}

/** Masked diffusion decoding without a cache. Yields once per step; returns the decoded answer. */
export async function* decodeMasked(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: MaskedDecodeOptions,
): Decoder {
  const o = resolveMaskedOptions(model, prompt, options, 'decodeMasked');
  const start = now();
  const promptLength = o.prompt.length;
  const total = promptLength + o.genLength;
  const canvas = new Int32Array(total).fill(o.ids.maskId);
  canvas.set(o.prompt);
  const positions = range(0, total);
  const rng = createRng(o.seed);
  const denoise = { maskId: o.ids.maskId, vocab: model.config.vocabSize, temperature: o.temperature, remasking: o.remasking, rng };
  let nfe = 0;
  let steps = 0;
  let end = total;
  for (let blockStart = promptLength; blockStart < end; blockStart += o.blockLength) {
    const blockEnd = Math.min(blockStart + o.blockLength, total);
    const unmasker = new BlockUnmasker(o.rule, maskedIn(canvas, blockStart, blockEnd, o.ids.maskId).length);
    for (;;) {
      const candidates = maskedIn(canvas, blockStart, blockEnd, o.ids.maskId);
      if (candidates.length === 0) break;
      // Only logits are kept: nothing tensor-valued survives this line, so an abort leaks nothing.
      const { logits } = await forwardSlice(model, canvas, positions, null, false);
      nfe++;
      const revealed = denoiseStep(canvas, logits, 0, candidates, unmasker, denoise);
      steps++;
      yield revealedStep(revealed, canvas, nfe, start, { positionsComputed: total });
    }
    if (o.stopAtEos && blockEndsAnswer(canvas, blockStart, blockEnd, promptLength, o.ids)) end = blockEnd;
  }
  const answer = answerOf(canvas, promptLength, end, o.ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe, elapsedMs: now() - start };
}
