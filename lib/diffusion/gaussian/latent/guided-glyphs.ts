/**
 * Latent diffusion on glyphs: guided DDIM in the autoencoder's (normalised) latent space, then one
 * decode to pixels.
 *   z_T ~ N(0, I) --DDIM with eps~ = eps(z, null) + w (eps(z, c) - eps(z, null))--> z_0
 *   x = decode(z_0 * std + mean)
 * An async generator (each step's latents, for the animation) that returns latents and images, and
 * a measurement helper that scores fidelity and diversity at several guidance scales.
 */
import { createRng } from '@/lib/math/rng';
import type { EpsModel } from '@/lib/diffusion/gaussian/types';
import { ddimTimesteps, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import { guidedEpsModel } from '@/lib/diffusion/gaussian/guidance';
import type { NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';
import type { Autoencoder } from '@/lib/models/autoencoder/model';
import { decodeArray } from '@/lib/models/autoencoder/model';
import type { MlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { epsModelFromDenoiser } from '@/lib/models/mlp-denoiser/model';
import { classFidelity, classifyGlyphs, meanPairwiseDistance, type GlyphClassifier } from '@/lib/metrics/glyph-quality';
import { denormalizeLatents, type LatentNorm } from './glyph-models';

/** What every guided glyph sampler (latent or pixel) is asked: the class, the scale and the DDIM run. */
export interface GuidedSamplingOptions {
  schedule: NoiseSchedule;
  classLabel: number;
  /** Guidance scale w (0 unconditional, 1 conditional, > 1 extrapolated). */
  w: number;
  n: number;
  /** DDIM model evaluations. Default 50. */
  steps?: number;
  /** DDIM eta. Default 0 (deterministic given the seed). */
  eta?: number;
  seed: number;
  /** Yield every this many steps. Default: only the start and the end. */
  yieldEvery?: number;
  signal?: AbortSignal;
}

export interface GuidedGlyphOptions extends GuidedSamplingOptions {
  autoencoder: Autoencoder;
  /** Class-conditional eps-model on normalised latents, trained with a null class. */
  denoiser: MlpDenoiser;
  norm: LatentNorm;
}

export interface GuidedGlyphStep {
  step: number;
  total: number;
  t: number;
  /** Current latents in autoencoder coordinates (denormalised), [n * latentDim]. */
  latents: Float32Array;
}

export interface GuidedGlyphResult {
  latents: Float32Array;
  /** Decoded images [n * 256], pixels in [-1, 1]. */
  images: Float32Array;
}

/** The checks every guided glyph sampler makes: a class-conditional net, then its dim (`checkDim`), class, w and n. */
export function checkGuidedSampling(fn: string, o: GuidedSamplingOptions & { denoiser: MlpDenoiser }, checkDim: (dim: number) => void): void {
  const { numClasses, dim } = o.denoiser.config;
  if (numClasses < 1) throw new Error(`${fn}: denoiser must be class-conditional (numClasses > 0)`);
  checkDim(dim);
  if (!Number.isInteger(o.classLabel) || o.classLabel < 0 || o.classLabel >= numClasses) throw new Error(`${fn}: classLabel must be an integer in [0, ${numClasses - 1}], got ${o.classLabel}`);
  if (!Number.isFinite(o.w) || o.w < 0) throw new Error(`${fn}: w must be a finite number >= 0, got ${o.w}`);
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 4096) throw new Error(`${fn}: n must be an integer in [1, 4096], got ${o.n}`);
}

function check(o: GuidedGlyphOptions): void {
  const fn = 'sampleGuidedGlyphs';
  checkGuidedSampling(fn, o, (dim) => {
    if (dim !== o.autoencoder.config.latentDim) throw new Error(`${fn}: denoiser.config.dim (${dim}) must equal the autoencoder's latentDim (${o.autoencoder.config.latentDim})`);
    if (o.norm.mean.length !== dim) throw new Error(`${fn}: norm must have ${dim} entries, got ${o.norm.mean.length}`);
  });
}

export async function* sampleGuidedGlyphs(o: GuidedGlyphOptions): AsyncGenerator<GuidedGlyphStep, GuidedGlyphResult> {
  check(o);
  const dim = o.denoiser.config.dim;
  const eps = guidedEpsModel(epsModelFromDenoiser(o.denoiser), o.denoiser.config.numClasses, o.w);
  const z = yield* guidedDdimSteps(eps, o, dim, (s) => ({ step: s.step, total: s.total, t: s.t, latents: denormalizeLatents(s.x, o.norm) }));
  const latents = denormalizeLatents(z, o.norm);
  return { latents, images: await decodeArray(o.autoencoder, latents) };
}

/**
 * DDIM from noise with a guided eps-model (the loop both glyph samplers share): yields map(step)
 * for each step the sampler reports and returns the final x. Stopped early (return() by the caller,
 * directly or through yield*), it returns the sampler too, whose finally frees its tensor.
 */
export async function* guidedDdimSteps<S>(
  eps: EpsModel,
  o: GuidedSamplingOptions,
  dim: number,
  map: (step: { step: number; total: number; t: number; x: Float32Array }) => S,
): AsyncGenerator<S, Float32Array> {
  const steps = o.steps ?? 50;
  const gen = sampleDdim({
    epsModel: eps,
    schedule: o.schedule,
    timesteps: ddimTimesteps(o.schedule.T, steps),
    eta: o.eta ?? 0,
    n: o.n,
    dim,
    rng: createRng(o.seed),
    classLabels: new Int32Array(o.n).fill(o.classLabel),
    yieldEvery: o.yieldEvery ?? steps,
    signal: o.signal,
  });
  let x: Float32Array | null = null;
  try {
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        x = r.value;
        return x;
      }
      yield map(r.value);
    }
  } finally {
    if (!x) await gen.return(new Float32Array(0));
  }
}

/** Runs sampleGuidedGlyphs to the end. */
export async function guidedGlyphs(o: GuidedGlyphOptions): Promise<GuidedGlyphResult> {
  const gen = sampleGuidedGlyphs({ ...o, yieldEvery: undefined });
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
  }
}

export interface GlyphGuidanceScore {
  /** Share of images the reference classifier assigns to the asked class. */
  fidelity: number;
  /** Mean pairwise RMS pixel distance between the images. */
  diversity: number;
}

/** Fidelity and diversity of images that were asked to be class `classLabel`. */
export function scoreGlyphs(classifier: GlyphClassifier, images: Float32Array, classLabel: number): GlyphGuidanceScore & { predicted: Int32Array } {
  const predicted = classifyGlyphs(classifier, images);
  return { fidelity: classFidelity(predicted, classLabel), diversity: meanPairwiseDistance(images), predicted };
}

export interface GuidanceSweepRow extends GlyphGuidanceScore {
  w: number;
  /** Fidelity per asked class. */
  perClass: number[];
}

/** Draws n images of class k at guidance scale w from the given seed: one sampler, latent or pixel. */
export type GuidedSampler = (w: number, classLabel: number, seed: number) => Promise<Float32Array>;

/**
 * For each w: n samples for every class, scored per class, then averaged over classes (so a class
 * that is easy to hit does not dominate). Seeds differ per class, not per w: the same starting
 * noise at every w isolates the effect of guidance.
 */
export async function sweepGuidance(
  sample: GuidedSampler,
  classifier: GlyphClassifier,
  ws: readonly number[],
  seed: number,
  classes: readonly number[],
): Promise<GuidanceSweepRow[]> {
  const rows: GuidanceSweepRow[] = [];
  for (const w of ws) {
    const perClass: number[] = [];
    let diversity = 0;
    for (const k of classes) {
      const s = scoreGlyphs(classifier, await sample(w, k, seed + 1000 * k), k);
      perClass.push(s.fidelity);
      diversity += s.diversity / classes.length;
    }
    rows.push({ w, fidelity: perClass.reduce((a, b) => a + b, 0) / classes.length, diversity, perClass });
  }
  return rows;
}

/** The classes of a denoiser, 0 .. numClasses - 1. */
export const allClasses = (numClasses: number) => Array.from({ length: numClasses }, (_, k) => k);

/** sweepGuidance for latent diffusion (encode, guide in latent space, decode). */
export function measureGuidance(
  base: Omit<GuidedGlyphOptions, 'w' | 'classLabel' | 'seed'>,
  classifier: GlyphClassifier,
  ws: readonly number[],
  seed: number,
  classes?: readonly number[],
): Promise<GuidanceSweepRow[]> {
  const sample: GuidedSampler = async (w, classLabel, s) => (await guidedGlyphs({ ...base, w, classLabel, seed: s })).images;
  return sweepGuidance(sample, classifier, ws, seed, classes ?? allClasses(base.denoiser.config.numClasses));
}
