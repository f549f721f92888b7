import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import {
  decodeKnownLanguage, encodeKnownLanguage, entropyPerToken, enumerateSupport, isValidSequence, posteriorGivenUnmasked, productOfMarginalsValidity,
  promptProbability, sampleSequences, sequenceOf, knownLanguageVocab, splitOf, trueMaskedScores, validityRate, KNOWN_LANGUAGE, type KnownLanguage,
} from '@/lib/data/known-language';
import { absorbingGraph, exactConcreteScore } from '@/lib/diffusion/discrete/sedd';

const V = knownLanguageVocab();
const promptText = (row: ArrayLike<number>) => decodeKnownLanguage(Array.from(row).slice(0, KNOWN_LANGUAGE.promptLength));

describe('known language: the language', () => {
  it('enumerates 5^7 distinct valid sequences whose probabilities sum to 1', () => {
    const s = enumerateSupport();
    expect(s.count).toBe(78_125);
    expect(s.length).toBe(16);
    let total = 0;
    const seen = new Set<string>();
    for (let n = 0; n < s.count; n++) {
      const row = s.tokens.subarray(n * 16, (n + 1) * 16);
      expect(isValidSequence(row)).toBe(true);
      seen.add(decodeKnownLanguage(row));
      total += s.probs[n];
    }
    expect(seen.size).toBe(s.count);
    expect(total).toBeCloseTo(1, 12);
    // a hand-computed probability: aab.. = 1/5 * 0.5 * 0.125, then 4 stays
    expect(promptProbability([0, 0, 1, 1, 1, 1, 1])).toBeCloseTo(0.2 * 0.5 * 0.125 * 0.5 ** 4, 15);
  });

  it('splits by prompt: about a fifth held out, and seeded samples of the two splits never share a prompt', () => {
    const s = enumerateSupport();
    const heldFraction = s.heldout.reduce((a, b) => a + b, 0) / s.count;
    expect(heldFraction).toBeGreaterThan(0.18);
    expect(heldFraction).toBeLessThan(0.22);
    const train = sampleSequences(2000, 'train', createRng(1));
    const held = sampleSequences(500, 'heldout', createRng(2));
    const trainPrompts = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const row = train.subarray(n * 16, (n + 1) * 16);
      expect(splitOf(row.subarray(0, 7))).toBe('train');
      trainPrompts.add(promptText(row));
    }
    for (let n = 0; n < 500; n++) {
      const row = held.subarray(n * 16, (n + 1) * 16);
      expect(splitOf(row.subarray(0, 7))).toBe('heldout');
      expect(trainPrompts.has(promptText(row))).toBe(false);
    }
    expect(validityRate(train)).toBe(1);
    expect(Array.from(sampleSequences(3, 'train', createRng(9)))).toEqual(Array.from(sampleSequences(3, 'train', createRng(9))));
  });

  it('samples the Markov chain: a letter repeats about half the time', () => {
    const rows = sampleSequences(3000, 'train', createRng(4));
    let stays = 0;
    let pairs = 0;
    for (let n = 0; n < 3000; n++) for (let i = 1; i < 7; i++) { pairs++; if (rows[n * 16 + i] === rows[n * 16 + i - 1]) stays++; }
    expect(Math.abs(stays / pairs - 0.5)).toBeLessThan(0.02);
  });

  it('validity: a wrong answer letter, separator or end is invalid', () => {
    const ok = sequenceOf([0, 1, 2, 3, 4, 4, 4]);
    expect(decodeKnownLanguage(ok)).toBe('abcdeee|eeedcba.');
    expect(isValidSequence(ok)).toBe(true);
    for (const [i, v] of [[9, 0], [7, 0], [15, V.sep], [3, V.mask]] as const) {
      const bad = Int32Array.from(ok);
      bad[i] = v;
      expect(isValidSequence(bad)).toBe(false);
    }
  });

  it('encodes and decodes, and names a bad input', () => {
    expect(decodeKnownLanguage(encodeKnownLanguage('ab_▒?cc|cc▒▒▒ba.'))).toBe('ab▒▒▒cc|cc▒▒▒ba.');
    expect(() => encodeKnownLanguage('abz▒▒cc|cc▒▒▒ba.')).toThrow(/"z" at index 2/);
    expect(() => encodeKnownLanguage('abc')).toThrow(/16 characters/);
    expect(() => sequenceOf([0, 1])).toThrow(/7 letters/);
  });

  it('the entropy floor and the product-of-marginals validity match brute force over the support', () => {
    const s = enumerateSupport();
    let h = 0;
    for (const p of s.probs) h -= p * Math.log(p);
    expect(entropyPerToken()).toBeCloseTo(h / 16, 10);
    expect(entropyPerToken()).toBeCloseTo((Math.log(5) + 6 * Math.log(4)) / 16, 12);
    // validity when every position is drawn independently from its marginal
    const marginal = posteriorGivenUnmasked(new Int32Array(16).fill(V.mask));
    let valid = marginal[7 * V.size + V.sep] * marginal[15 * V.size + V.end];
    for (let i = 0; i < 7; i++) {
      let same = 0;
      for (let a = 0; a < 5; a++) same += marginal[i * V.size + a] * marginal[(14 - i) * V.size + a];
      valid *= same;
    }
    expect(productOfMarginalsValidity()).toBeCloseTo(valid, 14);
    expect(productOfMarginalsValidity()).toBeCloseTo(0.2 ** 7, 14);
  });
});

describe('known language: true ratios', () => {
  it('a masked letter between two c with its mirror masked: P(c) = 0.25 / (0.25 + 4 * 0.125^2) = 0.8', () => {
    const x = encodeKnownLanguage('ccc▒ccc|ccc▒ccc.');
    const sigma = 0.7;
    const s = trueMaskedScores(x, sigma);
    const odds = Math.exp(-sigma) / (1 - Math.exp(-sigma));
    expect(s[3 * V.size + 2]).toBeCloseTo(0.8 * odds, 12);
    expect(s[3 * V.size + 0]).toBeCloseTo(0.05 * odds, 12);
    expect(s[11 * V.size + 2]).toBeCloseTo(0.8 * odds, 12);
    expect(s[0]).toBe(0); // unmasked rows are 0
    expect(() => trueMaskedScores(encodeKnownLanguage('abc▒ccc|ccc▒ccc.'), sigma)).toThrow(/no sequence/);
  });

  it('equals exactConcreteScore (sedd.ts) at every masked position of a small language', () => {
    const small: KnownLanguage = { promptLength: 2, letters: 3, stay: 0.6 };
    const v = knownLanguageVocab(small);
    const support = enumerateSupport(small);
    const p0 = Array.from({ length: support.count }, (_, n) => ({ tokens: support.tokens.subarray(n * v.length, (n + 1) * v.length), prob: support.probs[n] }));
    const exact = exactConcreteScore(absorbingGraph(v.size, v.mask), p0);
    const rng = createRng(3);
    for (let trial = 0; trial < 40; trial++) {
      const x0 = support.tokens.subarray(rng.int(support.count) * v.length).slice(0, v.length);
      const x = Int32Array.from(x0, (t) => (rng.next() < 0.5 ? v.mask : t));
      const sigma = 0.05 + 3 * rng.next();
      const mine = trueMaskedScores(x, sigma, small);
      const ref = exact(x, 0.5, sigma) as Float64Array;
      for (let l = 0; l < v.length; l++) {
        if (x[l] !== v.mask) continue;
        for (let y = 0; y < v.size; y++) if (y !== v.mask) expect(mine[l * v.size + y]).toBeCloseTo(ref[l * v.size + y], 9);
      }
    }
  });
});
