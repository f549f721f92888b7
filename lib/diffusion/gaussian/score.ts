/**
 * Scores and Langevin dynamics. An eps-predictor is a score model in disguise:
 *   s(x_t, t) = grad log p_t(x_t) = -eps_theta(x_t, t) / sqrt(1 - abar_t)
 * (Tweedie / denoising score matching). Langevin dynamics samples p_t using only the score:
 *   x <- x + (delta / 2) s(x) + sqrt(delta) z.
 */
import * as tf from '@/lib/tensor/tf';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';
import { normalArray } from './forward';
import type { EpsModel, SamplerStep } from './types';
import { checkTimesteps } from './ddim';
import { checkYieldEvery, readCopy, runSamplerLoop, startPoints, type SamplerRunOptions } from './sampler-common';


/** s = -eps / sqrt(1 - abar_t) on a tensor (t in [1, T]: at t = 0 the score is undefined). */
export function scoreFromEps(schedule: NoiseSchedule, eps: tf.Tensor2D, t: number): tf.Tensor2D {
  checkTimestep(schedule, t);
  return tf.tidy(() => tf.mul(eps, -1 / schedule.sqrtOneMinusAlphaBars[t]));
}

/** s = -eps / sqrt(1 - abar_t) on a typed array. */
export function scoreFromEpsArray(schedule: NoiseSchedule, eps: Float32Array, t: number): Float32Array {
  checkTimestep(schedule, t);
  const c = -1 / schedule.sqrtOneMinusAlphaBars[t];
  return eps.map((e) => e * c);
}

/** The inverse relation eps = -sqrt(1 - abar_t) s, for score models and analytic scores. */
export function epsFromScore(schedule: NoiseSchedule, score: tf.Tensor2D, t: number): tf.Tensor2D {
  checkTimestep(schedule, t);
  return tf.tidy(() => tf.mul(score, -schedule.sqrtOneMinusAlphaBars[t]));
}

/** The learned vector field at given points and time (for quiver plots): [n * dim] scores. */
export async function scoreField(
  epsModel: EpsModel,
  schedule: NoiseSchedule,
  points: Float32Array,
  t: number,
  dim = 2,
  classLabels?: Int32Array,
): Promise<Float32Array> {
  checkTimestep(schedule, t);
  if (points.length === 0 || points.length % dim !== 0) throw new Error(`scoreField: points length must be a positive multiple of dim ${dim}, got ${points.length}`);
  const n = points.length / dim;
  const s = tf.tidy(() => {
    const x = tf.tensor2d(points, [n, dim]);
    return scoreFromEps(schedule, epsModel(x, t, classLabels), t);
  });
  try {
    return await readCopy(s);
  } finally {
    s.dispose();
  }
}

/** One Langevin update x + (delta/2) score + sqrt(delta) z. Returns a new tensor. */
export function langevinStep(x: tf.Tensor2D, score: tf.Tensor2D, delta: number, z: tf.Tensor2D): tf.Tensor2D {
  if (!(delta > 0) || !Number.isFinite(delta)) throw new Error(`langevinStep: delta must be a positive finite number, got ${delta}`);
  return tf.tidy(() => tf.add(tf.add(x, tf.mul(score, delta / 2)), tf.mul(z, Math.sqrt(delta))));
}

export interface LangevinOptions extends SamplerRunOptions {
  /**
   * Noise levels to visit, as descending timesteps. [t] alone is plain Langevin on p_t; a descending
   * list is annealed Langevin (Song & Ermon 2019): coarse levels move points between modes, fine
   * levels sharpen them.
   */
  levels: readonly number[];
  /** Updates per level. Default 20: enough to mix locally at each level on the 2D toys. */
  stepsPerLevel?: number;
  /**
   * delta at level t is stepSize * (1 - abar_t) (step proportional to the noise variance, as in
   * Song & Ermon), so one setting works across levels. Default 0.05: stable for unit-scale data.
   */
  stepSize?: number;
}

/** Langevin dynamics driven by the model's score; yields each update (t = current level). */
export async function* sampleLangevin(options: LangevinOptions): AsyncGenerator<SamplerStep, Float32Array> {
  const fn = 'sampleLangevin';
  const { epsModel, schedule, levels, rng, classLabels } = options;
  checkTimesteps(schedule, levels, 'levels');
  const stepsPerLevel = options.stepsPerLevel ?? 20;
  const stepSize = options.stepSize ?? 0.05;
  if (!Number.isInteger(stepsPerLevel) || stepsPerLevel < 1) throw new Error(`${fn}: stepsPerLevel must be a positive integer, got ${stepsPerLevel}`);
  if (!(stepSize > 0) || !Number.isFinite(stepSize)) throw new Error(`${fn}: stepSize must be a positive finite number, got ${stepSize}`);
  const every = checkYieldEvery(fn, options.yieldEvery);
  const { shape, x: start } = startPoints(fn, options);
  return yield* runSamplerLoop({
    fn, start, shape, startT: levels[0], total: levels.length * stepsPerLevel, every, signal: options.signal,
    advance: (i, x) => {
      const t = levels[Math.floor(i / stepsPerLevel)];
      const delta = stepSize * (1 - schedule.alphaBars[t]);
      const noise = normalArray(rng, shape.n * shape.dim);
      const next = tf.tidy(() => {
        const score = scoreFromEps(schedule, epsModel(x, t, classLabels), t);
        return langevinStep(x, score, delta, tf.tensor2d(noise, [shape.n, shape.dim]));
      });
      return { next, t };
    },
  });
}
