/**
 * Rotary position embedding (RoFormer, Su et al. 2021): each query and key is rotated by an angle
 * proportional to its absolute position, pair by pair, so a query-key score depends only on their
 * offset. A masked-diffusion query is a [MASK] token whose only identity is its position; with
 * rotations, "read the token k places back" is one rule for every position rather than one learned
 * per pair of absolute positions.
 * Keys are rotated before they are cached, so a cached key is exactly what a full forward computes.
 */
import * as tf from '@/lib/tensor/tf';

/** Frequency base of the rotation angles (the RoFormer value). */
export const ROPE_BASE = 10000;

/**
 * cos and sin tables [len, headDim] for the given positions: pair i (dimensions i and i + headDim/2,
 * the "rotate half" layout) turns by position * base^(-2i / headDim).
 */
export function ropeTables(positions: ArrayLike<number>, headDim: number, base = ROPE_BASE): { cos: Float32Array; sin: Float32Array } {
  if (!Number.isInteger(headDim) || headDim <= 0 || headDim % 2 !== 0) throw new Error(`ropeTables: headDim must be a positive even integer, got ${headDim}`);
  const half = headDim / 2;
  const cos = new Float32Array(positions.length * headDim);
  const sin = new Float32Array(positions.length * headDim);
  for (let p = 0; p < positions.length; p++) {
    for (let i = 0; i < half; i++) {
      const angle = positions[p] * Math.pow(base, (-2 * i) / headDim);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[p * headDim + i] = c;
      cos[p * headDim + half + i] = c;
      sin[p * headDim + i] = s;
      sin[p * headDim + half + i] = s;
    }
  }
  return { cos, sin };
}

/** Rotates x [batch, heads, len, headDim] by the tables (tensors [len, headDim], broadcast). */
export function applyRope(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  const half = x.shape[3] / 2;
  const first = tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, half]);
  const second = tf.slice(x, [0, 0, 0, half], [-1, -1, -1, half]);
  const rotated = tf.concat([tf.neg(second), first], 3); // (x1, x2) -> (-x2, x1)
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin)) as tf.Tensor4D;
}
