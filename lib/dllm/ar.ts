/**
 * Autoregressive decoding with the causal twin: one token per forward pass, left to right.
 * With the KV cache each pass runs only the newest token on top of the cached keys/values of all
 * earlier positions (exact for causal attention); without it each pass recomputes the whole prefix.
 */
import { createRng } from '@/lib/math/rng';
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { appendKv, disposeKv, forwardSlice } from './kv-cache';
import { pickToken } from './sampling';
import {
  answerOf,
  checkIds,
  checkInt,
  checkLength,
  checkModel,
  checkNumber,
  checkPrompt,
  now,
  range,
  type DecodeResult,
  type DecodeStep,
  type SpecialIds,
} from './types';

export interface ArDecodeOptions {
  ids: SpecialIds;
  /** Most tokens to generate (stops earlier at eos or pad). */
  maxNewTokens: number;
  /** true (default): KV cache; false: full recompute every step. */
  useCache?: boolean;
  /** 0 (default) = greedy; > 0 samples from softmax(logits / temperature). */
  temperature?: number;
  /** Sample only among the k most likely tokens (0 = all). */
  topK?: number;
  seed?: number;
  /** Also yield the logits row each token was picked from (for tests and distribution widgets). */
  returnLogits?: boolean;
  /** Write all maxNewTokens even past [EOS]/[PAD] (cost demos that need a fixed length). Default false. */
  ignoreEos?: boolean;
}

export interface ArDecodeStep extends DecodeStep {
  /** The logits row of the new token ([vocabSize]), only with returnLogits. */
  logits?: Float32Array;
}

export async function* decodeAutoregressive(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: ArDecodeOptions,
): AsyncGenerator<ArDecodeStep, DecodeResult, void> {
  const fn = 'decodeAutoregressive';
  checkModel(model, fn);
  if (!options || typeof options !== 'object') throw new Error(`${fn}: options are required`);
  const { vocabSize, maxLen, attention } = model.config;
  if (attention !== 'causal') throw new Error(`${fn}: model must use 'causal' attention, got '${attention}'`);
  const ids = checkIds(options.ids, vocabSize, fn);
  const clean = checkPrompt(prompt, vocabSize, ids.maskId, fn);
  const maxNewTokens = checkInt(options.maxNewTokens, 'maxNewTokens', 1, fn);
  checkLength(clean.length, maxNewTokens, maxLen, fn);
  const temperature = checkNumber(options.temperature ?? 0, 'temperature', 0, fn);
  const topK = checkInt(options.topK ?? 0, 'topK', 0, fn, vocabSize);
  const seed = checkNumber(options.seed ?? 0, 'seed', -Number.MAX_SAFE_INTEGER, fn, Number.MAX_SAFE_INTEGER);
  const useCache = options.useCache ?? true;

  const start = now();
  const promptLength = clean.length;
  const total = promptLength + maxNewTokens;
  const canvas = new Int32Array(total).fill(ids.maskId);
  canvas.set(clean);
  const rng = createRng(seed);
  const pick = { temperature, topK, rng, banned: [ids.maskId] };
  let cache: KvCache | null = null;
  let nfe = 0;
  let steps = 0;
  let end = total;
  try {
    for (let pos = promptLength; pos < total; pos++) {
      let logits: Float32Array;
      let row: number;
      let cachedNow = 0;
      let computed = pos;
      if (!useCache) {
        ({ logits } = await forwardSlice(model, canvas.subarray(0, pos), range(0, pos), null, false));
        row = pos - 1;
      } else {
        // Feed everything not yet cached (the whole prompt first, then one token a step).
        const from = cache ? pos - 1 : 0;
        cachedNow = from;
        computed = pos - from;
        const read = await forwardSlice(model, canvas.subarray(from, pos), range(from, pos), cache, true);
        cache = appendKv(cache, read.kv as KvCache);
        logits = read.logits;
        row = pos - 1 - from;
      }
      nfe++;
      const { token, prob } = pickToken(logits, row, vocabSize, pick);
      canvas[pos] = token;
      steps++;
      const step: ArDecodeStep = {
        positionsDecoded: Int32Array.of(pos),
        confidences: Float32Array.of(prob),
        tokens: canvas.slice(),
        nfe,
        elapsedMs: now() - start,
        cachedUpTo: cachedNow,
        positionsComputed: computed,
      };
      if (options.returnLogits) step.logits = logits.slice(row * vocabSize, (row + 1) * vocabSize);
      yield step;
      if (!options.ignoreEos && (token === ids.eosId || token === ids.padId)) {
        end = pos + 1;
        break;
      }
    }
  } finally {
    disposeKv(cache);
    cache = null;
  }
  const answer = answerOf(canvas, promptLength, end, ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe, elapsedMs: now() - start };
}
