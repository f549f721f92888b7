/**
 * The one trainer behind train-ar, train-mdlm and train-bd3: same model size, same data stream,
 * only the objective (and so the attention pattern) differs. Pure: time, files and printing come
 * from the caller through callbacks, so tests run it directly with a quick config.
 * Deterministic from the seeds: step s uses batch and noise derived from (seed, s) alone, so a run
 * resumed from a checkpoint continues exactly as if it had never stopped.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { encodeBatch, generateExamples, hashText, maxTokensOfMix, type EncodedBatch, type Example } from '@/lib/data/text/corpus';
import { defaultTransformerConfig, DEFAULT_BLOCK_SIZE } from '@/lib/models/transformer/config';
import { initTransformerWeights, type HostWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { blockDiffusionTrainingMask, patternMask } from '@/lib/models/transformer/masks';
import {
  autoregressiveTargets, blockDiffusionTargets, maskedDiffusionTargets, weightedCrossEntropy, DEFAULT_T_EPS, type LossTargets,
} from '@/lib/models/transformer/losses';
import type { AttentionPattern, TransformerConfig } from '@/lib/models/transformer/types';
import { createAdam, DEFAULT_ADAM, type AdamConfig, type AdamState } from './adam';
import { canvasForStep, validateCanvasSchedule, type CanvasSchedule } from './canvas';
import { bucketExamples, bucketForStep, recipeBatch, validateRecipe, type DataRecipe } from './recipe';

export type Objective = 'ar' | 'mdlm' | 'bd3';
export const OBJECTIVES: readonly Objective[] = ['ar', 'mdlm', 'bd3'];

const PATTERN: Record<Objective, AttentionPattern> = { ar: 'causal', mdlm: 'bidirectional', bd3: 'block-causal' };

export interface TrainerConfig {
  objective: Objective;
  model: TransformerConfig;
  /** Seeds weight init and the noise of every step. */
  seed: number;
  /** Seeds the training examples of every step. */
  dataSeed: number;
  steps: number;
  batchSize: number;
  /** Peak learning rate, reached after warmupSteps, then cosine decay to lr * minLrRatio. */
  lr: number;
  warmupSteps: number;
  minLrRatio: number;
  adam: AdamConfig;
  /** Smallest diffusion time (the 1/t weight is at most 1/tEps). */
  tEps: number;
  heldoutSize: number;
  heldoutSeed: number;
  /** Canvas lengths per step; absent: every batch is model.maxLen long. */
  canvas?: CanvasSchedule;
  /** Length-bucketed data (recipe.ts); replaces `canvas` and batchSize when present. */
  recipe?: DataRecipe;
  /** Init std of the query and key projections (InitOptions.queryKeyStd); absent: GPT-2's 0.02. */
  queryKeyInitStd?: number;
}

/** The shipped recipe. `steps` is what each shipped model was trained for (see the scripts). */
export function defaultTrainerConfig(objective: Objective, overrides: Partial<TrainerConfig> = {}): TrainerConfig {
  if (!OBJECTIVES.includes(objective)) throw new Error(`objective must be one of ${OBJECTIVES.join(', ')}, got ${String(objective)}`);
  return {
    objective,
    model: defaultTransformerConfig(PATTERN[objective]),
    seed: 1,
    dataSeed: 1000,
    steps: 2000,
    batchSize: 16, // more updates per CPU-minute; the model is tiny
    lr: 3e-3, // tiny model, short run: a high peak with warmup and clipping trains fastest
    warmupSteps: 50,
    minLrRatio: 0.1,
    adam: DEFAULT_ADAM,
    tEps: DEFAULT_T_EPS,
    heldoutSize: 128,
    heldoutSeed: 7,
    ...overrides,
  };
}

/** Seconds-long config for tests and `--quick`: a 2-layer, 64-wide model on short runs. */
export function quickTrainerConfig(objective: Objective, overrides: Partial<TrainerConfig> = {}): TrainerConfig {
  const base = defaultTrainerConfig(objective);
  return defaultTrainerConfig(objective, {
    model: { ...base.model, dModel: 64, nHeads: 2, nLayers: 2, dFF: 128 },
    steps: 30,
    batchSize: 16,
    lr: 3e-3,
    warmupSteps: 5,
    heldoutSize: 64,
    ...overrides,
  });
}

export function learningRateAt(config: TrainerConfig, step: number): number {
  if (step < config.warmupSteps) return config.lr * (step + 1) / config.warmupSteps;
  const progress = Math.min(1, (step - config.warmupSteps) / Math.max(1, config.steps - config.warmupSteps));
  const floor = config.lr * config.minLrRatio;
  return floor + (config.lr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/** A seed for step s of a stream, well mixed so neighbouring steps share nothing. */
export function stepSeed(seed: number, step: number): number {
  return hashText(`${seed}:${step}`);
}

/** The training batch of one step (a pure function of dataSeed and step). */
export function batchForStep(config: TrainerConfig, step: number): EncodedBatch {
  if (config.recipe) {
    const bucket = bucketForStep(config.recipe, config.dataSeed, step);
    return recipeBatch(config.recipe, bucket, stepSeed(config.dataSeed, step), config.objective !== 'mdlm', maxTokensOfMix);
  }
  const { seqLen, batchSize } = canvasForStep(config.canvas, config.batchSize, config.model.maxLen, config.dataSeed, step);
  const examples = generateExamples({ seed: stepSeed(config.dataSeed, step), count: batchSize, split: 'train' });
  return encodeBatch(examples, seqLen);
}

/** Canvas length of held-out evaluation: the ordinary training canvas. */
export function evalCanvasLength(config: TrainerConfig): number {
  return config.canvas?.baseLen ?? config.model.maxLen;
}

export function heldoutExamples(config: Pick<TrainerConfig, 'heldoutSeed' | 'heldoutSize'>): Example[] {
  return generateExamples({ seed: config.heldoutSeed, count: config.heldoutSize, split: 'heldout' });
}

/** Held-out sets with their canvas: one per recipe bucket (by share), or the corpus at the eval canvas. */
export function heldoutSets(config: TrainerConfig): { examples: Example[]; seqLen: number }[] {
  if (!config.recipe) return [{ examples: heldoutExamples(config), seqLen: evalCanvasLength(config) }];
  const { buckets, round } = config.recipe;
  const total = buckets.reduce((s, b) => s + b.share, 0);
  return buckets.map((b, i) => ({
    examples: bucketExamples(b, { seed: config.heldoutSeed + 100 * (i + 1), count: Math.max(4, Math.round(config.heldoutSize * b.share / total)), split: 'heldout' }),
    seqLen: b.canvas === 'fit' ? Math.ceil(maxTokensOfMix(b.mix) / round) * round : b.canvas,
  }));
}

/** Token-weighted mean loss over several held-out sets. */
async function evaluateSets(model: Transformer, config: TrainerConfig, sets: { examples: Example[]; seqLen: number }[], seed: number): Promise<number> {
  let weighted = 0;
  let total = 0;
  for (const [i, set] of sets.entries()) {
    const { loss, normalizer } = await evaluateLossDetailed(model, config, set.examples, seed + i, 64, set.seqLen);
    weighted += loss * normalizer;
    total += normalizer;
  }
  return weighted / Math.max(total, 1);
}

/** Host-side part of the loss: which tokens go in, which are scored and with what weight. */
export function lossTargets(config: TrainerConfig, batch: EncodedBatch, noiseSeed: number): LossTargets {
  const rng = createRng(noiseSeed);
  switch (config.objective) {
    case 'ar': return autoregressiveTargets(batch);
    case 'mdlm': return maskedDiffusionTargets(batch, rng, undefined, config.tEps);
    case 'bd3': return blockDiffusionTargets(batch, config.model.blockSize ?? DEFAULT_BLOCK_SIZE, rng, undefined, config.tEps);
  }
}

/** The attention mask of the training input (causal, all-ones, or BD3's 2L mask). */
export function trainingMask(config: TrainerConfig, inputLen: number): Uint8Array {
  if (config.objective === 'bd3') return blockDiffusionTrainingMask(inputLen / 2, config.model.blockSize ?? DEFAULT_BLOCK_SIZE);
  const positions = Int32Array.from({ length: inputLen }, (_, i) => i);
  return patternMask(config.objective === 'ar' ? 'causal' : 'bidirectional', positions, positions);
}

/** The scalar loss of one batch (runs inside tf.tidy / variableGrads). */
export function lossOnTargets(model: Transformer, config: TrainerConfig, targets: LossTargets, mask: Uint8Array): tf.Scalar {
  return tf.tidy(() => {
    const batch = targets.inputs.length / targets.positions.length;
    const tokens = tf.tensor2d(targets.inputs, [batch, targets.positions.length], 'int32');
    const logits = model.forwardMasked({ tokens, positions: targets.positions, mask });
    return weightedCrossEntropy(logits, targets, config.objective !== 'ar');
  });
}

/** Mean per-token loss on examples, with fixed noise from the seed (so two models compare fairly). */
export async function evaluateLoss(model: Transformer, config: TrainerConfig, examples: readonly Example[], seed: number, batchSize = 64, seqLen = evalCanvasLength(config)): Promise<number> {
  return (await evaluateLossDetailed(model, config, examples, seed, batchSize, seqLen)).loss;
}

async function evaluateLossDetailed(model: Transformer, config: TrainerConfig, examples: readonly Example[], seed: number, batchSize: number, seqLen: number): Promise<{ loss: number; normalizer: number }> {
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < examples.length; i += batchSize) {
    const batch = encodeBatch(examples.slice(i, i + batchSize), seqLen);
    const targets = lossTargets(config, batch, stepSeed(seed, i));
    const mask = trainingMask(config, targets.positions.length);
    const loss = lossOnTargets(model, config, targets, mask);
    weighted += (await loss.data())[0] * targets.normalizer;
    total += targets.normalizer;
    loss.dispose();
  }
  return { loss: weighted / Math.max(total, 1), normalizer: total };
}

export interface TrainerState {
  /** Steps done. */
  step: number;
  weights: HostWeights;
  adam: AdamState;
  /** Train loss of every step done. */
  losses: number[];
  /** Held-out loss before the first step (kept so a resumed run reports the true starting point). */
  initialHeldoutLoss?: number;
}

export interface StepInfo {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

export interface TrainOptions {
  /** Continue from a checkpoint (weights, optimizer and step). */
  resume?: TrainerState;
  /** Start from these weights instead of the seeded init (a second phase after a first run). */
  initialWeights?: HostWeights;
  onStep?: (info: StepInfo) => void;
  /** Called with the full state every checkpointEvery steps and at the end. */
  onCheckpoint?: (state: TrainerState) => void | Promise<void>;
  checkpointEvery?: number;
  /** Asked before each step; true ends training early (e.g. a wall-time budget). */
  shouldStop?: (step: number) => boolean;
  /**
   * Asked after each warmup step: a step count fixes the run's length (e.g. from measured speed).
   * The schedule only depends on `steps` after warmup, so the run equals one started with that count.
   */
  decideSteps?: (stepsDone: number) => number | null;
}

export interface TrainResult {
  config: TrainerConfig;
  weights: HostWeights;
  steps: number;
  /** Mean train loss over the last (up to) 50 steps. */
  finalTrainLoss: number;
  heldoutLoss: number;
  /** Held-out loss before any training (or at the resumed step). */
  initialHeldoutLoss: number;
  losses: number[];
}

export async function train(initialConfig: TrainerConfig, options: TrainOptions = {}): Promise<TrainResult> {
  let config = initialConfig;
  if (config.canvas) validateCanvasSchedule(config.canvas, config.model.maxLen, config.objective === 'bd3' ? config.model.blockSize : undefined);
  if (config.recipe) validateRecipe(config.recipe, config.model.maxLen, config.objective === 'bd3' ? config.model.blockSize : undefined);
  const init = options.resume?.weights ?? options.initialWeights ?? initTransformerWeights(config.model, config.seed, { queryKeyStd: config.queryKeyInitStd });
  const model = createTransformer(config.model, init, { trainable: true });
  const adam = createAdam(model.variables, config.adam);
  const heldout = heldoutSets(config);
  try {
    if (options.resume) adam.importState(options.resume.adam);
    const losses = [...(options.resume?.losses ?? [])];
    let step = options.resume?.step ?? 0;
    const initialHeldoutLoss = options.resume?.initialHeldoutLoss ?? await evaluateSets(model, config, heldout, config.heldoutSeed);
    const snapshot = async (): Promise<TrainerState> => ({ step, weights: await model.exportWeights(), adam: await adam.exportState(), losses: [...losses], initialHeldoutLoss });
    const masks = new Map<number, Uint8Array>(); // by input length: canvases may differ per step
    while (step < config.steps && !(options.shouldStop?.(step) ?? false)) {
      const targets = lossTargets(config, batchForStep(config, step), stepSeed(config.seed, step));
      const inputLen = targets.positions.length;
      if (!masks.has(inputLen)) masks.set(inputLen, trainingMask(config, inputLen));
      const stepMask = masks.get(inputLen) as Uint8Array;
      const { value, grads } = tf.variableGrads(() => lossOnTargets(model, config, targets, stepMask), model.variables);
      const lr = learningRateAt(config, step);
      const gradNorm = await adam.apply(model.variables.map((v) => grads[v.name]), lr);
      const loss = (await value.data())[0];
      tf.dispose([value, ...Object.values(grads)]);
      if (!Number.isFinite(loss)) throw new Error(`train: loss became ${loss} at step ${step}`);
      losses.push(loss);
      step++;
      options.onStep?.({ step, loss, lr, gradNorm });
      if (options.decideSteps && step < config.warmupSteps) {
        const decided = options.decideSteps(step);
        if (decided !== null) {
          if (!Number.isInteger(decided) || decided < config.warmupSteps) {
            throw new Error(`train: decideSteps must return an integer >= warmupSteps (${config.warmupSteps}), got ${decided}`);
          }
          config = { ...config, steps: decided };
        }
      }
      if (options.onCheckpoint && options.checkpointEvery && step % options.checkpointEvery === 0) await options.onCheckpoint(await snapshot());
    }
    const heldoutLoss = await evaluateSets(model, config, heldout, config.heldoutSeed);
    if (options.onCheckpoint) await options.onCheckpoint(await snapshot());
    const tail = losses.slice(-50);
    return {
      config,
      weights: await model.exportWeights(),
      steps: step,
      finalTrainLoss: tail.reduce((a, b) => a + b, 0) / Math.max(tail.length, 1),
      heldoutLoss,
      initialHeldoutLoss,
      losses,
    };
  } finally {
    adam.dispose();
    model.dispose();
  }
}
