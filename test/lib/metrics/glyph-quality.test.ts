import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { sampleGlyphs } from '@/lib/data/glyphs';
import { accuracy, classFidelity, classifyGlyphs, fitNearestMeanClassifier, meanPairwiseDistance, referenceGlyphClassifier } from '@/lib/metrics/glyph-quality';

describe('glyph quality', () => {
  it('nearest class mean assigns each class mean to itself and averages per class', () => {
    const images = Float32Array.from([0, 0, 2, 2, 10, 10, 12, 12]); // four 2-pixel images
    const clf = fitNearestMeanClassifier(images, Int32Array.from([0, 0, 1, 1]), 2, 2);
    expect(Array.from(clf.means)).toEqual([1, 1, 11, 11]);
    expect(Array.from(classifyGlyphs(clf, Float32Array.from([1, 1, 11, 11, 5, 5, 7, 7])))).toEqual([0, 1, 0, 1]);
  });

  it('the reference classifier reads fresh jittered digits correctly', () => {
    const clf = referenceGlyphClassifier();
    const data = sampleGlyphs(300, createRng(99));
    // Measured about 0.96 on held-out glyphs: templates work because the jitter is small.
    expect(accuracy(classifyGlyphs(clf, data.images), data.labels)).toBeGreaterThan(0.9);
  });

  it('fidelity counts hits; bad input throws naming it', () => {
    expect(classFidelity(Int32Array.from([3, 3, 1, 3]), 3)).toBe(0.75);
    expect(() => classFidelity(new Int32Array(0), 1)).toThrow(/predicted must be a non-empty/);
    expect(() => fitNearestMeanClassifier(new Float32Array(4), Int32Array.from([0, 0]), 2, 2)).toThrow(/class 1 has no images/);
    expect(() => classifyGlyphs(referenceGlyphClassifier(), new Float32Array(10))).toThrow(/images must be .* multiple of 256/);
  });

  it('diversity is the mean pairwise RMS distance: 0 for copies, 2 between paper and ink', () => {
    const paper = new Float32Array(256).fill(-1);
    const ink = new Float32Array(256).fill(1);
    const two = new Float32Array(512);
    two.set(paper, 0);
    two.set(ink, 256);
    expect(meanPairwiseDistance(two)).toBeCloseTo(2, 6);
    const copies = new Float32Array(768);
    for (let i = 0; i < 3; i++) copies.set(ink, 256 * i);
    expect(meanPairwiseDistance(copies)).toBe(0);
    // Three images: pairs (paper, ink) = 2, (paper, paper) = 0, (ink, paper) = 2 -> mean 4/3.
    const three = new Float32Array(768);
    three.set(paper, 0);
    three.set(ink, 256);
    three.set(paper, 512);
    expect(meanPairwiseDistance(three)).toBeCloseTo(4 / 3, 6);
    expect(() => meanPairwiseDistance(paper)).toThrow(/at least 2 images/);
  });
});
