/**
 * Training the autoencoder on reconstruction: loss = mean over pixels of (decode(encode(x)) - x)^2.
 * Batches come from the seeded rng, so a run reproduces exactly on one backend; the training
 * script and the tests call the same code.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { cosineLearningRate, setLearningRate } from '@/lib/models/mlp-denoiser/train';
import type { Autoencoder } from './model';

export interface TrainAutoencoderConfig {
  /** Optimisation steps. */
  steps: number;
  /** Images per step. 128: smooth enough loss for a net this small; a step stays ~1 ms on wasm. */
  batchSize: number;
  /** Peak Adam step size. 3e-3: fast without divergence on a 0-to-1 scale loss. */
  learningRate: number;
  /** Adam's epsilon, explicit because backends default differently (webgl uses 1e-4). */
  adamEpsilon: number;
  /** Cosine decay to learningRate * finalLrFraction: small late steps settle the 2D code. */
  finalLrFraction: number;
  /**
   * Std of Gaussian noise added to the codes during training (0: plain autoencoder). With the
   * penalty below this is a VAE with a fixed posterior variance: the decoder must draw the same glyph
   * for every code within about this distance, which keeps it smooth between and around the
   * clusters, where guided latent samples may land.
   */
  latentNoise: number;
  /** Weight of the mean squared code norm in the loss: keeps codes near unit scale, like a VAE's KL. */
  latentPenalty: number;
  seed: number;
}

export const DEFAULT_TRAIN_AUTOENCODER_CONFIG: TrainAutoencoderConfig = {
  steps: 3000,
  batchSize: 128,
  learningRate: 3e-3,
  adamEpsilon: 1e-7,
  finalLrFraction: 0.05,
  latentNoise: 0,
  latentPenalty: 0,
  seed: 0,
};

export function resolveTrainAutoencoderConfig(partial: Partial<TrainAutoencoderConfig> = {}): TrainAutoencoderConfig {
  const c = { ...DEFAULT_TRAIN_AUTOENCODER_CONFIG, ...partial };
  if (!Number.isInteger(c.steps) || c.steps < 0) throw new Error(`TrainAutoencoderConfig.steps must be an integer >= 0, got ${c.steps}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new Error(`TrainAutoencoderConfig.batchSize must be a positive integer, got ${c.batchSize}`);
  if (!(c.learningRate > 0)) throw new Error(`TrainAutoencoderConfig.learningRate must be > 0, got ${c.learningRate}`);
  if (!(c.adamEpsilon > 0)) throw new Error(`TrainAutoencoderConfig.adamEpsilon must be > 0, got ${c.adamEpsilon}`);
  if (!(c.finalLrFraction > 0 && c.finalLrFraction <= 1)) throw new Error(`TrainAutoencoderConfig.finalLrFraction must be in (0, 1], got ${c.finalLrFraction}`);
  if (!(c.latentNoise >= 0) || !Number.isFinite(c.latentNoise)) throw new Error(`TrainAutoencoderConfig.latentNoise must be a finite number >= 0, got ${c.latentNoise}`);
  if (!(c.latentPenalty >= 0) || !Number.isFinite(c.latentPenalty)) throw new Error(`TrainAutoencoderConfig.latentPenalty must be a finite number >= 0, got ${c.latentPenalty}`);
  if (!Number.isFinite(c.seed)) throw new Error(`TrainAutoencoderConfig.seed must be a finite number, got ${c.seed}`);
  return c;
}

function checkImages(model: Autoencoder, images: Float32Array, fn: string): number {
  const d = model.config.inputDim;
  if (!(images instanceof Float32Array) || images.length === 0 || images.length % d !== 0) {
    throw new Error(`${fn}: images must be a non-empty Float32Array whose length is a multiple of inputDim ${d}, got length ${images?.length}`);
  }
  return images.length / d;
}

/** Mean squared reconstruction error per pixel over all images (evaluation, in chunks). */
export async function reconstructionMse(model: Autoencoder, images: Float32Array, chunk = 512): Promise<number> {
  const d = model.config.inputDim;
  const n = checkImages(model, images, 'reconstructionMse');
  let sum = 0;
  for (let s = 0; s < n; s += chunk) {
    const rows = Math.min(chunk, n - s);
    const part = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(s * d, (s + rows) * d), [rows, d]);
      return tf.sum(tf.squaredDifference(model.decode(model.encode(x)), x));
    });
    sum += (await part.data())[0];
    part.dispose();
  }
  return sum / (n * d);
}

export interface TrainAutoencoderHooks {
  /** After each step (1-based) with its loss; return false to stop early. */
  onStep?: (step: number, loss: number) => void | boolean | Promise<void | boolean>;
}

/** Trains with a fresh Adam (disposed at the end); returns every step's batch loss. */
export async function trainAutoencoder(
  model: Autoencoder,
  images: Float32Array,
  config: Partial<TrainAutoencoderConfig> = {},
  hooks: TrainAutoencoderHooks = {},
): Promise<{ losses: Float32Array; config: TrainAutoencoderConfig }> {
  const c = resolveTrainAutoencoderConfig(config);
  const d = model.config.inputDim;
  const n = checkImages(model, images, 'trainAutoencoder');
  const rng = createRng(c.seed);
  const optimizer = tf.train.adam(c.learningRate, 0.9, 0.999, c.adamEpsilon);
  const vars = Object.values(model.weights);
  const losses = new Float32Array(c.steps);
  const batch = new Float32Array(c.batchSize * d);
  const k = model.config.latentDim;
  const noise = new Float32Array(c.batchSize * k);
  let done = c.steps;
  try {
    for (let s = 0; s < c.steps; s++) {
      setLearningRate(optimizer, cosineLearningRate(c.learningRate, c.finalLrFraction, s, c.steps));
      for (let b = 0; b < c.batchSize; b++) {
        const i = rng.int(n);
        batch.set(images.subarray(i * d, (i + 1) * d), b * d);
      }
      if (c.latentNoise > 0) for (let i = 0; i < noise.length; i++) noise[i] = c.latentNoise * rng.normal();
      const loss = optimizer.minimize(() => {
        const x = tf.tensor2d(batch, [c.batchSize, d]); // [batch, inputDim]
        const z = model.encode(x); // [batch, latentDim]
        const zNoisy = c.latentNoise > 0 ? tf.add(z, tf.tensor2d(noise, [c.batchSize, k])) : z;
        const recon = tf.mean(tf.squaredDifference(model.decode(zNoisy as tf.Tensor2D), x));
        return (c.latentPenalty > 0 ? tf.add(recon, tf.mul(tf.mean(tf.sum(tf.square(z), 1)), c.latentPenalty)) : recon) as tf.Scalar;
      }, true, vars);
      if (!loss) throw new Error('trainAutoencoder: the optimizer returned no loss');
      losses[s] = (await loss.data())[0];
      loss.dispose();
      if (hooks.onStep && (await hooks.onStep(s + 1, losses[s])) === false) {
        done = s + 1;
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { losses: losses.slice(0, done), config: c };
}
