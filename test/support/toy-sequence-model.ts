/**
 * A small deterministic SequenceModel for decoder tests: real multi-head attention over absolute
 * positions that honours the attention pattern and a cached context, with fixed pseudo-random
 * weights (seeded), so cached and uncached passes must agree exactly up to float rounding.
 * It implements only the committed interface (lib/models/transformer/types.ts), nothing more.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import type { AttentionPattern, ForwardInput, ForwardOutput, SequenceModel, TransformerConfig } from '@/lib/models/transformer/types';

export interface ToyModelOptions {
  attention: AttentionPattern;
  vocabSize?: number;
  maxLen?: number;
  blockSize?: number;
  dModel?: number;
  nHeads?: number;
  nLayers?: number;
  seed?: number;
  /** Multiplies the logits: larger = more confident predictions. */
  logitScale?: number;
  /** Ids pushed down by 30 in every logits row (e.g. eos and pad, so runs reach full length). */
  suppressIds?: number[];
}

function mayAttend(pattern: AttentionPattern, i: number, j: number, blockSize: number): boolean {
  if (pattern === 'causal') return j <= i;
  if (pattern === 'bidirectional') return true;
  return Math.floor(j / blockSize) <= Math.floor(i / blockSize);
}

export function createToySequenceModel(options: ToyModelOptions): SequenceModel & { forwardCalls: number } {
  const config: TransformerConfig = {
    vocabSize: options.vocabSize ?? 12,
    dModel: options.dModel ?? 16,
    nHeads: options.nHeads ?? 2,
    nLayers: options.nLayers ?? 2,
    dFF: 4 * (options.dModel ?? 16),
    maxLen: options.maxLen ?? 64,
    attention: options.attention,
    ...(options.attention === 'block-causal' ? { blockSize: options.blockSize ?? 4 } : {}),
  };
  const { vocabSize: V, dModel: d, nHeads: H, nLayers, maxLen } = config;
  const dh = d / H;
  const rng = createRng(options.seed ?? 1);
  const rand = (shape: number[], std: number) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Float32Array.from({ length: size }, () => std * rng.normal()), shape);
  };
  const tokEmb = rand([V, d], 1);
  const posEmb = rand([maxLen, d], 0.5);
  const layers = Array.from({ length: nLayers }, () => ({
    wq: rand([d, d], 1 / Math.sqrt(d)),
    wk: rand([d, d], 1 / Math.sqrt(d)),
    wv: rand([d, d], 1 / Math.sqrt(d)),
    wo: rand([d, d], 1 / Math.sqrt(d)),
  }));
  const head = rand([d, V], (options.logitScale ?? 1) / Math.sqrt(d));
  const suppress = new Float32Array(options.vocabSize ?? 12);
  for (const id of options.suppressIds ?? []) suppress[id] = -30;
  const headBias = tf.tensor1d(suppress);
  const all = [tokEmb, posEmb, head, headBias, ...layers.flatMap((l) => [l.wq, l.wk, l.wv, l.wo])];

  const model = {
    config,
    forwardCalls: 0,
    forward(input: ForwardInput): ForwardOutput {
      model.forwardCalls++;
      const { tokens, positions, context } = input;
      const len = positions.length;
      if (tokens.shape[1] !== len) throw new Error('toy forward: positions length must match tokens');
      const ctxLen = context?.positions.length ?? 0;
      const keyPos = new Int32Array(ctxLen + len);
      if (context) keyPos.set(context.positions);
      keyPos.set(positions, ctxLen);
      const bias = new Float32Array(len * keyPos.length);
      for (let q = 0; q < len; q++) {
        for (let k = 0; k < keyPos.length; k++) {
          bias[q * keyPos.length + k] = mayAttend(config.attention, positions[q], keyPos[k], config.blockSize ?? 1) ? 0 : -1e9;
        }
      }
      const out = tf.tidy(() => {
        const split = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [1, len, H, dh]), [0, 2, 1, 3]) as tf.Tensor4D; // [1, H, len, dh]
        // [1, len, d]: token embedding + position embedding
        let x = tf.add(tf.gather(tokEmb, tf.reshape(tokens, [-1])), tf.gather(posEmb, tf.tensor1d(positions, 'int32'))) as tf.Tensor2D;
        const keys: tf.Tensor4D[] = [];
        const values: tf.Tensor4D[] = [];
        const b = tf.tensor2d(bias, [len, keyPos.length]);
        layers.forEach((l, i) => {
          const q = split(tf.matMul(x, l.wq));
          const k = split(tf.matMul(x, l.wk));
          const v = split(tf.matMul(x, l.wv));
          keys.push(k);
          values.push(v);
          const kAll = context ? tf.concat([context.keys[i], k], 2) : k; // [1, H, ctx + len, dh]
          const vAll = context ? tf.concat([context.values[i], v], 2) : v;
          const scores = tf.add(tf.div(tf.matMul(q, kAll, false, true), Math.sqrt(dh)), b); // [1, H, len, ctx + len]
          const att = tf.matMul(tf.softmax(scores), vAll); // [1, H, len, dh]
          const merged = tf.reshape(tf.transpose(att, [0, 2, 1, 3]), [len, d]);
          x = tf.tanh(tf.add(x, tf.matMul(merged, l.wo)));
        });
        const logits = tf.reshape(tf.add(tf.matMul(x, head), headBias), [1, len, V]) as tf.Tensor3D;
        return { logits, keys, values };
      });
      return { logits: out.logits, kv: { keys: out.keys, values: out.values, positions: Int32Array.from(positions) } };
    },
    dispose() {
      tf.dispose(all);
    },
  };
  return model;
}

/**
 * Wraps a model so that every position >= fromPosition strongly predicts `token` (e.g. eos), to
 * test stopping rules. Keys/values are untouched, so caches behave as in the wrapped model.
 */
export function withForcedToken(model: SequenceModel, fromPosition: number, token: number, boost = 100): SequenceModel {
  return {
    config: model.config,
    forward(input: ForwardInput): ForwardOutput {
      const out = model.forward(input);
      const len = input.positions.length;
      const V = model.config.vocabSize;
      const bias = new Float32Array(len * V);
      input.positions.forEach((p, i) => {
        if (p >= fromPosition) bias[i * V + token] = boost;
      });
      const logits = tf.tidy(() => tf.add(out.logits, tf.tensor3d(bias, [1, len, V])) as tf.Tensor3D);
      out.logits.dispose();
      return { logits, kv: out.kv };
    },
    dispose: () => model.dispose(),
  };
}

/** Random clean prompts over ids [firstId, vocabSize). */
export function randomPrompts(count: number, minLen: number, maxLen: number, vocabSize: number, firstId: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const len = minLen + rng.int(maxLen - minLen + 1);
    return Int32Array.from({ length: len }, () => firstId + rng.int(vocabSize - firstId));
  });
}
