/**
 * Exact eps for data whose noisy marginals are known in closed form: a Gaussian and a mixture of
 * isotropic Gaussians. If x_0 ~ N(mu, s^2 I) then x_t ~ N(sqrt(abar) mu, v I), v = abar s^2 + 1 - abar,
 * its score is -(x - sqrt(abar) mu) / v, and eps = -sqrt(1 - abar) score. A "perfect denoiser" for
 * tests and for lessons that separate sampler error from model error.
 */
import * as tf from '@/lib/tensor/tf';
import type { NoiseSchedule } from './schedules';
import { checkTimestep } from './schedules';
import type { EpsModel } from './types';

/** Exact eps for x_0 ~ N(mean, diag(std^2)) (per-dimension mean and std). */
export function gaussianEpsOracle(schedule: NoiseSchedule, mean: readonly number[], std: readonly number[]): EpsModel {
  if (mean.length === 0 || mean.length !== std.length) throw new Error(`gaussianEpsOracle: mean and std must be non-empty and equally long, got ${mean.length} and ${std.length}`);
  if (std.some((s) => !(s >= 0))) throw new Error(`gaussianEpsOracle: std must be >= 0, got [${std}]`);
  const d = mean.length;
  return (x, t) => {
    checkTimestep(schedule, t);
    if (x.shape[1] !== d) throw new Error(`gaussianEpsOracle: x must be [n, ${d}], got [${x.shape}]`);
    const abar = schedule.alphaBars[t];
    const shift = mean.map((m) => Math.sqrt(abar) * m);
    const scale = std.map((s) => schedule.sqrtOneMinusAlphaBars[t] / (abar * s * s + 1 - abar));
    return tf.tidy(() => tf.mul(tf.sub(x, tf.tensor2d(shift, [1, d])), tf.tensor2d(scale, [1, d])));
  };
}

export interface MixtureComponents {
  /** Component means, [K][d]. */
  means: readonly (readonly number[])[];
  /** Isotropic std of each component, [K]. */
  stds: readonly number[];
  /** Mixture weights, [K] (normalised here). */
  weights: readonly number[];
}

/**
 * Exact eps for a mixture of isotropic Gaussians. With classLabels, a label k < K means "component k
 * only" (the exact class-conditional eps) and K means the whole mixture (the null class), matching
 * the class-conditional denoiser's convention, so it can stand in for it under guidance.
 */
export function gaussianMixtureEpsOracle(schedule: NoiseSchedule, mix: MixtureComponents): EpsModel {
  const K = mix.means.length;
  if (K === 0 || mix.stds.length !== K || mix.weights.length !== K) {
    throw new Error(`gaussianMixtureEpsOracle: means, stds and weights must have the same non-zero length, got ${K}, ${mix.stds.length}, ${mix.weights.length}`);
  }
  const d = mix.means[0].length;
  if (mix.means.some((m) => m.length !== d)) throw new Error('gaussianMixtureEpsOracle: every mean must have the same dimension');
  if (mix.weights.some((w) => !(w > 0))) throw new Error(`gaussianMixtureEpsOracle: weights must be > 0, got [${mix.weights}]`);
  const wSum = mix.weights.reduce((a, b) => a + b, 0);
  const logW = mix.weights.map((w) => Math.log(w / wSum));
  const flatMeans = mix.means.flat();
  return (x, t, classLabels) => {
    checkTimestep(schedule, t);
    const n = x.shape[0];
    if (x.shape[1] !== d) throw new Error(`gaussianMixtureEpsOracle: x must be [n, ${d}], got [${x.shape}]`);
    if (classLabels && classLabels.length !== n) throw new Error(`gaussianMixtureEpsOracle: classLabels must have ${n} entries, got ${classLabels.length}`);
    const abar = schedule.alphaBars[t];
    const v = mix.stds.map((s) => abar * s * s + 1 - abar);
    // Per-row mask of allowed components: all (null class / no labels) or just the labelled one.
    const mask = new Float32Array(n * K).fill(0);
    for (let i = 0; i < n; i++) {
      const c = classLabels ? classLabels[i] : K;
      if (!Number.isInteger(c) || c < 0 || c > K) throw new Error(`gaussianMixtureEpsOracle: classLabels[${i}] must be in [0, ${K}], got ${c}`);
      for (let k = 0; k < K; k++) mask[i * K + k] = c === K || c === k ? 0 : -1e30;
    }
    return tf.tidy(() => {
      const m = tf.mul(tf.tensor3d(flatMeans, [1, K, d]), Math.sqrt(abar)); // [1, K, d]
      const vT = tf.tensor3d(v, [1, K, 1]); // [1, K, 1]
      const diff = tf.sub(tf.expandDims(x, 1), m); // [n, K, d]
      const sq = tf.sum(tf.square(diff), 2); // [n, K]
      const base = tf.tensor2d(logW.map((lw, k) => lw - (d / 2) * Math.log(v[k])), [1, K]);
      // log w_k - (d/2) log v_k - |x - m_k|^2 / (2 v_k), masked to the allowed components.
      const logits = tf.add(tf.sub(base, tf.div(sq, tf.mul(tf.reshape(vT, [1, K]), 2))), tf.tensor2d(mask, [n, K]));
      const r = tf.softmax(logits, 1); // [n, K]
      const score = tf.sum(tf.mul(tf.expandDims(r, 2), tf.div(tf.neg(diff), vT)), 1); // [n, d]
      return tf.mul(score, -schedule.sqrtOneMinusAlphaBars[t]) as tf.Tensor2D;
    });
  };
}
