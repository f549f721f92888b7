/**
 * The forward (noising) process in closed form: x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps.
 * Two forms: on typed arrays (figures, data pipelines, no tfjs needed) and on tensors (training).
 * Noise always comes from the caller (a seeded rng or an explicit array), never from tf.random*.
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';

type AnySchedule = NoiseSchedule<Float64Array> | NoiseSchedule<Float32Array>;

/** length standard normal draws from the seeded rng, as float32. */
export function normalArray(rng: Rng, length: number): Float32Array {
  if (!Number.isInteger(length) || length < 0) throw new Error(`normalArray: length must be a non-negative integer, got ${length}`);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.normal();
  return out;
}

/** Uniform integer timesteps in [1, T], one per row (the DDPM training distribution). */
export function uniformTimesteps(rng: Rng, n: number, T: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = 1 + rng.int(T);
  return out;
}

/** Mean coefficient and standard deviation of q(x_t | x_0) = N(signal * x_0, std^2 I). */
export function forwardMarginal(schedule: AnySchedule, t: number): { signal: number; std: number } {
  checkTimestep(schedule, t, 't', 0);
  return { signal: schedule.sqrtAlphaBars[t], std: schedule.sqrtOneMinusAlphaBars[t] };
}

function rowsOf(x0Length: number, dim: number, fn: string): number {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${fn}: dim must be a positive integer, got ${dim}`);
  if (x0Length % dim !== 0) throw new Error(`${fn}: x0 length ${x0Length} is not a multiple of dim ${dim}`);
  return x0Length / dim;
}

/**
 * q_sample on typed arrays. x0 and noise are row-major [n * dim]; t is one timestep for all rows
 * or one per row (Int32Array of length n). Returns a new Float32Array [n * dim].
 */
export function qSampleArray(
  schedule: AnySchedule,
  x0: Float32Array,
  t: number | Int32Array,
  noise: Float32Array,
  dim = 2,
): Float32Array {
  const n = rowsOf(x0.length, dim, 'qSampleArray');
  if (noise.length !== x0.length) throw new Error(`qSampleArray: noise length must equal x0 length ${x0.length}, got ${noise.length}`);
  if (typeof t !== 'number' && t.length !== n) throw new Error(`qSampleArray: t must have one entry per row (${n}), got ${t.length}`);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < n; i++) {
    const ti = typeof t === 'number' ? t : t[i];
    if (i === 0 || typeof t !== 'number') checkTimestep(schedule, ti, 't', 0);
    const a = schedule.sqrtAlphaBars[ti];
    const b = schedule.sqrtOneMinusAlphaBars[ti];
    for (let j = 0; j < dim; j++) out[i * dim + j] = a * x0[i * dim + j] + b * noise[i * dim + j];
  }
  return out;
}

/**
 * q_sample on tensors: x0 and noise [n, d]; t one timestep for all rows or an Int32Array per row.
 * Returns a new [n, d] tensor (intermediates are tidied).
 */
export function qSample(schedule: AnySchedule, x0: tf.Tensor2D, t: number | Int32Array, noise: tf.Tensor2D): tf.Tensor2D {
  if (x0.rank !== 2) throw new Error(`qSample: x0 must be [n, d], got shape [${x0.shape}]`);
  if (noise.shape[0] !== x0.shape[0] || noise.shape[1] !== x0.shape[1]) {
    throw new Error(`qSample: noise must have x0's shape [${x0.shape}], got [${noise.shape}]`);
  }
  const n = x0.shape[0];
  if (typeof t === 'number') {
    checkTimestep(schedule, t, 't', 0);
    const a = schedule.sqrtAlphaBars[t];
    const b = schedule.sqrtOneMinusAlphaBars[t];
    return tf.tidy(() => tf.add(tf.mul(x0, a), tf.mul(noise, b)));
  }
  if (t.length !== n) throw new Error(`qSample: t must have one entry per row (${n}), got ${t.length}`);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    checkTimestep(schedule, t[i], 't', 0);
    a[i] = schedule.sqrtAlphaBars[t[i]];
    b[i] = schedule.sqrtOneMinusAlphaBars[t[i]];
  }
  return tf.tidy(() => {
    const aCol = tf.tensor2d(a, [n, 1]); // [n, 1], broadcast over d
    const bCol = tf.tensor2d(b, [n, 1]);
    return tf.add(tf.mul(x0, aCol), tf.mul(noise, bCol));
  });
}
