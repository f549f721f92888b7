/** Checks and helpers shared by the Gaussian samplers (DDPM, DDIM, Langevin). */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import { normalArray } from './forward';
import type { NoiseSchedule } from './schedules';
import type { EpsModel, SamplerStep } from './types';

export interface SamplerShape {
  n: number;
  dim: number;
}

/** The options every Gaussian sampler shares: the model, how many points and where they start, how often to yield. */
export interface SamplerRunOptions {
  epsModel: EpsModel;
  schedule: NoiseSchedule;
  /** Number of points. */
  n: number;
  /** Dimension of a point (2 for the toys, 256 for 16x16 glyphs). */
  dim?: number;
  /** Source of x_T and of every step's noise. */
  rng: Rng;
  /** Class per point, passed to the model (see guidance.ts for classifier-free guidance). */
  classLabels?: Int32Array;
  /** Start from these points [n * dim] instead of fresh N(0, I) noise (e.g. the result of invertDdim). */
  xStart?: Float32Array;
  /** Yield every k-th step (the first and last states are always yielded). Default 1. */
  yieldEvery?: number;
  signal?: AbortSignal;
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

/** One step of a sampler: the next state (a new tensor), the timestep it is reported at, and x0hat when asked. */
export interface LoopStep {
  next: tf.Tensor2D;
  t: number;
  x0Hat?: tf.Tensor2D;
}

/**
 * The loop every Gaussian sampler shares: start from `start` at timestep `startT` (yielded as step 0),
 * run `advance` `total` times, and yield every `every`-th state and the last one as fresh copies
 * (with x0hat when the step returned it). Checks `signal` before each step; frees every tensor,
 * also when the caller stops early. Returns the final points.
 */
export async function* runSamplerLoop(loop: {
  fn: string;
  start: Float32Array;
  shape: SamplerShape;
  startT: number;
  total: number;
  every: number;
  signal?: AbortSignal;
  /** Step i (0-based) from x; `want` says whether this state will be yielded. Must not dispose x. */
  advance: (i: number, x: tf.Tensor2D, want: boolean) => LoopStep;
}): AsyncGenerator<SamplerStep, Float32Array> {
  const { start, total, every } = loop;
  let x: tf.Tensor2D = tf.tensor2d(start, [loop.shape.n, loop.shape.dim]); // [n, d]
  try {
    yield { t: loop.startT, x: start, step: 0, total };
    let last = start;
    for (let i = 0; i < total; i++) {
      throwIfAborted(loop.signal, loop.fn);
      const want = (i + 1) % every === 0 || i === total - 1;
      const { next, t, x0Hat } = loop.advance(i, x, want);
      x.dispose();
      x = next;
      if (want) {
        last = await readCopy(x);
        const state: SamplerStep = { t, x: last, step: i + 1, total };
        if (x0Hat) {
          state.x0Hat = await readCopy(x0Hat);
          x0Hat.dispose();
        }
        yield state;
      } else {
        x0Hat?.dispose();
      }
    }
    return last;
  } finally {
    x.dispose();
  }
}

/**
 * The eps-model step of DDPM and DDIM, in one tf.tidy: evaluate eps at (x, t), apply `update` with the
 * step's noise z (null when the step adds none), and when `withX0Hat` also return the implied x0hat.
 */
export function epsModelStep(
  model: { epsModel: EpsModel; schedule: NoiseSchedule; classLabels?: Int32Array; shape: SamplerShape },
  x: tf.Tensor2D,
  t: number,
  noise: Float32Array | null,
  withX0Hat: boolean,
  update: (eps: tf.Tensor2D, z: tf.Tensor2D | null) => tf.Tensor2D,
): { next: tf.Tensor2D; x0Hat?: tf.Tensor2D } {
  const { epsModel, schedule, classLabels, shape } = model;
  const [next, x0Hat] = tf.tidy(() => {
    const eps = epsModel(x, t, classLabels);
    const z = noise ? tf.tensor2d(noise, [shape.n, shape.dim]) : null;
    const nextX = update(eps, z);
    return withX0Hat ? [nextX, predictX0(x, eps, schedule.sqrtAlphaBars[t], schedule.sqrtOneMinusAlphaBars[t])] : [nextX];
  }) as tf.Tensor2D[];
  return x0Hat ? { next, x0Hat } : { next };
}
