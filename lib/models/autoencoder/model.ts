/**
 * A tiny MLP autoencoder (weights passed in or built from a seed; dispose() frees them):
 *   encoder  x [n, inputDim] -> silu(Dense hidden[0]) -> ... -> Dense latentDim        (linear code)
 *   decoder  z [n, latentDim] -> silu(Dense hidden[last]) -> ... -> tanh(Dense inputDim) (pixels in [-1, 1])
 * The code is left linear (unbounded) so the latent diffusion sees a plain 2D point cloud; tanh keeps
 * decoded pixels in the glyphs' range.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import type { AutoencoderConfig } from './config';
import { resolveAutoencoderConfig } from './config';

export interface Autoencoder {
  readonly config: AutoencoderConfig;
  /** Trainable weights by name (see autoencoderWeightShapes). */
  readonly weights: Readonly<Record<string, tf.Variable>>;
  /** [n, inputDim] -> [n, latentDim]; a new tensor. */
  encode(x: tf.Tensor2D): tf.Tensor2D;
  /** [n, latentDim] -> [n, inputDim]; a new tensor. */
  decode(z: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/** Widths of the encoder's layers, input to code: [inputDim, ...hidden, latentDim]. */
function encoderWidths(c: AutoencoderConfig): number[] {
  return [c.inputDim, ...c.hidden, c.latentDim];
}

/** Names and shapes of every weight in a fixed order (the order of the .bin file). */
export function autoencoderWeightShapes(config: AutoencoderConfig): [string, number[]][] {
  const c = resolveAutoencoderConfig(config);
  const enc = encoderWidths(c);
  const dec = [...enc].reverse();
  const shapes: [string, number[]][] = [];
  for (let l = 0; l + 1 < enc.length; l++) shapes.push([`enc${l}.kernel`, [enc[l], enc[l + 1]]], [`enc${l}.bias`, [enc[l + 1]]]);
  for (let l = 0; l + 1 < dec.length; l++) shapes.push([`dec${l}.kernel`, [dec[l], dec[l + 1]]], [`dec${l}.bias`, [dec[l + 1]]]);
  return shapes;
}

/** Seeded initial values: Glorot-uniform kernels, zero biases. */
export function initAutoencoderWeights(config: AutoencoderConfig, seed: number): Record<string, Float32Array> {
  const rng = createRng(seed);
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of autoencoderWeightShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(size);
    if (name.endsWith('.kernel')) {
      const limit = Math.sqrt(6 / (shape[0] + shape[1]));
      for (let i = 0; i < size; i++) v[i] = limit * (2 * rng.next() - 1);
    }
    out[name] = v;
  }
  return out;
}

/**
 * Builds an autoencoder. `init` is a seed (fresh, reproducible weights) or named values (trained
 * weights, e.g. from parseAutoencoderWeights); every weight must be present with the right size.
 */
export function createAutoencoder(config: Partial<AutoencoderConfig>, init: number | Record<string, Float32Array>): Autoencoder {
  const c = resolveAutoencoderConfig(config);
  if (typeof init !== 'number' && (typeof init !== 'object' || init === null)) throw new Error('createAutoencoder: init must be a seed or a record of named Float32Arrays');
  const values = typeof init === 'number' ? initAutoencoderWeights(c, init) : init;
  const shapes = autoencoderWeightShapes(c);
  for (const [name, shape] of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (!values[name]) throw new Error(`createAutoencoder: init is missing weight "${name}"`);
    if (values[name].length !== size) throw new Error(`createAutoencoder: weight "${name}" must have ${size} values ([${shape}]), got ${values[name].length}`);
  }
  const weights: Record<string, tf.Variable> = {};
  for (const [name, shape] of shapes) {
    const initial = tf.tensor(values[name], shape);
    weights[name] = tf.variable(initial, true); // unnamed: tfjs variable names are global and would clash
    initial.dispose();
  }
  const layers = encoderWidths(c).length - 1;
  let disposed = false;

  const check = (fn: string, arg: string, x: tf.Tensor2D, width: number) => {
    if (disposed) throw new Error(`Autoencoder.${fn}: the model was disposed`);
    if (!x || x.rank !== 2 || x.shape[1] !== width) throw new Error(`Autoencoder.${fn}: ${arg} must be [n, ${width}], got [${x?.shape}]`);
  };
  // Hidden layers use silu; the last layer is linear (encoder) or tanh (decoder).
  const stack = (h: tf.Tensor2D, prefix: 'enc' | 'dec', last: (t: tf.Tensor2D) => tf.Tensor2D): tf.Tensor2D => {
    for (let l = 0; l < layers; l++) {
      const a = tf.add(tf.matMul(h, weights[`${prefix}${l}.kernel`] as tf.Tensor2D), weights[`${prefix}${l}.bias`]) as tf.Tensor2D; // [n, width_l+1]
      h = l + 1 < layers ? (tf.mul(a, tf.sigmoid(a)) as tf.Tensor2D) : last(a);
    }
    return h;
  };

  return {
    config: c,
    weights,
    encode(x) {
      check('encode', 'x', x, c.inputDim);
      return tf.tidy(() => stack(x, 'enc', (a) => a)); // [n, latentDim]
    },
    decode(z) {
      check('decode', 'z', z, c.latentDim);
      return tf.tidy(() => stack(z, 'dec', (a) => tf.tanh(a))); // [n, inputDim]
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const v of Object.values(weights)) v.dispose();
    },
  };
}

/** Batched encode of row-major typed arrays ([n * inputDim] -> [n * latentDim]), reading with await data(). */
export async function encodeArray(model: Autoencoder, images: Float32Array): Promise<Float32Array> {
  return mapRows(model.config.inputDim, images, 'encodeArray', 'images', (x) => model.encode(x));
}

/** Batched decode ([n * latentDim] -> [n * inputDim]). */
export async function decodeArray(model: Autoencoder, latents: Float32Array): Promise<Float32Array> {
  return mapRows(model.config.latentDim, latents, 'decodeArray', 'latents', (z) => model.decode(z));
}

async function mapRows(width: number, rows: Float32Array, fn: string, arg: string, f: (x: tf.Tensor2D) => tf.Tensor2D): Promise<Float32Array> {
  if (!(rows instanceof Float32Array) || rows.length === 0 || rows.length % width !== 0) {
    throw new Error(`${fn}: ${arg} must be a non-empty Float32Array whose length is a multiple of ${width}, got length ${rows?.length}`);
  }
  const n = rows.length / width;
  const out = tf.tidy(() => f(tf.tensor2d(rows, [n, width])));
  try {
    return Float32Array.from((await out.data()) as Float32Array);
  } finally {
    out.dispose();
  }
}
