/**
 * DDIM (Song, Meng & Ermon 2021): a non-Markovian sampler that can skip steps.
 * From t to t' < t (abar_0 = 1, so t' = 0 lands on clean data):
 *   x0hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)
 *   sigma = eta sqrt((1 - abar_t') / (1 - abar_t)) sqrt(1 - abar_t / abar_t')
 *   x_t'  = sqrt(abar_t') x0hat + sqrt(1 - abar_t' - sigma^2) eps + sigma z
 * eta = 0 is deterministic (and invertible); eta = 1 over every step equals DDPM with betatilde.
 */
import * as tf from '@/lib/tensor/tf';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';
import { normalArray } from './forward';
import type { EpsModel, SamplerStep } from './types';
import { checkYieldEvery, epsModelStep, predictX0, runSamplerLoop, startPoints, type SamplerRunOptions } from './sampler-common';


/** The step counts the course compares (1000 is full DDPM length). */
export const DDIM_STEP_CHOICES = [1000, 100, 50, 20, 10] as const;

/**
 * `steps` timesteps evenly spaced from T down to 1 (both included, rounded), descending.
 * Starting at T means x_T really is noise; ending at 1 means the last jump (1 -> 0) is tiny.
 * Each entry costs one model evaluation, so `steps` is the sampler's cost.
 */
export function ddimTimesteps(T: number, steps: number): number[] {
  if (!Number.isInteger(T) || T < 1) throw new Error(`ddimTimesteps: T must be a positive integer, got ${T}`);
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new Error(`ddimTimesteps: steps must be an integer in [1, ${T}], got ${steps}`);
  if (steps === 1) return [T];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = Math.round(T - ((T - 1) * i) / (steps - 1));
    if (out.length === 0 || t < out[out.length - 1]) out.push(t);
  }
  return out;
}

/** Throws unless timesteps is a non-empty, strictly descending list of integers in [1, T]. */
export function checkTimesteps(schedule: { T: number }, timesteps: readonly number[], name = 'timesteps'): void {
  if (!Array.isArray(timesteps) || timesteps.length === 0) throw new Error(`${name} must be a non-empty array of timesteps`);
  for (let i = 0; i < timesteps.length; i++) {
    checkTimestep(schedule, timesteps[i], `${name}[${i}]`);
    if (i > 0 && timesteps[i] >= timesteps[i - 1]) {
      throw new Error(`${name} must be strictly descending, got ${timesteps[i - 1]} then ${timesteps[i]}`);
    }
  }
}

/** DDIM's sigma for a jump t -> tPrev at a given eta. */
export function ddimSigma(schedule: NoiseSchedule, t: number, tPrev: number, eta: number): number {
  const a = schedule.alphaBars[t];
  const ap = schedule.alphaBars[tPrev];
  return eta * Math.sqrt((1 - ap) / (1 - a)) * Math.sqrt(Math.max(0, 1 - a / ap));
}

/**
 * One DDIM jump x_t -> x_tPrev (tPrev in [0, t)). `z` is standard normal noise shaped like x; it is
 * only used (and only required) when sigma > 0, i.e. eta > 0. Returns a new tensor.
 */
export function ddimStep(
  schedule: NoiseSchedule,
  x: tf.Tensor2D,
  t: number,
  tPrev: number,
  eps: tf.Tensor2D,
  eta: number,
  z: tf.Tensor2D | null,
): tf.Tensor2D {
  checkTimestep(schedule, t);
  checkTimestep(schedule, tPrev, 'tPrev', 0);
  if (tPrev >= t) throw new Error(`ddimStep: tPrev must be below t = ${t}, got ${tPrev}`);
  if (!(eta >= 0) || !Number.isFinite(eta)) throw new Error(`ddimStep: eta must be a finite number >= 0, got ${eta}`);
  const sigma = ddimSigma(schedule, t, tPrev, eta);
  if (sigma > 0 && !z) throw new Error(`ddimStep: z (noise) is required when eta > 0`);
  const ap = schedule.alphaBars[tPrev];
  const dirCoef = Math.sqrt(Math.max(0, 1 - ap - sigma * sigma));
  return tf.tidy(() => {
    const x0 = predictX0(x, eps, schedule.sqrtAlphaBars[t], schedule.sqrtOneMinusAlphaBars[t]);
    const det = tf.add(tf.mul(x0, Math.sqrt(ap)), tf.mul(eps, dirCoef));
    return (sigma > 0 && z ? tf.add(det, tf.mul(z, sigma)) : det) as tf.Tensor2D;
  });
}

export interface DdimSampleOptions extends SamplerRunOptions {
  /** Descending timesteps to visit (e.g. ddimTimesteps(1000, 50)); the run ends at t = 0. */
  timesteps: readonly number[];
  /** 0 = deterministic DDIM, 1 = DDPM-like noise (drawn from rng). Default 0 (the paper's fast setting). */
  eta?: number;
  withX0Hat?: boolean;
}

/** DDIM sampling along `timesteps`, yielding each state; step 0 is x at timesteps[0], the last is x_0. */
export async function* sampleDdim(options: DdimSampleOptions): AsyncGenerator<SamplerStep, Float32Array> {
  const fn = 'sampleDdim';
  const { epsModel, schedule, rng, classLabels, timesteps } = options;
  const eta = options.eta ?? 0;
  if (!(eta >= 0) || !Number.isFinite(eta)) throw new Error(`${fn}: eta must be a finite number >= 0, got ${eta}`);
  checkTimesteps(schedule, timesteps);
  const every = checkYieldEvery(fn, options.yieldEvery);
  const { shape, x: start } = startPoints(fn, options);
  const model = { epsModel, schedule, classLabels, shape };
  const total = timesteps.length;
  return yield* runSamplerLoop({
    fn, start, shape, startT: timesteps[0], total, every, signal: options.signal,
    advance: (i, x, want) => {
      const t = timesteps[i];
      const tPrev = i + 1 < total ? timesteps[i + 1] : 0;
      const noise = ddimSigma(schedule, t, tPrev, eta) > 0 ? normalArray(rng, shape.n * shape.dim) : null;
      const step = epsModelStep(model, x, t, noise, want && !!options.withX0Hat, (eps, z) => ddimStep(schedule, x, t, tPrev, eps, eta, z));
      return { ...step, t: tPrev };
    },
  });
}

export interface DdimInvertOptions {
  epsModel: EpsModel;
  schedule: NoiseSchedule;
  /** Clean points [n * dim] to encode. */
  x0: Float32Array;
  dim?: number;
  /** The same descending timesteps the decoding run will use; inversion walks them upwards. */
  timesteps: readonly number[];
  classLabels?: Int32Array;
  yieldEvery?: number;
  signal?: AbortSignal;
}

/**
 * DDIM inversion (eta = 0 run backwards): 0 -> timesteps[last] -> ... -> timesteps[0], using
 *   x_t = sqrt(abar_t) x0hat(x_s, eps) + sqrt(1 - abar_t) eps,  eps = eps_theta(x_s, t).
 * The model is evaluated at the current point but the destination time t (eps at t = 0 is
 * undefined); this is the usual approximation, exact as steps shrink. Decoding the result with
 * sampleDdim (eta 0, same timesteps, xStart = result) gives back x0 up to that approximation.
 * Yields each state (t ascending, step 0 is x0); returns the latent at timesteps[0].
 */
export async function* invertDdim(options: DdimInvertOptions): AsyncGenerator<SamplerStep, Float32Array> {
  const fn = 'invertDdim';
  const { epsModel, schedule, classLabels, timesteps } = options;
  checkTimesteps(schedule, timesteps);
  const every = checkYieldEvery(fn, options.yieldEvery);
  const dim = options.dim ?? 2;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`${fn}: dim must be a positive integer, got ${dim}`);
  if (options.x0.length === 0 || options.x0.length % dim !== 0) {
    throw new Error(`${fn}: x0 length must be a positive multiple of dim ${dim}, got ${options.x0.length}`);
  }
  const n = options.x0.length / dim;
  if (classLabels && classLabels.length !== n) throw new Error(`${fn}: classLabels must have n = ${n} entries, got ${classLabels.length}`);
  const up = [...timesteps].reverse();
  return yield* runSamplerLoop({
    fn, start: Float32Array.from(options.x0), shape: { n, dim }, startT: 0, total: up.length, every, signal: options.signal,
    advance: (i, xs) => {
      const s = i === 0 ? 0 : up[i - 1];
      const t = up[i];
      const next = tf.tidy(() => {
        const eps = epsModel(xs, t, classLabels);
        const x0 = predictX0(xs, eps, schedule.sqrtAlphaBars[s], schedule.sqrtOneMinusAlphaBars[s]);
        return tf.add(tf.mul(x0, schedule.sqrtAlphaBars[t]), tf.mul(eps, schedule.sqrtOneMinusAlphaBars[t])) as tf.Tensor2D;
      });
      return { next, t };
    },
  });
}
