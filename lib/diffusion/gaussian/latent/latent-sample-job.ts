/**
 * Job 'latent-guidance-sample': guided latent diffusion on glyphs for lesson 06. Samples n latents of
 * one class at guidance scale w with the shipped (or a page-trained) latent denoiser, yielding the
 * latents every few steps for the animation, then decodes them with the shipped autoencoder and
 * returns images, latents, the reference classifier's labels, fidelity and diversity (with the real
 * class's own diversity for scale) and, on request, encoded training glyphs for the latent map.
 */
import { createRng } from '@/lib/math/rng';
import type { JobContext } from '@/lib/runtime/protocol';
import { GLYPH_DIGITS, sampleGlyphs } from '@/lib/data/glyphs';
import { encodeArray } from '@/lib/models/autoencoder/model';
import { meanPairwiseDistance, referenceGlyphClassifier, type GlyphClassifier } from '@/lib/metrics/glyph-quality';
import { fetchGlyphManifest, glyphSchedule, GLYPH_MODELS_URL, loadGlyphAutoencoder, loadLatentDenoiser, type LatentDenoiserSource } from './glyph-models';
import { sampleGuidedGlyphs, scoreGlyphs } from './guided-glyphs';

export interface LatentSampleParams {
  /** The latent denoiser: shipped (default) or weights trained in the page. */
  source?: LatentDenoiserSource;
  classLabel: number;
  /** Guidance scale, 0 to 8 in the lesson. */
  w: number;
  /** Number of samples. Default 64. */
  n?: number;
  /** DDIM steps. Default 50. */
  steps?: number;
  seed?: number;
  /** About how many intermediate states to report (0: only the end). Default 10. */
  frames?: number;
  /** Encode this many seeded training glyphs for the latent map (0: none). Default 0. */
  reference?: number;
  /** Folder of the shipped models. Default /models/glyphs/v1/. */
  baseUrl?: string;
}

export interface LatentSampleFrame {
  step: number;
  total: number;
  latents: Float32Array;
}

export interface LatentSampleResult {
  classLabel: number;
  w: number;
  classNames: string[];
  latents: Float32Array;
  /** [n * 256] decoded images, pixels in [-1, 1]. */
  images: Float32Array;
  /** The reference classifier's label for each image. */
  predicted: Int32Array;
  /** Share of images classified as the asked class. */
  fidelity: number;
  /** Mean pairwise RMS pixel distance of the generated images. */
  diversity: number;
  /** The same for n real glyphs of the asked class (what natural variety looks like). */
  dataDiversity: number;
  reference?: { latents: Float32Array; labels: Int32Array };
  seconds: number;
}

// The judge is fixed data (2,000 rendered glyphs): build it once per worker.
let judge: GlyphClassifier | null = null;

function check(p: LatentSampleParams): Required<Omit<LatentSampleParams, 'source' | 'baseUrl'>> {
  const q = { n: 64, steps: 50, seed: 1, frames: 10, reference: 0, ...p };
  if (!Number.isInteger(q.classLabel) || q.classLabel < 0 || q.classLabel >= GLYPH_DIGITS.length) throw new Error(`latent-guidance-sample: classLabel must be an integer in [0, ${GLYPH_DIGITS.length - 1}], got ${q.classLabel}`);
  if (!(q.w >= 0 && q.w <= 20)) throw new Error(`latent-guidance-sample: w must be in [0, 20], got ${q.w}`);
  if (!Number.isInteger(q.n) || q.n < 2 || q.n > 1024) throw new Error(`latent-guidance-sample: n must be an integer in [2, 1024], got ${q.n}`);
  if (!Number.isInteger(q.steps) || q.steps < 1 || q.steps > 1000) throw new Error(`latent-guidance-sample: steps must be an integer in [1, 1000], got ${q.steps}`);
  if (!Number.isInteger(q.frames) || q.frames < 0) throw new Error(`latent-guidance-sample: frames must be an integer >= 0, got ${q.frames}`);
  if (!Number.isInteger(q.reference) || q.reference < 0 || q.reference > 5000) throw new Error(`latent-guidance-sample: reference must be an integer in [0, 5000], got ${q.reference}`);
  return q;
}

export async function* latentSampleJob(params: LatentSampleParams, context: JobContext): AsyncGenerator<LatentSampleFrame, LatentSampleResult> {
  const p = check(params);
  const baseUrl = params.baseUrl ?? GLYPH_MODELS_URL;
  const fetchBytes = (url: string) => context.fetchBytes(url);
  const manifest = await fetchGlyphManifest(fetchBytes, baseUrl);
  const autoencoder = await loadGlyphAutoencoder(manifest, fetchBytes, baseUrl);
  let denoiser: Awaited<ReturnType<typeof loadLatentDenoiser>> | null = null;
  try {
    denoiser = await loadLatentDenoiser(params.source ?? { kind: 'pretrained' }, manifest, fetchBytes, baseUrl);
    const started = performance.now();
    const gen = sampleGuidedGlyphs({
      autoencoder, denoiser, schedule: glyphSchedule(manifest), norm: manifest.latent,
      classLabel: p.classLabel, w: p.w, n: p.n, steps: p.steps, seed: p.seed,
      yieldEvery: p.frames === 0 ? p.steps : Math.max(1, Math.round(p.steps / p.frames)),
    });
    let out: { latents: Float32Array; images: Float32Array } | null = null;
    try {
      for (;;) {
        const r = await gen.next();
        if (r.done) {
          out = r.value;
          break;
        }
        if (p.frames > 0) yield { step: r.value.step, total: r.value.total, latents: r.value.latents };
      }
    } finally {
      if (!out) await gen.return({ latents: new Float32Array(0), images: new Float32Array(0) });
    }
    const seconds = (performance.now() - started) / 1000;
    judge ??= referenceGlyphClassifier();
    const score = scoreGlyphs(judge, out.images, p.classLabel);
    const real = sampleGlyphs(p.n, createRng(p.seed + 77), { classes: [GLYPH_DIGITS[p.classLabel]] });
    const result: LatentSampleResult = {
      classLabel: p.classLabel,
      w: p.w,
      classNames: manifest.classNames,
      latents: out.latents,
      images: out.images,
      predicted: score.predicted,
      fidelity: score.fidelity,
      diversity: score.diversity,
      dataDiversity: meanPairwiseDistance(real.images),
      seconds,
    };
    if (p.reference > 0) {
      const data = sampleGlyphs(p.reference, createRng(9001), { classes: GLYPH_DIGITS });
      result.reference = { latents: await encodeArray(autoencoder, data.images), labels: data.labels };
    }
    return result;
  } finally {
    denoiser?.dispose();
    autoencoder.dispose();
  }
}
