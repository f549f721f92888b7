/**
 * Guided diffusion on glyphs directly in pixel space, the baseline that latent diffusion is measured
 * against: the same guided DDIM as guided-glyphs.ts, but every step runs the denoiser on all 256
 * pixels of every sample, and there is no decoder.
 *   x_T ~ N(0, I_256) --DDIM with eps~ = eps(x, null) + w (eps(x, c) - eps(x, null))--> x_0
 * The shipped pixel net predicts x0 rather than eps (see TrainDenoiserConfig.prediction: 128 hidden
 * units cannot carry the 256-dim noise); x0ToEpsModel turns it into the eps-model DDIM expects.
 * An async generator (each step's images, for an animation) and a measurement helper that scores
 * fidelity and diversity at several guidance scales with the same classifier as the latent sweep.
 */
import * as tf from '@/lib/tensor/tf';
import type { EpsModel } from '@/lib/diffusion/gaussian/types';
import { guidedEpsModel } from '@/lib/diffusion/gaussian/guidance';
import type { NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';
import type { MlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { epsModelFromDenoiser } from '@/lib/models/mlp-denoiser/model';
import type { GlyphClassifier } from '@/lib/metrics/glyph-quality';
import { GLYPH_PIXELS } from '@/lib/data/glyphs';
import { allClasses, checkGuidedSampling, guidedDdimSteps, sweepGuidance, type GuidanceSweepRow, type GuidedSampler, type GuidedSamplingOptions } from './guided-glyphs';

export interface GuidedPixelGlyphOptions extends GuidedSamplingOptions {
  /** Class-conditional eps-model on the 256 pixels (dim GLYPH_PIXELS), trained with a null class. */
  denoiser: MlpDenoiser;
  /** What the denoiser outputs (the manifest's prediction; the shipped pixel net: 'x0'). */
  prediction: 'eps' | 'x0';
}

export interface GuidedPixelGlyphStep {
  step: number;
  total: number;
  t: number;
  /** Current noisy images, [n * 256] (not clipped: early steps are mostly noise). */
  images: Float32Array;
}

function check(o: GuidedPixelGlyphOptions): void {
  const fn = 'sampleGuidedPixelGlyphs';
  checkGuidedSampling(fn, o, (dim) => {
    if (dim !== GLYPH_PIXELS) throw new Error(`${fn}: denoiser.config.dim must be ${GLYPH_PIXELS} (pixels of a glyph), got ${dim}`);
    if (o.prediction !== 'eps' && o.prediction !== 'x0') throw new Error(`${fn}: prediction must be 'eps' or 'x0', got ${JSON.stringify(o.prediction)}`);
  });
}

/**
 * An x0-predicting model as an eps-model: x0^ clipped to the data range [lo, hi] (as DDPM clips its
 * x0 estimate for images), then eps = (x_t - sqrt(abar_t) x0^) / sqrt(1 - abar_t). Returns new tensors.
 */
export function x0ToEpsModel(model: EpsModel, schedule: NoiseSchedule, range: [number, number] = [-1, 1]): EpsModel {
  return (x, t, classLabels) => {
    if (!Number.isInteger(t) || t < 1 || t > schedule.T) throw new Error(`x0ToEpsModel: t must be an integer in [1, ${schedule.T}], got ${t}`);
    const a = Math.sqrt(schedule.alphaBars[t]);
    const s = Math.sqrt(1 - schedule.alphaBars[t]);
    return tf.tidy(() => {
      const x0 = tf.clipByValue(model(x, t, classLabels), range[0], range[1]); // [n, dim]
      return tf.div(tf.sub(x, tf.mul(x0, a)), s) as tf.Tensor2D; // [n, dim]
    });
  };
}

/** Yields each step's images; returns the final images [n * 256], clipped to the pixel range [-1, 1]. */
export async function* sampleGuidedPixelGlyphs(o: GuidedPixelGlyphOptions): AsyncGenerator<GuidedPixelGlyphStep, Float32Array> {
  check(o);
  const raw = epsModelFromDenoiser(o.denoiser);
  // Guidance combines eps predictions; for an x0 net the combination is the same affine map of x0^
  // (up to the clipping), so guiding after the conversion matches guiding x0^ directly.
  const eps = guidedEpsModel(o.prediction === 'x0' ? x0ToEpsModel(raw, o.schedule) : raw, o.denoiser.config.numClasses, o.w);
  const x = yield* guidedDdimSteps(eps, o, GLYPH_PIXELS, (s) => ({ step: s.step, total: s.total, t: s.t, images: s.x }));
  // Pixels live in [-1, 1]; DDIM's last step can overshoot slightly (as in DDPM, clip at the end).
  for (let i = 0; i < x.length; i++) x[i] = Math.max(-1, Math.min(1, x[i]));
  return x;
}

/** Runs sampleGuidedPixelGlyphs to the end and returns the images [n * 256]. */
export async function guidedPixelGlyphs(o: GuidedPixelGlyphOptions): Promise<Float32Array> {
  const gen = sampleGuidedPixelGlyphs({ ...o, yieldEvery: undefined });
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
  }
}

/** sweepGuidance in pixel space (the same seeds and scoring as measureGuidance, so the two sweeps read alike). */
export function measurePixelGuidance(
  base: Omit<GuidedPixelGlyphOptions, 'w' | 'classLabel' | 'seed'>,
  classifier: GlyphClassifier,
  ws: readonly number[],
  seed: number,
  classes?: readonly number[],
): Promise<GuidanceSweepRow[]> {
  const sample: GuidedSampler = (w, classLabel, s) => guidedPixelGlyphs({ ...base, w, classLabel, seed: s });
  return sweepGuidance(sample, classifier, ws, seed, classes ?? allClasses(base.denoiser.config.numClasses));
}
