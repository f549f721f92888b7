/**
 * How stale a cache is (lesson 11). Decodes with a prefix or dual cache, refreshed at each block
 * start as Fast-dLLM does, and at every step ALSO runs one uncached pass to recompute the keys and
 * values the cache stands in for. The drift of a cached position in a layer is
 *   || [k; v]_cached - [k; v]_now || / || [k; v]_now ||   (over heads and head dimensions),
 * zero when the cache is exact. On a block-causal model whose blocks start on block boundaries,
 * the prefix never attends to later tokens, so the drift is exactly zero (tested); on a
 * bidirectional model it grows as the block fills in.
 * The extra pass only measures: the tokens are the cached decoder's, the same as decodeFastDllm's.
 */
import { createRng } from '@/lib/math/rng';
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { concatKv, disposeKv, forwardSlice, sliceKv } from './kv-cache';
import { denoiseStep, maskedIn } from './denoise';
import { BlockUnmasker } from './parallel';
import { resolveMaskedOptions, type MaskedDecodeOptions } from './masked';
import { range } from './types';

export interface CacheDriftOptions extends MaskedDecodeOptions {
  cache: 'prefix' | 'dual';
}

export interface DriftStep {
  step: number;
  blockStart: number;
  blockEnd: number;
  /** True on the pass that refreshed the cache (its drift is zero by construction). */
  refreshed: boolean;
  /** [nLayers * total] row-major: drift of layer l at absolute position p; NaN where p was not served from the cache. */
  drift: Float32Array;
  /** Largest drift over layers and cached positions in this step (0 when nothing is cached). */
  maxDrift: number;
  /** The canvas after this step. */
  tokens: Int32Array;
  /** Positions committed in this step. */
  positionsDecoded: Int32Array;
}

export interface DriftSummary {
  nLayers: number;
  total: number;
  promptLength: number;
  steps: number;
  maxDrift: number;
  /** Mean drift over every cached (layer, position, step) entry after a refresh-free step. */
  meanDrift: number;
  tokens: Int32Array;
}

/** Per position and layer, the relative distance between cached and recomputed keys and values. */
export async function kvDrift(cached: KvCache, now: KvCache, positions: readonly number[], total: number): Promise<Float32Array> {
  const layers = cached.keys.length;
  const out = new Float32Array(layers * total).fill(Number.NaN);
  for (let l = 0; l < layers; l++) {
    // [1, heads, len, headDim] each; both caches cover the same absolute positions in order.
    const [ck, cv, nk, nv] = (await Promise.all([cached.keys[l].data(), cached.values[l].data(), now.keys[l].data(), now.values[l].data()])) as Float32Array[];
    const [, heads, len, dim] = cached.keys[l].shape;
    for (const p of positions) {
      let diff = 0;
      let norm = 0;
      for (let h = 0; h < heads; h++) {
        const base = (h * len + p) * dim;
        for (let d = 0; d < dim; d++) {
          const dk = ck[base + d] - nk[base + d];
          const dv = cv[base + d] - nv[base + d];
          diff += dk * dk + dv * dv;
          norm += nk[base + d] * nk[base + d] + nv[base + d] * nv[base + d];
        }
      }
      out[l * total + p] = norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff);
    }
  }
  return out;
}

function contextFrom(full: KvCache, blockStart: number, blockEnd: number, total: number, dual: boolean): KvCache | null {
  const parts: KvCache[] = [];
  if (blockStart > 0) parts.push(sliceKv(full, 0, blockStart));
  if (dual && blockEnd < total) parts.push(sliceKv(full, blockEnd, total - blockEnd));
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  try {
    return concatKv(parts[0], parts[1]);
  } finally {
    parts.forEach(disposeKv);
  }
}

/** Decodes with the cache and yields, at every step, the drift of every cached key/value. */
export async function* measureCacheDrift(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: CacheDriftOptions,
): AsyncGenerator<DriftStep, DriftSummary, void> {
  const fn = 'measureCacheDrift';
  const o = resolveMaskedOptions(model, prompt, options, fn);
  if (options.cache !== 'prefix' && options.cache !== 'dual') throw new Error(`${fn}: options.cache must be 'prefix' or 'dual', got ${String(options.cache)}`);
  const dual = options.cache === 'dual';
  if (model.config.attention === 'causal') throw new Error(`${fn}: the model must be bidirectional or block-causal, got 'causal'`);
  const nLayers = model.config.nLayers;
  const promptLength = o.prompt.length;
  const total = promptLength + o.genLength;
  const canvas = new Int32Array(total).fill(o.ids.maskId);
  canvas.set(o.prompt);
  const rng = createRng(o.seed);
  const denoise = { maskId: o.ids.maskId, vocab: model.config.vocabSize, temperature: o.temperature, remasking: o.remasking, rng };
  let snapshot: KvCache | null = null;
  let context: KvCache | null = null;
  let step = 0;
  let maxDrift = 0;
  let driftSum = 0;
  let driftCount = 0;
  try {
    for (let blockStart = promptLength; blockStart < total; blockStart += o.blockLength) {
      const blockEnd = Math.min(blockStart + o.blockLength, total);
      const unmasker = new BlockUnmasker(o.rule, maskedIn(canvas, blockStart, blockEnd, o.ids.maskId).length);
      const sliceEnd = dual ? blockEnd : total;
      const cachedPositions = [...Array.from(range(0, blockStart)), ...(dual ? Array.from(range(blockEnd, total)) : [])];
      let first = true;
      for (;;) {
        const candidates = maskedIn(canvas, blockStart, blockEnd, o.ids.maskId);
        if (candidates.length === 0) break;
        let logits: Float32Array;
        let sliceStart: number;
        let drift: Float32Array;
        if (first) {
          disposeKv(snapshot);
          disposeKv(context);
          const read = await forwardSlice(model, canvas, range(0, total), null, true);
          snapshot = read.kv as KvCache;
          context = contextFrom(snapshot, blockStart, blockEnd, total, dual);
          logits = read.logits;
          sliceStart = 0;
          drift = new Float32Array(nLayers * total).fill(Number.NaN);
          for (let l = 0; l < nLayers; l++) for (const p of cachedPositions) drift[l * total + p] = 0;
        } else {
          const now = await forwardSlice(model, canvas, range(0, total), null, true);
          try {
            drift = await kvDrift(snapshot as KvCache, now.kv as KvCache, cachedPositions, total);
          } finally {
            disposeKv(now.kv);
          }
          for (const d of drift) {
            if (Number.isNaN(d)) continue;
            maxDrift = Math.max(maxDrift, d);
            driftSum += d;
            driftCount++;
          }
          sliceStart = blockStart;
          ({ logits } = await forwardSlice(model, canvas.subarray(blockStart, sliceEnd), range(blockStart, sliceEnd), context, false));
        }
        const revealed = denoiseStep(canvas, logits, sliceStart, candidates, unmasker, denoise);
        let stepMax = 0;
        for (const d of drift) if (d > stepMax) stepMax = d;
        yield { step, blockStart, blockEnd, refreshed: first, drift, maxDrift: stepMax, tokens: canvas.slice(), positionsDecoded: revealed.positions };
        step++;
        first = false;
      }
    }
  } finally {
    disposeKv(snapshot);
    disposeKv(context);
    snapshot = null;
    context = null;
  }
  return { nLayers, total, promptLength, steps: step, maxDrift, meanDrift: driftCount ? driftSum / driftCount : 0, tokens: canvas.slice() };
}
