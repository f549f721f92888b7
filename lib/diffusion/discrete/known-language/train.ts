/**
 * One trainer for both known-language models (lessons 08 and 09): same network, same data, same noise
 * (absorbing: each token masked independently with probability ~t), only the loss differs:
 *   sedd: denoising score entropy with log-linear noise (sedd.ts scoreEntropyLoss), weight sigma'(t);
 *   mdlm: the NELBO with alpha_t = 1 - t, (1/t) * sum over masked of -log p_theta(x0_l | x_t).
 * Both are reported per token (divided by the 16 positions), in nats: both bound -log p_0(x) / 16
 * from above, so neither can go below entropyPerToken() on held-out data.
 * Deterministic from the seeds: step s draws its batch and noise from (seed, s) alone. Used step by
 * step by the worker job (loss curve, pause) and in a loop by scripts/train-known-language.ts and the tests.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng, type Rng } from '@/lib/math/rng';
import { sampleSequences, KNOWN_LANGUAGE } from '@/lib/data/known-language';
import { initTransformerWeights, type HostWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { validateConfig } from '@/lib/models/transformer/config';
import { createAdam, DEFAULT_ADAM } from '@/lib/training/adam';
import { stepSeed, type TrainerConfig } from '@/lib/training/trainer';
import { absorbingGraph, logLinearNoise, scoreEntropyLoss } from '../sedd';
import { checkObjective, fullAttention, knownLanguageModelConfig, KNOWN_LANGUAGE_VOCAB, type KnownLanguageObjective } from './models';

/** The main trainer's settings (lib/training/trainer.ts, same meanings), for a known-language objective. */
export type KnownLanguageTrainConfig = { objective: KnownLanguageObjective } & Pick<
  TrainerConfig,
  'model' | 'seed' | 'dataSeed' | 'steps' | 'batchSize' | 'lr' | 'warmupSteps' | 'minLrRatio' | 'adam' | 'tEps' | 'heldoutSize' | 'heldoutSeed'
>;

/** The shipped recipe (steps is what scripts/train-known-language.ts trains for). */
export function defaultKnownLanguageTrainConfig(objective: KnownLanguageObjective, overrides: Partial<KnownLanguageTrainConfig> = {}): KnownLanguageTrainConfig {
  checkObjective(objective, 'defaultKnownLanguageTrainConfig');
  return {
    objective,
    model: knownLanguageModelConfig(),
    seed: 1,
    dataSeed: 100,
    steps: 1500,
    batchSize: 64, // 1024 tokens a step: smooth enough curves for a live chart
    lr: 3e-3, // tiny model, short run: high peak with warmup and clipping
    warmupSteps: 40,
    minLrRatio: 0.1,
    adam: DEFAULT_ADAM,
    tEps: 1e-3,
    heldoutSize: 256,
    heldoutSeed: 7,
    ...overrides,
  };
}

/** Seconds-long runs for tests and --quick. */
export function quickKnownLanguageTrainConfig(objective: KnownLanguageObjective, overrides: Partial<KnownLanguageTrainConfig> = {}): KnownLanguageTrainConfig {
  return defaultKnownLanguageTrainConfig(objective, { steps: 60, batchSize: 32, warmupSteps: 10, heldoutSize: 128, ...overrides });
}

export function checkKnownLanguageTrainConfig(config: KnownLanguageTrainConfig): KnownLanguageTrainConfig {
  checkObjective(config?.objective, 'known-language trainer');
  validateConfig(config.model);
  if (config.model.vocabSize !== KNOWN_LANGUAGE_VOCAB.size || config.model.maxLen !== KNOWN_LANGUAGE_VOCAB.length || config.model.attention !== 'bidirectional') {
    throw new Error(`config.model must have vocabSize ${KNOWN_LANGUAGE_VOCAB.size}, maxLen ${KNOWN_LANGUAGE_VOCAB.length} and bidirectional attention`);
  }
  for (const key of ['steps', 'batchSize', 'heldoutSize'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`config.${key} must be a positive integer, got ${config[key]}`);
  }
  if (!(config.lr > 0 && config.lr <= 0.1)) throw new Error(`config.lr must be in (0, 0.1], got ${config.lr}`);
  if (!(config.tEps > 0 && config.tEps < 0.5)) throw new Error(`config.tEps must be in (0, 0.5), got ${config.tEps}`);
  return config;
}

export function knownLanguageLearningRate(config: KnownLanguageTrainConfig, step: number): number {
  if (step < config.warmupSteps) return config.lr * (step + 1) / config.warmupSteps;
  const progress = Math.min(1, (step - config.warmupSteps) / Math.max(1, config.steps - config.warmupSteps));
  const floor = config.lr * config.minLrRatio;
  return floor + (config.lr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

export interface NoisedBatch {
  x0: Int32Array;
  xt: Int32Array;
  /** Diffusion time per row. */
  t: Float32Array;
  batch: number;
}

/**
 * Masks a clean batch: one t per row, stratified (t_i = eps + (1 - eps) frac(u + i / B)) so every
 * batch covers [eps, 1] evenly (lower-variance loss, as in MDLM), then each token is masked with
 * probability (1 - eps) t for SEDD's log-linear noise (1 - e^{-sigma(t)}) and t for MDLM (1 - alpha_t).
 */
export function noiseBatch(x0: Int32Array, objective: KnownLanguageObjective, tEps: number, rng: Rng): NoisedBatch {
  const len = KNOWN_LANGUAGE_VOCAB.length;
  const batch = x0.length / len;
  const t = new Float32Array(batch);
  const xt = Int32Array.from(x0);
  const u = rng.next();
  for (let b = 0; b < batch; b++) {
    t[b] = tEps + (1 - tEps) * ((u + b / batch) % 1);
    const pMask = objective === 'sedd' ? (1 - tEps) * t[b] : t[b];
    for (let l = 0; l < len; l++) if (rng.next() < pMask) xt[b * len + l] = KNOWN_LANGUAGE_VOCAB.mask;
  }
  return { x0, xt, t, batch };
}

/** Per-token loss of a noised batch (scalar tensor, for variableGrads or evaluation). */
export function knownLanguageLoss(model: Transformer, objective: KnownLanguageObjective, noised: NoisedBatch, tEps: number): tf.Scalar {
  const len = KNOWN_LANGUAGE_VOCAB.length;
  const { batch } = noised;
  const { positions, mask } = fullAttention(len);
  return tf.tidy(() => {
    const xt = tf.tensor2d(noised.xt, [batch, len], 'int32');
    const x0 = tf.tensor2d(noised.x0, [batch, len], 'int32');
    const h = model.forwardMasked({ tokens: xt, positions, mask }); // [batch, len, vocab]
    if (objective === 'sedd') {
      const noise = logLinearNoise(tEps);
      const sigmas = Array.from(noised.t, (t) => noise.sigma(t));
      const logFactor = tf.tensor3d(sigmas.map((s) => Math.log(Math.expm1(s))), [batch, 1, 1]);
      const loss = scoreEntropyLoss(absorbingGraph(KNOWN_LANGUAGE_VOCAB.size, KNOWN_LANGUAGE_VOCAB.mask), {
        logScore: tf.sub(h, logFactor) as tf.Tensor3D, // log s = h - log(e^sigma - 1)
        xt,
        x0,
        sigma: tf.tensor1d(sigmas),
        dsigma: tf.tensor1d(Array.from(noised.t, (t) => noise.dsigma(t))),
      });
      return tf.div(loss, len) as tf.Scalar;
    }
    const bias = new Float32Array(KNOWN_LANGUAGE_VOCAB.size);
    bias[KNOWN_LANGUAGE_VOCAB.mask] = -1e9; // zero masking: [MASK] is never predicted
    const logp = tf.logSoftmax(tf.add(h, tf.tensor1d(bias)), -1);
    const nll = tf.neg(tf.sum(tf.mul(logp, tf.oneHot(x0, KNOWN_LANGUAGE_VOCAB.size)), -1)); // [batch, len]
    const masked = tf.cast(tf.equal(xt, KNOWN_LANGUAGE_VOCAB.mask), 'float32');
    const weight = tf.reshape(tf.div(1, tf.tensor1d(noised.t)), [batch, 1]); // 1/t
    return tf.div(tf.sum(tf.mul(tf.mul(nll, masked), weight)), batch * len) as tf.Scalar;
  });
}

/** The fixed held-out set: sequences and noise from heldoutSeed alone, so two models compare fairly. */
export function heldoutBatches(config: KnownLanguageTrainConfig, batchSize = 128): NoisedBatch[] {
  const rng = createRng(config.heldoutSeed);
  const clean = sampleSequences(config.heldoutSize, 'heldout', rng, KNOWN_LANGUAGE);
  const len = KNOWN_LANGUAGE_VOCAB.length;
  const out: NoisedBatch[] = [];
  for (let i = 0; i < config.heldoutSize; i += batchSize) {
    const rows = clean.slice(i * len, Math.min(config.heldoutSize, i + batchSize) * len);
    out.push(noiseBatch(rows, config.objective, config.tEps, rng));
  }
  return out;
}

export async function evaluateKnownLanguageLoss(model: Transformer, config: KnownLanguageTrainConfig, batches: NoisedBatch[] = heldoutBatches(config)): Promise<number> {
  let weighted = 0;
  let rows = 0;
  for (const b of batches) {
    const loss = knownLanguageLoss(model, config.objective, b, config.tEps);
    weighted += (await loss.data())[0] * b.batch;
    rows += b.batch;
    loss.dispose();
  }
  return weighted / rows;
}

export interface KnownLanguageStepInfo {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

export interface KnownLanguageTrainer {
  readonly config: KnownLanguageTrainConfig;
  /** Steps done so far. */
  readonly stepsDone: number;
  /** One optimisation step on the batch of step `stepsDone`. */
  step(): Promise<KnownLanguageStepInfo>;
  heldoutLoss(): Promise<number>;
  exportWeights(): Promise<HostWeights>;
  /** The live model (for sampling between steps); owned by the trainer. */
  readonly model: Transformer;
  dispose(): void;
}

/** A trainer from a seeded init, or from given weights (continue training the shipped model). */
export function createKnownLanguageTrainer(config: KnownLanguageTrainConfig, init?: HostWeights): KnownLanguageTrainer {
  checkKnownLanguageTrainConfig(config);
  const model = createTransformer(config.model, init ?? initTransformerWeights(config.model, config.seed), { trainable: true });
  const adam = createAdam(model.variables, config.adam);
  const heldout = heldoutBatches(config);
  let done = 0;
  let disposed = false;
  return {
    config,
    model,
    get stepsDone() { return done; },
    async step() {
      if (disposed) throw new Error('known-language trainer: step after dispose');
      const clean = sampleSequences(config.batchSize, 'train', createRng(stepSeed(config.dataSeed, done)));
      const noised = noiseBatch(clean, config.objective, config.tEps, createRng(stepSeed(config.seed, done)));
      const { value, grads } = tf.variableGrads(() => knownLanguageLoss(model, config.objective, noised, config.tEps), model.variables);
      const lr = knownLanguageLearningRate(config, done);
      const gradNorm = await adam.apply(model.variables.map((v) => grads[v.name]), lr);
      const loss = (await value.data())[0];
      tf.dispose([value, ...Object.values(grads)]);
      if (!Number.isFinite(loss)) throw new Error(`known-language trainer: loss became ${loss} at step ${done}`);
      done++;
      return { step: done, loss, lr, gradNorm };
    },
    heldoutLoss: () => evaluateKnownLanguageLoss(model, config, heldout),
    exportWeights: () => model.exportWeights(),
    dispose() {
      if (disposed) return;
      disposed = true;
      adam.dispose();
      model.dispose();
    },
  };
}
