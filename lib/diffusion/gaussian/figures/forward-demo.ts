/**
 * The forward process on typed arrays, for lesson 02's figures on the main thread (no tfjs: this
 * module must stay out of the tensor library so a lesson's first load stays small).
 *   closed form:  x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps           (one jump)
 *   step by step: x_s = sqrt(alpha_s) x_{s-1} + sqrt(beta_s) z_s, s = 1..t  (t small steps)
 * Both give the same distribution; forwardRouteClouds draws both, and the figure measures how close they
 * are with energy distances (lib/metrics/energy-distance.ts), a task each.
 */
import { createRng, type Rng } from '@/lib/math/rng';
import type { NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';

function checkT(schedule: NoiseSchedule, t: number, fn: string): void {
  if (!Number.isInteger(t) || t < 0 || t > schedule.T) throw new Error(`${fn}: t must be an integer in [0, ${schedule.T}], got ${t}`);
}

/** Closed-form jump to step t with the given standard normal noise (same length as x0). */
export function noiseClosedForm(schedule: NoiseSchedule, x0: Float32Array, t: number, eps: Float32Array): Float32Array {
  checkT(schedule, t, 'noiseClosedForm');
  if (eps.length !== x0.length) throw new Error(`noiseClosedForm: eps length must equal x0 length ${x0.length}, got ${eps.length}`);
  const a = schedule.sqrtAlphaBars[t];
  const b = schedule.sqrtOneMinusAlphaBars[t];
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/** t single forward steps, each with fresh noise from rng (computed in float64, returned as float32). */
export function noiseStepByStep(schedule: NoiseSchedule, x0: Float32Array, t: number, rng: Rng): Float32Array {
  checkT(schedule, t, 'noiseStepByStep');
  const x = Float64Array.from(x0);
  for (let s = 1; s <= t; s++) {
    const a = Math.sqrt(schedule.alphas[s]);
    const b = Math.sqrt(schedule.betas[s]);
    for (let i = 0; i < x.length; i++) x[i] = a * x[i] + b * rng.normal();
  }
  return Float32Array.from(x);
}

/** Standard normal noise from a seeded rng. */
export function standardNormal(rng: Rng, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.normal();
  return out;
}

export interface Moments2d {
  mean: [number, number];
  variance: [number, number];
}

/** Per-coordinate mean and (population) variance of points [n * 2]. */
export function moments2d(points: Float32Array): Moments2d {
  const n = points.length / 2;
  if (!Number.isInteger(n) || n < 1) throw new Error(`moments2d: points must be [n * 2], got length ${points.length}`);
  const mean: [number, number] = [0, 0];
  const variance: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) mean[d] += points[2 * i + d] / n;
  for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) variance[d] += (points[2 * i + d] - mean[d]) ** 2 / n;
  return { mean, variance };
}

/** The two clouds of the forward-routes figure and their moments: cheap (O(n t)), drawn at once. */
export interface ForwardClouds {
  t: number;
  closed: Float32Array;
  /** A second, independent closed-form draw: its distance to `closed` is pure sampling noise. */
  closedAgain: Float32Array;
  stepwise: Float32Array;
  closedMoments: Moments2d;
  stepwiseMoments: Moments2d;
  /** What theory says: mean sqrt(abar) E[x0], variance abar Var[x0] + 1 - abar, per coordinate. */
  predicted: Moments2d;
}

/** Noises the same clean points both ways (independent noise). */
export function forwardRouteClouds(schedule: NoiseSchedule, x0: Float32Array, t: number, seed: number): ForwardClouds {
  checkT(schedule, t, 'forwardRouteClouds');
  const rng = createRng(seed);
  const closed = noiseClosedForm(schedule, x0, t, standardNormal(rng, x0.length));
  const closedAgain = noiseClosedForm(schedule, x0, t, standardNormal(rng, x0.length));
  const stepwise = noiseStepByStep(schedule, x0, t, rng);
  const data = moments2d(x0);
  const abar = schedule.alphaBars[t];
  const predicted: Moments2d = {
    mean: [Math.sqrt(abar) * data.mean[0], Math.sqrt(abar) * data.mean[1]],
    variance: [abar * data.variance[0] + 1 - abar, abar * data.variance[1] + 1 - abar],
  };
  return { t, closed, closedAgain, stepwise, predicted, closedMoments: moments2d(closed), stepwiseMoments: moments2d(stepwise) };
}
