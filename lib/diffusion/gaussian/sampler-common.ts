/** Checks and helpers shared by the Gaussian samplers (DDPM, DDIM, Langevin). */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import { normalArray } from './forward';

export interface SamplerShape {
  n: number;
  dim: number;
}

/** Validates n, dim, classLabels and a given start, and makes the starting points. */
export function startPoints(
  fn: string,
  opts: { n: number; dim?: number; rng: Rng; classLabels?: Int32Array; xStart?: Float32Array },
): { shape: SamplerShape; x: Float32Array } {
  const dim = opts.dim ?? 2;
  if (!Number.isInteger(opts.n) || opts.n < 1) throw new Error(`${fn}: n must be a positive integer, got ${opts.n}`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${fn}: dim must be a positive integer, got ${dim}`);
  if (opts.classLabels && opts.classLabels.length !== opts.n) {
    throw new Error(`${fn}: classLabels must have n = ${opts.n} entries, got ${opts.classLabels.length}`);
  }
  if (opts.xStart && opts.xStart.length !== opts.n * dim) {
    throw new Error(`${fn}: the starting points must have n * dim = ${opts.n * dim} values, got ${opts.xStart.length}`);
  }
  // x_T ~ N(0, I) from the seeded rng (copied when given, so the caller's array is never aliased).
  const x = opts.xStart ? Float32Array.from(opts.xStart) : normalArray(opts.rng, opts.n * dim);
  return { shape: { n: opts.n, dim }, x };
}

/** A copy of a tensor's values (backends may hand out their own buffer, which must not leak). */
export async function readCopy(t: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from((await t.data()) as Float32Array);
}

export function checkYieldEvery(fn: string, yieldEvery: number | undefined): number {
  const every = yieldEvery ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new Error(`${fn}: yieldEvery must be a positive integer, got ${every}`);
  return every;
}

export function throwIfAborted(signal: AbortSignal | undefined, fn: string): void {
  if (signal?.aborted) throw new Error(`${fn}: aborted`);
}

/** x0hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t), the model's implied clean point. */
export function predictX0(x: tf.Tensor2D, eps: tf.Tensor2D, sqrtAbar: number, sqrtOneMinusAbar: number): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.sub(x, tf.mul(eps, sqrtOneMinusAbar)), sqrtAbar));
}
