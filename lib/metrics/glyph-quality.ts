/**
 * How good are generated glyph images? Two numbers, on typed arrays (no tfjs):
 * - fidelity: the share of images that a fixed classifier assigns to the class that was asked for.
 *   The classifier is nearest class mean (template matching) in pixel space, fitted on clean glyphs:
 *   simple, seeded, and independent of every model it judges.
 * - diversity: the mean pairwise RMS pixel distance between the images (0 when all are identical).
 */
import { createRng } from '@/lib/math/rng';
import { GLYPH_DIGITS, GLYPH_PIXELS, sampleGlyphs } from '@/lib/data/glyphs';

export interface GlyphClassifier {
  numClasses: number;
  pixels: number;
  /** [numClasses * pixels] class-mean images. */
  means: Float32Array;
}

function checkRows(images: Float32Array, pixels: number, fn: string, arg = 'images'): number {
  if (!(images instanceof Float32Array) || images.length === 0 || images.length % pixels !== 0) {
    throw new Error(`${fn}: ${arg} must be a non-empty Float32Array whose length is a multiple of ${pixels}, got length ${images?.length}`);
  }
  return images.length / pixels;
}

/** Fits the class means; every class in [0, numClasses) must appear at least once. */
export function fitNearestMeanClassifier(images: Float32Array, labels: Int32Array, numClasses: number, pixels = GLYPH_PIXELS): GlyphClassifier {
  const fn = 'fitNearestMeanClassifier';
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new Error(`${fn}: numClasses must be a positive integer, got ${numClasses}`);
  const n = checkRows(images, pixels, fn);
  if (!labels || labels.length !== n) throw new Error(`${fn}: labels must have one class per image (${n}), got ${labels?.length}`);
  const means = new Float32Array(numClasses * pixels);
  const counts = new Int32Array(numClasses);
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    if (!(k >= 0 && k < numClasses)) throw new Error(`${fn}: labels[${i}] must be in [0, ${numClasses}), got ${k}`);
    counts[k]++;
    for (let p = 0; p < pixels; p++) means[k * pixels + p] += images[i * pixels + p];
  }
  for (let k = 0; k < numClasses; k++) {
    if (counts[k] === 0) throw new Error(`${fn}: class ${k} has no images`);
    for (let p = 0; p < pixels; p++) means[k * pixels + p] /= counts[k];
  }
  return { numClasses, pixels, means };
}

/** The course's reference judge: class means of 2,000 clean jittered digits (seeded, fixed). */
export function referenceGlyphClassifier(seed = 4242, n = 2000): GlyphClassifier {
  const data = sampleGlyphs(n, createRng(seed), { classes: GLYPH_DIGITS });
  return fitNearestMeanClassifier(data.images, data.labels, GLYPH_DIGITS.length);
}

/** Nearest class mean (squared Euclidean) for every image. */
export function classifyGlyphs(classifier: GlyphClassifier, images: Float32Array): Int32Array {
  const { numClasses, pixels, means } = classifier;
  const n = checkRows(images, pixels, 'classifyGlyphs');
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < numClasses; k++) {
      let d = 0;
      for (let p = 0; p < pixels; p++) {
        const e = images[i * pixels + p] - means[k * pixels + p];
        d += e * e;
      }
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Share of predictions equal to `target` (fidelity of images asked to be class target). */
export function classFidelity(predicted: Int32Array, target: number): number {
  if (!predicted || predicted.length === 0) throw new Error('classFidelity: predicted must be a non-empty Int32Array');
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === target) hits++;
  return hits / predicted.length;
}

/** Share of predictions equal to their label (a classifier's accuracy). */
export function accuracy(predicted: Int32Array, labels: Int32Array): number {
  if (!predicted || !labels || predicted.length !== labels.length || predicted.length === 0) {
    throw new Error(`accuracy: predicted and labels must be non-empty and of equal length, got ${predicted?.length} and ${labels?.length}`);
  }
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
}

/** Mean over pairs i < j of sqrt(mean_p (a_p - b_p)^2): 0 for identical images, about 1 for unrelated glyphs. */
export function meanPairwiseDistance(images: Float32Array, pixels = GLYPH_PIXELS): number {
  const n = checkRows(images, pixels, 'meanPairwiseDistance');
  if (n < 2) throw new Error(`meanPairwiseDistance: needs at least 2 images, got ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let p = 0; p < pixels; p++) {
        const e = images[i * pixels + p] - images[j * pixels + p];
        s += e * e;
      }
      sum += Math.sqrt(s / pixels);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}
