/**
 * Job 'train-latent-denoiser': trains lesson 06's class-conditional latent denoiser from scratch in
 * the worker. The shipped autoencoder encodes a seeded set of glyphs once; the denoiser (the shipped
 * config, fresh seeded weights) then learns eps on the normalised codes with 15% label dropout to the
 * null class (so guidance works), yielding every step's loss for the page's curve. Pause, resume and
 * cancel come from the job runner. Returns the (EMA-averaged) weights for 'latent-guidance-sample'.
 */
import { createRng } from '@/lib/math/rng';
import type { JobContext } from '@/lib/runtime/protocol';
import { GLYPH_DIGITS, sampleGlyphs } from '@/lib/data/glyphs';
import { encodeArray } from '@/lib/models/autoencoder/model';
import { createMlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { DEFAULT_TRAIN_DENOISER_CONFIG, lossSummary, trainDenoiserSteps, type TrainStepReport } from '@/lib/models/mlp-denoiser/train';
import { fetchGlyphManifest, glyphSchedule, GLYPH_MODELS_URL, loadGlyphAutoencoder, normalizeLatents, type LatentDenoiserWeights } from './glyph-models';

export interface LatentTrainParams {
  /** Optimisation steps. */
  steps: number;
  /** Peak Adam step size, cosine-decayed to 5%. Default 2e-3 (the shipped model's). */
  learningRate?: number;
  /** Latents per step. Default 256. */
  batchSize?: number;
  /** Seed for the glyphs, the initial weights and the batches. Default 0. */
  seed?: number;
  /** How many glyphs to encode as training data. Default 3000. */
  dataSize?: number;
  /** EMA decay of the returned weights (0 = raw). Default 0.99 (about the last 100 steps). */
  emaDecay?: number;
  baseUrl?: string;
}

/** Each step's loss (and step size) for the page's curve. */
export type LatentTrainProgress = TrainStepReport;

export interface LatentTrainResult {
  weights: LatentDenoiserWeights;
  losses: Float32Array;
  /** Mean loss over the first and the last tenth of the run. */
  firstLoss: number;
  lastLoss: number;
  seconds: number;
}

function check(params: LatentTrainParams): Required<Omit<LatentTrainParams, 'baseUrl'>> {
  const p = { learningRate: 2e-3, batchSize: 256, seed: 0, dataSize: 3000, emaDecay: 0.99, ...params };
  if (!Number.isInteger(p.steps) || p.steps < 1 || p.steps > 100_000) throw new Error(`train-latent-denoiser: steps must be an integer in [1, 100000], got ${p.steps}`);
  if (!(p.learningRate > 0 && p.learningRate <= 0.1)) throw new Error(`train-latent-denoiser: learningRate must be in (0, 0.1], got ${p.learningRate}`);
  if (!Number.isInteger(p.batchSize) || p.batchSize < 1) throw new Error(`train-latent-denoiser: batchSize must be a positive integer, got ${p.batchSize}`);
  if (!Number.isInteger(p.dataSize) || p.dataSize < GLYPH_DIGITS.length || p.dataSize > 20_000) throw new Error(`train-latent-denoiser: dataSize must be an integer in [${GLYPH_DIGITS.length}, 20000], got ${p.dataSize}`);
  if (!(p.emaDecay >= 0 && p.emaDecay < 1)) throw new Error(`train-latent-denoiser: emaDecay must be in [0, 1), got ${p.emaDecay}`);
  if (!Number.isFinite(p.seed)) throw new Error(`train-latent-denoiser: seed must be a finite number, got ${p.seed}`);
  return p;
}

export async function* latentTrainJob(params: LatentTrainParams, context: JobContext): AsyncGenerator<LatentTrainProgress, LatentTrainResult> {
  const p = check(params);
  const started = performance.now();
  const baseUrl = params.baseUrl ?? GLYPH_MODELS_URL;
  const fetchBytes = (url: string) => context.fetchBytes(url);
  const manifest = await fetchGlyphManifest(fetchBytes, baseUrl);
  const rng = createRng(p.seed);
  const glyphs = sampleGlyphs(p.dataSize, rng, { classes: GLYPH_DIGITS });
  const autoencoder = await loadGlyphAutoencoder(manifest, fetchBytes, baseUrl);
  let points: Float32Array;
  try {
    points = normalizeLatents(await encodeArray(autoencoder, glyphs.images), manifest.latent);
  } finally {
    autoencoder.dispose();
  }
  const model = createMlpDenoiser(manifest.models['latent-denoiser'].config, p.seed + 1);
  const schedule = glyphSchedule(manifest);
  const config = { ...DEFAULT_TRAIN_DENOISER_CONFIG, steps: p.steps, batchSize: p.batchSize, learningRate: p.learningRate, pUncond: 0.15, emaDecay: p.emaDecay };
  try {
    const losses = yield* trainDenoiserSteps(model, schedule, { points, labels: glyphs.labels }, config, rng);
    const weights: Record<string, Float32Array> = {};
    for (const [name, value] of Object.entries(model.weights)) weights[name] = Float32Array.from((await value.data()) as Float32Array);
    return { weights: { config: model.config, weights }, ...lossSummary(losses), seconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
