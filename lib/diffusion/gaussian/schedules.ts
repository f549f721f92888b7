/**
 * Noise schedules for Gaussian diffusion (DDPM, Ho et al. 2020; cosine from Nichol & Dhariwal 2021).
 *
 * Indexing: time is 1-indexed, t = 1..T, exactly as in the papers. Every array has length T + 1 and
 * index t holds the value at step t; index 0 holds the clean-data convention
 * (beta_0 = 0, alpha_0 = 1, abar_0 = 1, betatilde_0 = 0, snr_0 = +Infinity), so `alphaBars[tPrev]`
 * works unchanged when a sampler steps to t' = 0 (DDIM's last step) and no caller ever subtracts 1.
 *
 * Values are computed in float64; `scheduleToFloat32` gives float32 copies for tensors/typed-array math.
 */

export type ScheduleKind = 'linear' | 'cosine';

export interface ScheduleConfig {
  kind: ScheduleKind;
  /** Number of diffusion steps. 1000 is the DDPM paper's choice and the course's default. */
  T?: number;
  /** Linear only: beta_1. 1e-4 as in DDPM (tiny noise at the first step keeps x_1 almost clean). */
  betaStart?: number;
  /** Linear only: beta_T. 0.02 as in DDPM (abar_T ~ 4e-5, so x_T is practically pure noise). */
  betaEnd?: number;
  /** Cosine only: offset s. 0.008 as in Nichol & Dhariwal, so beta_1 is not vanishingly small. */
  cosineOffset?: number;
  /** Cosine only: clip for beta_t. 0.999 avoids the singularity at t = T where abar_T -> 0. */
  maxBeta?: number;
}

export interface NoiseSchedule<A extends Float64Array | Float32Array = Float64Array> {
  kind: ScheduleKind;
  T: number;
  /** beta_t, index 0..T (beta_0 = 0). */
  betas: A;
  /** alpha_t = 1 - beta_t. */
  alphas: A;
  /** abar_t = prod_{s<=t} alpha_s (abar_0 = 1). */
  alphaBars: A;
  /** sqrt(abar_t): the signal coefficient of q(x_t | x_0). */
  sqrtAlphaBars: A;
  /** sqrt(1 - abar_t): the noise standard deviation of q(x_t | x_0). */
  sqrtOneMinusAlphaBars: A;
  /** Posterior variance betatilde_t = beta_t (1 - abar_{t-1}) / (1 - abar_t); betatilde_1 = 0. */
  posteriorVariances: A;
  /** Signal-to-noise ratio abar_t / (1 - abar_t); snr_0 = +Infinity. */
  snr: A;
}

const DEFAULT_T = 1000;

function checkT(T: number, fn: string): void {
  if (!Number.isInteger(T) || T < 1 || T > 100_000) {
    throw new Error(`${fn}: T must be an integer in [1, 100000], got ${T}`);
  }
}

/** Fills every derived array from betas (index 1..T); abar is a running product of alphas. */
function fromBetas(kind: ScheduleKind, T: number, betas: Float64Array): NoiseSchedule {
  const alphas = new Float64Array(T + 1);
  const alphaBars = new Float64Array(T + 1);
  const sqrtAlphaBars = new Float64Array(T + 1);
  const sqrtOneMinusAlphaBars = new Float64Array(T + 1);
  const posteriorVariances = new Float64Array(T + 1);
  const snr = new Float64Array(T + 1);
  betas[0] = 0;
  alphas[0] = 1;
  alphaBars[0] = 1;
  sqrtAlphaBars[0] = 1;
  sqrtOneMinusAlphaBars[0] = 0;
  posteriorVariances[0] = 0;
  snr[0] = Number.POSITIVE_INFINITY;
  for (let t = 1; t <= T; t++) {
    alphas[t] = 1 - betas[t];
    alphaBars[t] = alphaBars[t - 1] * alphas[t];
    sqrtAlphaBars[t] = Math.sqrt(alphaBars[t]);
    sqrtOneMinusAlphaBars[t] = Math.sqrt(1 - alphaBars[t]);
    posteriorVariances[t] = (betas[t] * (1 - alphaBars[t - 1])) / (1 - alphaBars[t]);
    snr[t] = alphaBars[t] / (1 - alphaBars[t]);
  }
  return { kind, T, betas, alphas, alphaBars, sqrtAlphaBars, sqrtOneMinusAlphaBars, posteriorVariances, snr };
}

/** DDPM's linear schedule: beta_t evenly spaced from betaStart (t = 1) to betaEnd (t = T). */
export function linearSchedule(T = DEFAULT_T, betaStart = 1e-4, betaEnd = 0.02): NoiseSchedule {
  checkT(T, 'linearSchedule');
  if (!(betaStart > 0 && betaStart < 1)) throw new Error(`linearSchedule: betaStart must be in (0, 1), got ${betaStart}`);
  if (!(betaEnd > 0 && betaEnd < 1)) throw new Error(`linearSchedule: betaEnd must be in (0, 1), got ${betaEnd}`);
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    // T = 1 degenerates to a single step at betaStart.
    betas[t] = T === 1 ? betaStart : betaStart + ((betaEnd - betaStart) * (t - 1)) / (T - 1);
  }
  return fromBetas('linear', T, betas);
}

/**
 * Cosine schedule: abar_t = f(t)/f(0), f(t) = cos^2(((t/T + s)/(1 + s)) pi/2),
 * beta_t = min(1 - abar_t/abar_{t-1}, maxBeta). abar is then recomputed as the product of the
 * clipped alphas (as in the reference implementation), so it differs from f(t)/f(0) only where
 * the clip bites (the last step or so).
 */
export function cosineSchedule(T = DEFAULT_T, cosineOffset = 0.008, maxBeta = 0.999): NoiseSchedule {
  checkT(T, 'cosineSchedule');
  if (!(cosineOffset >= 0 && cosineOffset < 1)) throw new Error(`cosineSchedule: cosineOffset must be in [0, 1), got ${cosineOffset}`);
  if (!(maxBeta > 0 && maxBeta < 1)) throw new Error(`cosineSchedule: maxBeta must be in (0, 1), got ${maxBeta}`);
  const f = (t: number) => Math.cos((((t / T) + cosineOffset) / (1 + cosineOffset)) * (Math.PI / 2)) ** 2;
  const f0 = f(0);
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) {
    const ratio = f(t) / f0 / (f(t - 1) / f0);
    betas[t] = Math.min(1 - ratio, maxBeta);
  }
  return fromBetas('cosine', T, betas);
}

/** Builds a schedule from a config (the form widgets keep in the URL). */
export function makeSchedule(config: ScheduleConfig): NoiseSchedule {
  const T = config.T ?? DEFAULT_T;
  if (config.kind === 'linear') return linearSchedule(T, config.betaStart, config.betaEnd);
  if (config.kind === 'cosine') return cosineSchedule(T, config.cosineOffset, config.maxBeta);
  throw new Error(`makeSchedule: config.kind must be 'linear' or 'cosine', got ${String((config as { kind: unknown }).kind)}`);
}

/** Float32 copies of every array (for tensors and float32 typed-array math). */
export function scheduleToFloat32(s: NoiseSchedule): NoiseSchedule<Float32Array> {
  return {
    kind: s.kind,
    T: s.T,
    betas: Float32Array.from(s.betas),
    alphas: Float32Array.from(s.alphas),
    alphaBars: Float32Array.from(s.alphaBars),
    sqrtAlphaBars: Float32Array.from(s.sqrtAlphaBars),
    sqrtOneMinusAlphaBars: Float32Array.from(s.sqrtOneMinusAlphaBars),
    posteriorVariances: Float32Array.from(s.posteriorVariances),
    snr: Float32Array.from(s.snr),
  };
}

/** Throws unless t is an integer timestep in [min, T] (min = 1 for noisy steps, 0 to allow clean data). */
export function checkTimestep(s: { T: number }, t: number, name = 't', min = 1): void {
  if (!Number.isInteger(t) || t < min || t > s.T) {
    throw new Error(`${name} must be an integer in [${min}, ${s.T}], got ${t}`);
  }
}
