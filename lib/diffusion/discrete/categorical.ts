/**
 * Small helpers shared by the discrete diffusion modules: boundary checks that name the argument,
 * and drawing from a categorical distribution with the seeded RNG.
 */
import type { Rng } from '@/lib/math/rng';

/** Any typed or plain array of numbers we accept as a probability vector or score. */
export type NumberArray = Float64Array | Float32Array | ArrayLike<number>;

export function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got ${value}`);
  }
}

export function checkIndex(name: string, value: number, size: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= size) {
    throw new Error(`${name} must be an integer in [0, ${size}), got ${value}`);
  }
}

export function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be in [0, 1], got ${value}`);
}

export function checkLength(name: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${name} must have length ${expected}, got ${actual}`);
}

export function checkTokens(name: string, tokens: ArrayLike<number>, size: number): void {
  for (let i = 0; i < tokens.length; i++) {
    const v = tokens[i];
    if (!Number.isInteger(v) || v < 0 || v >= size) {
      throw new Error(`${name}[${i}] must be a token id in [0, ${size}), got ${v}`);
    }
  }
}

/**
 * Draw an index from unnormalised non-negative weights w: P(i) = w_i / sum(w).
 * Inverse-CDF on one uniform; the last positive weight absorbs rounding at the top.
 */
export function sampleCategorical(weights: NumberArray, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weights[${i}] must be finite and >= 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new Error('weights must have a positive sum');
  let u = rng.next() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > 0) {
      last = i;
      u -= weights[i];
      if (u < 0) return i;
    }
  }
  return last;
}
