import type * as tf from '@/lib/tensor/tf';

/**
 * What every Gaussian sampler needs from a model: predicted noise eps_theta(x_t, t [, class]).
 * - x: [n, d] points at time t (float32); the function must not dispose it.
 * - t: integer timestep in [1, T], the same for every row (samplers move all points together).
 * - classLabels: optional, length n, class index per row (the null class index means "no condition").
 * Returns a new [n, d] tensor the caller owns. Synchronous, so samplers can wrap it in tf.tidy.
 * Implemented by analytic oracles (oracles.ts) and by the MLP denoiser (epsModelFromDenoiser).
 */
export type EpsModel = (x: tf.Tensor2D, t: number, classLabels?: Int32Array) => tf.Tensor2D;

/** One state of a sampler, yielded after every step (and once for the starting point, step 0). */
export interface SamplerStep {
  /** The timestep of `x`: T (or the first sub-sequence entry) at step 0, 0 for the final samples. */
  t: number;
  /** Points, row-major [n * d]. A fresh copy each yield; the caller may keep it. */
  x: Float32Array;
  /** 0 for the starting point, then 1..total. */
  step: number;
  /** Number of steps (model evaluations) in the whole run. */
  total: number;
  /** The model's current guess of x_0 (only when the sampler was asked for it; absent at step 0). */
  x0Hat?: Float32Array;
}
