/**
 * Small helpers on KvCache (keys/values per layer, [batch, heads, len, headDim], with the absolute
 * position of every entry) and on one forward pass. The caller owns every returned tensor.
 */
import * as tf from '@/lib/tensor/tf';
import type { ForwardOutput, KvCache, SequenceModel } from '@/lib/models/transformer/types';

export function disposeKv(kv: KvCache | null | undefined): void {
  if (!kv) return;
  tf.dispose(kv.keys);
  tf.dispose(kv.values);
}

/** Entries [start, start + len) of a cache along the length axis (new tensors). */
export function sliceKv(kv: KvCache, start: number, len: number): KvCache {
  // [batch, heads, len, headDim] → [batch, heads, len', headDim]
  const keys = kv.keys.map((k) => tf.slice(k, [0, 0, start, 0], [-1, -1, len, -1]));
  const values = kv.values.map((v) => tf.slice(v, [0, 0, start, 0], [-1, -1, len, -1]));
  return { keys, values, positions: kv.positions.slice(start, start + len) };
}

/** a followed by b along the length axis (new tensors; a and b are left alone). */
export function concatKv(a: KvCache, b: KvCache): KvCache {
  const keys = a.keys.map((k, i) => tf.concat([k, b.keys[i]], 2));
  const values = a.values.map((v, i) => tf.concat([v, b.values[i]], 2));
  const positions = new Int32Array(a.positions.length + b.positions.length);
  positions.set(a.positions);
  positions.set(b.positions, a.positions.length);
  return { keys, values, positions };
}

/** Appends b to a cache that may be empty; disposes the old cache and b, returns the new one. */
export function appendKv(cache: KvCache | null, b: KvCache): KvCache {
  if (!cache) return b;
  const out = concatKv(cache, b);
  disposeKv(cache);
  disposeKv(b);
  return out;
}

export interface ForwardRead {
  /** Logits of the slice, [len * vocab] row-major (batch 1). */
  logits: Float32Array;
  /** Keys/values of the slice when asked for (the caller disposes them), else null. */
  kv: KvCache | null;
}

/**
 * One forward pass on a slice of a single sequence: builds the [1, len] token tensor, runs the
 * model, reads the logits, and disposes everything the caller did not ask to keep.
 */
export async function forwardSlice(
  model: SequenceModel,
  tokens: Int32Array,
  positions: Int32Array,
  context: KvCache | null,
  keepKv: boolean,
): Promise<ForwardRead> {
  let out: ForwardOutput | null = null;
  const input = tf.tensor2d(tokens, [1, tokens.length], 'int32');
  try {
    out = model.forward({ tokens: input, positions, context: context ?? undefined });
  } finally {
    input.dispose();
  }
  try {
    const logits = (await out.logits.data()) as Float32Array;
    const kv = keepKv ? out.kv : null;
    if (!keepKv) disposeKv(out.kv);
    out.logits.dispose();
    return { logits, kv };
  } catch (err) {
    out.logits.dispose();
    disposeKv(out.kv);
    throw err;
  }
}
