/**
 * DDPM (Ho et al. 2020): the simple eps-prediction loss and ancestral sampling over all T steps.
 *   loss  = E || eps - eps_theta(x_t, t) ||^2, t ~ U{1..T}
 *   step  x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) eps_theta) / sqrt(alpha_t) + sigma_t z
 *   sigma_t^2 = beta_t ('beta') or betatilde_t ('posterior'); no noise is added at t = 1.
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';
import { normalArray } from './forward';
import type { EpsModel, SamplerStep } from './types';
import { checkYieldEvery, predictX0, readCopy, startPoints, throwIfAborted } from './sampler-common';

/**
 * Which reverse variance: 'beta' (sigma^2 = beta_t, the upper bound, right when x_0 ~ N(0, I)) or
 * 'posterior' (sigma^2 = betatilde_t, the lower bound, right when x_0 is a single point).
 */
export type DdpmVariance = 'beta' | 'posterior';

/** Mean squared error between predicted and true noise, averaged over every element. */
export function epsMse(predicted: tf.Tensor, target: tf.Tensor): tf.Scalar {
  if (predicted.shape.join(',') !== target.shape.join(',')) {
    throw new Error(`epsMse: predicted shape [${predicted.shape}] must equal target shape [${target.shape}]`);
  }
  return tf.tidy(() => tf.mean(tf.square(tf.sub(predicted, target))) as tf.Scalar);
}

/** The reverse standard deviation sigma_t for a variance choice (0 at t = 1 either way). */
export function ddpmSigma(schedule: NoiseSchedule, t: number, variance: DdpmVariance): number {
  checkTimestep(schedule, t);
  if (t === 1) return 0;
  return Math.sqrt(variance === 'beta' ? schedule.betas[t] : schedule.posteriorVariances[t]);
}

/**
 * One ancestral step x_t -> x_{t-1}. `z` is standard normal noise shaped like x (ignored, and may be
 * null, at t = 1). Returns a new tensor; the caller disposes its inputs.
 */
export function ddpmStep(
  schedule: NoiseSchedule,
  x: tf.Tensor2D,
  t: number,
  eps: tf.Tensor2D,
  z: tf.Tensor2D | null,
  variance: DdpmVariance = 'posterior',
): tf.Tensor2D {
  checkTimestep(schedule, t);
  if (variance !== 'beta' && variance !== 'posterior') throw new Error(`ddpmStep: variance must be 'beta' or 'posterior', got ${variance}`);
  const sigma = ddpmSigma(schedule, t, variance);
  if (sigma > 0 && !z) throw new Error(`ddpmStep: z (noise) is required at t = ${t} > 1`);
  const epsCoef = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t];
  const invSqrtAlpha = 1 / Math.sqrt(schedule.alphas[t]);
  return tf.tidy(() => {
    const mean = tf.mul(tf.sub(x, tf.mul(eps, epsCoef)), invSqrtAlpha);
    return (sigma > 0 && z ? tf.add(mean, tf.mul(z, sigma)) : mean) as tf.Tensor2D;
  });
}

export interface DdpmSampleOptions {
  epsModel: EpsModel;
  schedule: NoiseSchedule;
  /** Number of points. */
  n: number;
  /** Dimension of a point (2 for the toys, 256 for 16x16 glyphs). */
  dim?: number;
  /** Source of x_T and of every step's noise. */
  rng: Rng;
  /** Default 'posterior': sharper samples on thin data (moons), and it is what DDIM with eta = 1 reproduces. */
  variance?: DdpmVariance;
  /** Class per point, passed to the model (see guidance.ts for classifier-free guidance). */
  classLabels?: Int32Array;
  /** Start from these x_T instead of fresh noise ([n * dim]). */
  xStart?: Float32Array;
  /** Yield every k-th step (the first and last states are always yielded). Default 1. */
  yieldEvery?: number;
  /** Also report the model's x0 estimate at each yielded step. */
  withX0Hat?: boolean;
  signal?: AbortSignal;
}

/** Ancestral sampling from t = T down to 0, yielding each state (step 0 is x_T, the last is x_0). */
export async function* sampleDdpm(options: DdpmSampleOptions): AsyncGenerator<SamplerStep, Float32Array> {
  const fn = 'sampleDdpm';
  const { epsModel, schedule, rng, classLabels } = options;
  const variance = options.variance ?? 'posterior';
  if (variance !== 'beta' && variance !== 'posterior') throw new Error(`${fn}: variance must be 'beta' or 'posterior', got ${variance}`);
  const every = checkYieldEvery(fn, options.yieldEvery);
  const { shape, x: x0 } = startPoints(fn, options);
  const { n, dim } = shape;
  const T = schedule.T;
  let x: tf.Tensor2D = tf.tensor2d(x0, [n, dim]); // [n, d]
  try {
    yield { t: T, x: x0, step: 0, total: T };
    let last: Float32Array = x0;
    for (let t = T; t >= 1; t--) {
      throwIfAborted(options.signal, fn);
      const noise = t > 1 ? normalArray(rng, n * dim) : null;
      const step = T - t + 1;
      const want = step % every === 0 || t === 1;
      const xt = x;
      const [next, x0Hat] = tf.tidy(() => {
        const eps = epsModel(xt, t, classLabels);
        const z = noise ? tf.tensor2d(noise, [n, dim]) : null;
        const nextX = ddpmStep(schedule, xt, t, eps, z, variance);
        const hat = want && options.withX0Hat ? predictX0(xt, eps, schedule.sqrtAlphaBars[t], schedule.sqrtOneMinusAlphaBars[t]) : null;
        return hat ? [nextX, hat] : [nextX];
      });
      x.dispose();
      x = next as tf.Tensor2D;
      if (want) {
        last = await readCopy(x);
        const state: SamplerStep = { t: t - 1, x: last, step, total: T };
        if (x0Hat) {
          state.x0Hat = await readCopy(x0Hat);
          x0Hat.dispose();
        }
        yield state;
      }
    }
    return last;
  } finally {
    x.dispose();
  }
}

/** Runs a sampler generator to the end and returns its final points. */
export async function runToEnd(gen: AsyncGenerator<SamplerStep, Float32Array>): Promise<Float32Array> {
  let last: Float32Array | null = null;
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value ?? (last as Float32Array);
    last = r.value.x;
  }
}
