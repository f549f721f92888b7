/**
 * DDPM (Ho et al. 2020): the simple eps-prediction loss and ancestral sampling over all T steps.
 *   loss  = E || eps - eps_theta(x_t, t) ||^2, t ~ U{1..T}
 *   step  x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) eps_theta) / sqrt(alpha_t) + sigma_t z
 *   sigma_t^2 = beta_t ('beta') or betatilde_t ('posterior'); no noise is added at t = 1.
 */
import * as tf from '@/lib/tensor/tf';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';
import { normalArray } from './forward';
import type { SamplerStep } from './types';
import { checkYieldEvery, epsModelStep, runSamplerLoop, startPoints, type SamplerRunOptions } from './sampler-common';


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

export interface DdpmSampleOptions extends SamplerRunOptions {
  /** Default 'posterior': sharper samples on thin data (moons), and it is what DDIM with eta = 1 reproduces. */
  variance?: DdpmVariance;
  /** Also report the model's x0 estimate at each yielded step. */
  withX0Hat?: boolean;
}

/** Ancestral sampling from t = T down to 0, yielding each state (step 0 is x_T, the last is x_0). */
export async function* sampleDdpm(options: DdpmSampleOptions): AsyncGenerator<SamplerStep, Float32Array> {
  const fn = 'sampleDdpm';
  const { epsModel, schedule, rng, classLabels } = options;
  const variance = options.variance ?? 'posterior';
  if (variance !== 'beta' && variance !== 'posterior') throw new Error(`${fn}: variance must be 'beta' or 'posterior', got ${variance}`);
  const every = checkYieldEvery(fn, options.yieldEvery);
  const { shape, x: start } = startPoints(fn, options);
  const model = { epsModel, schedule, classLabels, shape };
  const T = schedule.T;
  return yield* runSamplerLoop({
    fn, start, shape, startT: T, total: T, every, signal: options.signal,
    advance: (i, x, want) => {
      const t = T - i;
      const noise = t > 1 ? normalArray(rng, shape.n * shape.dim) : null;
      const step = epsModelStep(model, x, t, noise, want && !!options.withX0Hat, (eps, z) => ddpmStep(schedule, x, t, eps, z, variance));
      return { ...step, t: t - 1 };
    },
  });
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
