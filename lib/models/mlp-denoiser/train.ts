/**
 * Training the MLP denoiser with DDPM's simple loss E||eps - eps_theta(x_t, t[, c])||^2,
 * t ~ U{1..T}, with classifier-free label dropout for class-conditional models.
 * All randomness (batch rows, t, eps, dropout) comes from the seeded rng on typed arrays, so a run
 * reproduces exactly on one backend. Pure functions of (model, optimizer, data, rng): a worker and
 * the training script call the same code.
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import { createRng } from '@/lib/math/rng';
import type { NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';
import { normalArray, qSampleArray, uniformTimesteps } from '@/lib/diffusion/gaussian/forward';
import { epsMse } from '@/lib/diffusion/gaussian/ddpm';
import type { MlpDenoiser } from './model';

export interface TrainDenoiserConfig {
  /** Optimisation steps. */
  steps: number;
  /** Rows per step. 256: low-variance loss on 2D data while a step stays a few ms on wasm. */
  batchSize: number;
  /** Adam step size. 2e-3: fast on these small nets without divergence (the loss is O(1)). */
  learningRate: number;
  /** Adam's epsilon, given explicitly because backends default differently (webgl uses 1e-4). */
  adamEpsilon: number;
  /** Probability of replacing a label by the null class (classifier-free guidance); 0.15 is inside the 10-20% of the paper. */
  pUncond: number;
  /** Seed for batches, timesteps, noise and dropout. */
  seed: number;
  /**
   * Cosine decay of the step size from learningRate to learningRate * finalLrFraction over the run.
   * 0.05: a late small step size averages out batch noise, which the deterministic DDIM ODE is
   * sensitive to (it has no noise to wash errors out, unlike DDPM).
   */
  finalLrFraction: number;
  /**
   * Decay of an exponential moving average of the weights, copied into the model at the end
   * (0 disables). 0.995 averages over the last ~200 steps: smoother eps, better samples.
   */
  emaDecay: number;
  /**
   * What the net is trained to output: 'eps' (DDPM's simple loss, the default) or 'x0' (the clean
   * point, loss ||x0 - f(x_t, t)||^2; turn it into eps with eps = (x_t - sqrt(abar_t) x0) / sqrt(1 - abar_t)).
   * 'x0' is for nets narrower than the data (e.g. 256 pixels through 128 hidden units): eps at high
   * noise is almost x_t itself, a full-rank map such a net cannot express, while x0 lies on the
   * data's low-dimensional manifold.
   */
  prediction: 'eps' | 'x0';
}

export const DEFAULT_TRAIN_DENOISER_CONFIG: TrainDenoiserConfig = {
  steps: 3000,
  batchSize: 256,
  learningRate: 2e-3,
  adamEpsilon: 1e-7,
  pUncond: 0.15,
  seed: 0,
  finalLrFraction: 0.05,
  emaDecay: 0.995,
  prediction: 'eps',
};

export function resolveTrainDenoiserConfig(partial: Partial<TrainDenoiserConfig> = {}): TrainDenoiserConfig {
  const c = { ...DEFAULT_TRAIN_DENOISER_CONFIG, ...partial };
  if (!Number.isInteger(c.steps) || c.steps < 0) throw new Error(`TrainDenoiserConfig.steps must be an integer >= 0, got ${c.steps}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new Error(`TrainDenoiserConfig.batchSize must be a positive integer, got ${c.batchSize}`);
  if (!(c.learningRate > 0)) throw new Error(`TrainDenoiserConfig.learningRate must be > 0, got ${c.learningRate}`);
  if (!(c.adamEpsilon > 0)) throw new Error(`TrainDenoiserConfig.adamEpsilon must be > 0, got ${c.adamEpsilon}`);
  if (!(c.pUncond >= 0 && c.pUncond <= 1)) throw new Error(`TrainDenoiserConfig.pUncond must be in [0, 1], got ${c.pUncond}`);
  if (!(c.finalLrFraction > 0 && c.finalLrFraction <= 1)) throw new Error(`TrainDenoiserConfig.finalLrFraction must be in (0, 1], got ${c.finalLrFraction}`);
  if (!(c.emaDecay >= 0 && c.emaDecay < 1)) throw new Error(`TrainDenoiserConfig.emaDecay must be in [0, 1), got ${c.emaDecay}`);
  if (c.prediction !== 'eps' && c.prediction !== 'x0') throw new Error(`TrainDenoiserConfig.prediction must be 'eps' or 'x0', got ${JSON.stringify(c.prediction)}`);
  if (!Number.isFinite(c.seed)) throw new Error(`TrainDenoiserConfig.seed must be a finite number, got ${c.seed}`);
  return c;
}

/** Adam with the explicit epsilon (beta1 0.9, beta2 0.999: the standard values). */
export function createDenoiserOptimizer(config: Pick<TrainDenoiserConfig, 'learningRate' | 'adamEpsilon'>): tf.Optimizer {
  return tf.train.adam(config.learningRate, 0.9, 0.999, config.adamEpsilon);
}

/**
 * Sets Adam's step size between steps. tfjs reads the (protected) field at every update and has no
 * public setter, so this is the one place that reaches in.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(learningRate > 0)) throw new Error(`setLearningRate: learningRate must be > 0, got ${learningRate}`);
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** Cosine decay from lr to lr * finalFraction, step in [0, steps). */
export function cosineLearningRate(lr: number, finalFraction: number, step: number, steps: number): number {
  const p = steps <= 1 ? 1 : step / (steps - 1);
  return lr * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * p)));
}

export interface TrainingData {
  /** [N * dim] clean points. */
  points: Float32Array;
  /** [N] class per point (required for class-conditional models). */
  labels?: Int32Array;
}

function checkData(model: MlpDenoiser, data: TrainingData, fn: string): number {
  const { dim, numClasses } = model.config;
  if (data.points.length === 0 || data.points.length % dim !== 0) throw new Error(`${fn}: data.points length must be a positive multiple of dim ${dim}, got ${data.points.length}`);
  const N = data.points.length / dim;
  if (numClasses > 0) {
    if (!data.labels || data.labels.length !== N) throw new Error(`${fn}: data.labels must have one class per point (${N}) for a class-conditional model`);
    for (let i = 0; i < N; i++) {
      if (!(data.labels[i] >= 0 && data.labels[i] < numClasses)) throw new Error(`${fn}: data.labels[${i}] must be in [0, ${numClasses}), got ${data.labels[i]}`);
    }
  }
  return N;
}

/**
 * One optimisation step on a random batch drawn from data; returns the batch loss.
 * The model's weights and the optimizer's state change; no other tensor outlives the call.
 */
export async function trainStep(
  model: MlpDenoiser,
  optimizer: tf.Optimizer,
  schedule: NoiseSchedule,
  data: TrainingData,
  rng: Rng,
  options: Pick<TrainDenoiserConfig, 'batchSize' | 'pUncond'> & Partial<Pick<TrainDenoiserConfig, 'prediction'>> = DEFAULT_TRAIN_DENOISER_CONFIG,
): Promise<number> {
  const fn = 'trainStep';
  const { dim, numClasses, T } = model.config;
  if (schedule.T !== T) throw new Error(`${fn}: schedule.T (${schedule.T}) must equal the model's T (${T})`);
  const N = checkData(model, data, fn);
  const B = options.batchSize;
  const x0 = new Float32Array(B * dim);
  const labels = numClasses > 0 ? new Int32Array(B) : undefined;
  for (let b = 0; b < B; b++) {
    const i = rng.int(N);
    x0.set(data.points.subarray(i * dim, (i + 1) * dim), b * dim);
    // Label dropout teaches the same net the unconditional eps (needed for guidance).
    if (labels && data.labels) labels[b] = rng.next() < options.pUncond ? numClasses : data.labels[i];
  }
  const t = uniformTimesteps(rng, B, T);
  const eps = normalArray(rng, B * dim);
  const xt = qSampleArray(schedule, x0, t, eps, dim);
  const vars = Object.values(model.weights);
  const target = options.prediction === 'x0' ? x0 : eps;
  const loss = optimizer.minimize(() => {
    const pred = model.predictEps(tf.tensor2d(xt, [B, dim]), t, labels);
    return epsMse(pred, tf.tensor2d(target, [B, dim]));
  }, true, vars);
  if (!loss) throw new Error(`${fn}: the optimizer returned no loss`);
  try {
    return (await loss.data())[0];
  } finally {
    loss.dispose();
  }
}

export interface TrainHooks {
  /** Called after each step with the 1-based step and its loss; return false to stop early. */
  onStep?: (step: number, loss: number) => void | boolean | Promise<void | boolean>;
  signal?: AbortSignal;
}

export interface TrainStepReport {
  /** 1-based step just taken. */
  step: number;
  steps: number;
  loss: number;
  learningRate: number;
}

/**
 * The training loop, one step per yield: a fresh Adam (disposed at the end), the cosine step size,
 * and with emaDecay > 0 an exponential moving average of the weights that the model holds once the
 * run ends. Passing false to next() stops after that step (the EMA is still copied in). All
 * randomness comes from `rng`, so callers that drew their data from it keep one seeded stream.
 * Returns every step's loss.
 */
export async function* trainDenoiserSteps(
  model: MlpDenoiser,
  schedule: NoiseSchedule,
  data: TrainingData,
  config: TrainDenoiserConfig,
  rng: Rng,
  signal?: AbortSignal,
): AsyncGenerator<TrainStepReport, Float32Array, boolean | undefined> {
  checkData(model, data, 'trainMlpDenoiser');
  const optimizer = createDenoiserOptimizer(config);
  const losses = new Float32Array(config.steps);
  const names = Object.keys(model.weights);
  // EMA shadows start at the initial weights (plain tensors, kept outside any tidy).
  let ema: tf.Tensor[] = config.emaDecay > 0 ? names.map((k) => tf.clone(model.weights[k])) : [];
  let done = config.steps;
  try {
    for (let s = 0; s < config.steps; s++) {
      if (signal?.aborted) throw new Error('trainMlpDenoiser: aborted');
      const learningRate = cosineLearningRate(config.learningRate, config.finalLrFraction, s, config.steps);
      setLearningRate(optimizer, learningRate);
      losses[s] = await trainStep(model, optimizer, schedule, data, rng, config);
      if (ema.length > 0) {
        // Warm-up (as in TF's ExponentialMovingAverage with num_updates): early on, follow the weights closely.
        const d = Math.min(config.emaDecay, (1 + s) / (10 + s));
        const next = tf.tidy(() => ema.map((e, i) => tf.add(tf.mul(e, d), tf.mul(model.weights[names[i]], 1 - d))));
        tf.dispose(ema);
        ema = next;
      }
      if ((yield { step: s + 1, steps: config.steps, loss: losses[s], learningRate }) === false) {
        done = s + 1;
        break;
      }
    }
    ema.forEach((e, i) => model.weights[names[i]].assign(e));
  } finally {
    optimizer.dispose();
    tf.dispose(ema);
  }
  return losses.slice(0, done);
}

/**
 * Trains for config.steps (trainDenoiserSteps with its own rng from config.seed) and returns every
 * step's loss. With emaDecay > 0 the model ends up holding the averaged weights. Reproducible from
 * config.seed on a given backend.
 */
export async function trainMlpDenoiser(
  model: MlpDenoiser,
  schedule: NoiseSchedule,
  data: TrainingData,
  config: Partial<TrainDenoiserConfig> = {},
  hooks: TrainHooks = {},
): Promise<{ losses: Float32Array; config: TrainDenoiserConfig }> {
  const c = resolveTrainDenoiserConfig(config);
  const run = trainDenoiserSteps(model, schedule, data, c, createRng(c.seed), hooks.signal);
  let r = await run.next();
  try {
    while (!r.done) r = await run.next(hooks.onStep ? (await hooks.onStep(r.value.step, r.value.loss)) !== false : true);
  } catch (err) {
    await run.return(new Float32Array(0)); // a throwing hook: free the optimizer and the EMA
    throw err;
  }
  return { losses: r.value, config: c };
}

/** Every loss of a run, with the mean over its first and its last tenth (at least one step each). */
export function lossSummary(losses: Float32Array): { losses: Float32Array; firstLoss: number; lastLoss: number } {
  const tenth = Math.max(1, Math.floor(losses.length / 10));
  const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
  return { losses, firstLoss: mean(losses.subarray(0, tenth)), lastLoss: mean(losses.subarray(losses.length - tenth)) };
}
