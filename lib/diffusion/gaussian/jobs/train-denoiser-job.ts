/**
 * Job 'train-denoiser-2d': trains the 2D MLP eps-denoiser step by step in the worker, yielding each
 * step's loss (so the page can draw the curve, pause and resume), and returns the trained weights
 * as typed arrays (the page hands them to the sampling jobs). Starts from a seed, from the shipped
 * pretrained weights, or from weights of an earlier run ("train more").
 */
import type { JobContext } from '@/lib/runtime/protocol';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d, TOY_2D_NAMES, type Toy2dName } from '@/lib/data/toy-2d';
import { resolveMlpDenoiserConfig } from '@/lib/models/mlp-denoiser/config';
import { createMlpDenoiser, type MlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { DEFAULT_TRAIN_DENOISER_CONFIG, lossSummary, trainDenoiserSteps, type TrainStepReport } from '@/lib/models/mlp-denoiser/train';
import { courseSchedule, loadDenoiser, type DenoiserSource, type DenoiserWeights } from './model-source';

export interface TrainDenoiserJobParams {
  dataset: Toy2dName;
  /** Optimisation steps in this run. */
  steps: number;
  /** Peak Adam step size (cosine-decayed to 5% over the run, as in the training script). */
  learningRate: number;
  /** Rows per step. Default 256 (the shipped models' batch). */
  batchSize?: number;
  /** Seed for the initial weights, the training set and the batches. */
  seed?: number;
  /** Where the weights start: a fresh seeded init (default), the pretrained model or earlier weights. */
  init?: { kind: 'scratch' } | DenoiserSource;
  /** Size of the training set drawn once from the toy distribution. Default 8000. */
  dataSize?: number;
  /** EMA decay of the returned weights (0 = raw weights). Default 0.99: averages ~100 steps, right for runs of hundreds of steps. */
  emaDecay?: number;
}

export type TrainProgress = TrainStepReport;

export interface TrainResult {
  weights: DenoiserWeights;
  losses: Float32Array;
  /** Mean loss over the first and the last tenth of the run (at least one step each). */
  firstLoss: number;
  lastLoss: number;
  seconds: number;
}

function check(params: TrainDenoiserJobParams): Required<Omit<TrainDenoiserJobParams, 'init'>> & Pick<TrainDenoiserJobParams, 'init'> {
  if (!(TOY_2D_NAMES as readonly string[]).includes(params.dataset)) throw new Error(`train-denoiser-2d: dataset must be one of ${TOY_2D_NAMES.join(', ')}, got ${params.dataset}`);
  if (!Number.isInteger(params.steps) || params.steps < 1 || params.steps > 100_000) throw new Error(`train-denoiser-2d: steps must be an integer in [1, 100000], got ${params.steps}`);
  if (!(params.learningRate > 0 && params.learningRate <= 0.1)) throw new Error(`train-denoiser-2d: learningRate must be in (0, 0.1], got ${params.learningRate}`);
  const p = { batchSize: 256, seed: 0, dataSize: 8000, emaDecay: 0.99, ...params };
  if (!Number.isInteger(p.batchSize) || p.batchSize < 1) throw new Error(`train-denoiser-2d: batchSize must be a positive integer, got ${p.batchSize}`);
  if (!Number.isInteger(p.dataSize) || p.dataSize < 2) throw new Error(`train-denoiser-2d: dataSize must be an integer >= 2, got ${p.dataSize}`);
  if (!(p.emaDecay >= 0 && p.emaDecay < 1)) throw new Error(`train-denoiser-2d: emaDecay must be in [0, 1), got ${p.emaDecay}`);
  return p;
}

async function startModel(init: TrainDenoiserJobParams['init'], seed: number, context: JobContext): Promise<MlpDenoiser> {
  if (!init || init.kind === 'scratch') return createMlpDenoiser(resolveMlpDenoiserConfig({}), seed);
  return (await loadDenoiser(init, context)).model;
}

async function readWeights(model: MlpDenoiser): Promise<DenoiserWeights> {
  const weights: Record<string, Float32Array> = {};
  for (const [name, value] of Object.entries(model.weights)) weights[name] = Float32Array.from((await value.data()) as Float32Array);
  return { config: model.config, weights };
}

export async function* trainDenoiserJob(params: TrainDenoiserJobParams, context: JobContext): AsyncGenerator<TrainProgress, TrainResult> {
  const p = check(params);
  const started = performance.now();
  const rng = createRng(p.seed);
  const data = sampleToy2d(p.dataset, p.dataSize, rng);
  const model = await startModel(p.init, p.seed, context);
  // Unconditional training even for a class-conditional start: labels stay at the null class.
  const labels = model.config.numClasses > 0 ? new Int32Array(p.dataSize).fill(0) : undefined;
  const pUncond = model.config.numClasses > 0 ? 1 : 0;
  const schedule = courseSchedule(model.config.T);
  const config = { ...DEFAULT_TRAIN_DENOISER_CONFIG, steps: p.steps, batchSize: p.batchSize, learningRate: p.learningRate, pUncond, emaDecay: p.emaDecay };
  try {
    const losses = yield* trainDenoiserSteps(model, schedule, { points: data.points, labels }, config, rng);
    return { weights: await readWeights(model), ...lossSummary(losses), seconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
