/**
 * An MLP that predicts the noise eps in x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, for points.
 *   cond = [sinusoidal(t) ; classEmbedding[c]]                       // [n, condDim]
 *   h_0  = silu(x W_in + cond C_in + b_in)                           // [n, hidden]
 *   h_l  = h_{l-1} + silu(h_{l-1} W_l + cond C_l + b_l), l = 1..depth-1  (residual)
 *   eps  = h W_out + b_out                                           // [n, dim]
 * The condition enters every layer (not just the input) so even a small net keeps track of t.
 * Weights are named tf.Variables, built from a seed or passed in (see weights.ts); dispose() frees them.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import type { EpsModel } from '@/lib/diffusion/gaussian/types';
import type { MlpDenoiserConfig } from './config';
import { resolveMlpDenoiserConfig } from './config';

export interface MlpDenoiser {
  readonly config: MlpDenoiserConfig;
  /** Trainable weights by name (see mlpDenoiserWeightShapes for names and shapes). */
  readonly weights: Readonly<Record<string, tf.Variable>>;
  /**
   * eps_theta(x, t, c): x [n, dim]; t one timestep in [1, T] for all rows or one per row;
   * classLabels [n] in [0, numClasses] (numClasses = null class), default all null.
   * Unconditional models ignore classLabels. Returns a new [n, dim] tensor.
   */
  predictEps(x: tf.Tensor2D, t: number | Int32Array, classLabels?: Int32Array): tf.Tensor2D;
  dispose(): void;
}

/** Names and shapes of every weight, in a fixed order (the order of the .bin file). */
export function mlpDenoiserWeightShapes(config: MlpDenoiserConfig): [string, number[]][] {
  const c = resolveMlpDenoiserConfig(config);
  const condDim = c.timeEmbedDim + (c.numClasses > 0 ? c.classEmbedDim : 0);
  const shapes: [string, number[]][] = [
    ['in.kernel', [c.dim, c.hidden]],
    ['in.cond', [condDim, c.hidden]],
    ['in.bias', [c.hidden]],
  ];
  for (let l = 1; l < c.depth; l++) {
    shapes.push([`hidden${l}.kernel`, [c.hidden, c.hidden]], [`hidden${l}.cond`, [condDim, c.hidden]], [`hidden${l}.bias`, [c.hidden]]);
  }
  shapes.push(['out.kernel', [c.hidden, c.dim]], ['out.bias', [c.dim]]);
  if (c.numClasses > 0) shapes.push(['classEmbedding', [c.numClasses + 1, c.classEmbedDim]]);
  return shapes;
}

/** Seeded initial values: Glorot-uniform kernels, zero biases, N(0, 1) class embeddings. */
export function initMlpDenoiserWeights(config: MlpDenoiserConfig, seed: number): Record<string, Float32Array> {
  const rng = createRng(seed);
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of mlpDenoiserWeightShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(size);
    if (name.endsWith('.bias')) {
      // zeros
    } else if (name === 'classEmbedding') {
      for (let i = 0; i < size; i++) v[i] = rng.normal();
    } else {
      const limit = Math.sqrt(6 / (shape[0] + shape[1]));
      for (let i = 0; i < size; i++) v[i] = limit * (2 * rng.next() - 1);
    }
    out[name] = v;
  }
  return out;
}

/**
 * Sinusoidal embedding of integer timesteps, [n * timeEmbedDim] (sines then cosines). Frequencies
 * are geometric from 1/T (one slow, monotone feature across the whole range) to 1 (resolves
 * neighbouring steps).
 */
export function timeEmbedding(t: Int32Array, timeEmbedDim: number, T: number): Float32Array {
  const half = timeEmbedDim / 2;
  const out = new Float32Array(t.length * timeEmbedDim);
  const freqs = Array.from({ length: half }, (_, i) => Math.exp(Math.log(1 / T) * (1 - (half === 1 ? 0 : i / (half - 1)))));
  for (let r = 0; r < t.length; r++) {
    for (let i = 0; i < half; i++) {
      const a = t[r] * freqs[i];
      out[r * timeEmbedDim + i] = Math.sin(a);
      out[r * timeEmbedDim + half + i] = Math.cos(a);
    }
  }
  return out;
}

function silu(h: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(h, tf.sigmoid(h));
}

/**
 * Builds a denoiser. `init` is a seed (fresh, reproducible weights) or named values (trained weights,
 * e.g. from parseMlpDenoiserWeights); every named weight must be present with the right size.
 */
export function createMlpDenoiser(config: Partial<MlpDenoiserConfig>, init: number | Record<string, Float32Array>): MlpDenoiser {
  const c = resolveMlpDenoiserConfig(config);
  const values = typeof init === 'number' ? initMlpDenoiserWeights(c, init) : init;
  const shapes = mlpDenoiserWeightShapes(c);
  for (const [name, shape] of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (!values[name]) throw new Error(`createMlpDenoiser: init is missing weight "${name}"`);
    if (values[name].length !== size) throw new Error(`createMlpDenoiser: weight "${name}" must have ${size} values ([${shape}]), got ${values[name].length}`);
  }
  const weights: Record<string, tf.Variable> = {};
  for (const [name, shape] of shapes) {
    const initial = tf.tensor(values[name], shape);
    weights[name] = tf.variable(initial, true); // unnamed: tfjs variable names are global and would clash between models
    initial.dispose();
  }
  let disposed = false;

  const predictEps = (x: tf.Tensor2D, t: number | Int32Array, classLabels?: Int32Array): tf.Tensor2D => {
    if (disposed) throw new Error('MlpDenoiser.predictEps: the model was disposed');
    if (x.rank !== 2 || x.shape[1] !== c.dim) throw new Error(`MlpDenoiser.predictEps: x must be [n, ${c.dim}], got [${x.shape}]`);
    const n = x.shape[0];
    const ts = typeof t === 'number' ? new Int32Array(n).fill(t) : t;
    if (ts.length !== n) throw new Error(`MlpDenoiser.predictEps: t must have one entry per row (${n}), got ${ts.length}`);
    for (let i = 0; i < n; i++) {
      if (!(ts[i] >= 1 && ts[i] <= c.T) || !Number.isInteger(ts[i])) throw new Error(`MlpDenoiser.predictEps: t must be integers in [1, ${c.T}], got ${ts[i]}`);
    }
    let labels: Int32Array | null = null;
    if (c.numClasses > 0) {
      labels = classLabels ?? new Int32Array(n).fill(c.numClasses);
      if (labels.length !== n) throw new Error(`MlpDenoiser.predictEps: classLabels must have ${n} entries, got ${labels.length}`);
      for (let i = 0; i < n; i++) {
        if (!(labels[i] >= 0 && labels[i] <= c.numClasses)) throw new Error(`MlpDenoiser.predictEps: classLabels must be in [0, ${c.numClasses}] (${c.numClasses} = none), got ${labels[i]}`);
      }
    }
    const temb = timeEmbedding(ts, c.timeEmbedDim, c.T);
    return tf.tidy(() => {
      let cond: tf.Tensor2D = tf.tensor2d(temb, [n, c.timeEmbedDim]); // [n, timeEmbedDim]
      if (labels) {
        // one-hot @ table rather than gather: gather's gradient needs UnsortedSegmentSum, which wasm lacks.
        const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), c.numClasses + 1), 'float32') as tf.Tensor2D; // [n, K + 1]
        const cemb = tf.matMul(oneHot, weights.classEmbedding as tf.Tensor2D); // [n, classEmbedDim]
        cond = tf.concat([cond, cemb], 1) as tf.Tensor2D; // [n, condDim]
      }
      const layer = (h: tf.Tensor2D, prefix: string) =>
        silu(tf.add(tf.add(tf.matMul(h, weights[`${prefix}.kernel`] as tf.Tensor2D), tf.matMul(cond, weights[`${prefix}.cond`] as tf.Tensor2D)), weights[`${prefix}.bias`]));
      let h = layer(x, 'in'); // [n, hidden]
      for (let l = 1; l < c.depth; l++) h = tf.add(h, layer(h, `hidden${l}`));
      return tf.add(tf.matMul(h, weights['out.kernel'] as tf.Tensor2D), weights['out.bias']) as tf.Tensor2D; // [n, dim]
    });
  };

  return {
    config: c,
    weights,
    predictEps,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const v of Object.values(weights)) v.dispose();
    },
  };
}

/** The model as a sampler's EpsModel (classLabels pass through; see guidedEpsModel for guidance). */
export function epsModelFromDenoiser(model: MlpDenoiser): EpsModel {
  return (x, t, classLabels) => model.predictEps(x, t, classLabels);
}
