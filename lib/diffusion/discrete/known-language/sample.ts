/**
 * Sampling and decoding with the known-language models, batched (every row of a batch goes through the
 * network in one forward pass per step):
 * - SEDD: sedd.ts's Euler and Tweedie tau-leaping samplers, run on the whole batch as one long
 *   sequence (their steps treat positions independently, so rows never mix), driven by the
 *   learned concrete score; and the learned ratios of a noisy input next to the true ones.
 * - MDLM: LLaDA-style unmasking with low-confidence or random remasking, tokensPerStep at a time.
 * Metrics: validity of samples (lib/data/known-language.ts) and held-out answer accuracy.
 */
import type { Rng } from '@/lib/math/rng';
import type { Transformer } from '@/lib/models/transformer/model';
import { sampleCategorical } from '../categorical';
import { absorbingGraph, geometricNoise, logLinearNoise, sampleSeddEuler, sampleSeddTweedie, type NoiseSchedule } from '../sedd';
import { mdlmProbsFromLogits, seddScoresFromLogits, knownLanguageLogits, KNOWN_LANGUAGE_VOCAB } from './models';
import { KNOWN_LANGUAGE, validityRate } from '@/lib/data/known-language';

export type KnownLanguageSampler = 'euler' | 'tweedie';
export const KNOWN_LANGUAGE_SAMPLERS: readonly KnownLanguageSampler[] = ['euler', 'tweedie'];
/** log-linear: what the model was trained with (Euler and Tweedie then coincide); geometric: SEDD's sigma_min^(1-t) sigma_max^t. */
export type KnownLanguageSchedule = 'log-linear' | 'geometric';

export function knownLanguageSchedule(name: KnownLanguageSchedule): NoiseSchedule {
  if (name === 'log-linear') return logLinearNoise();
  if (name === 'geometric') return geometricNoise();
  throw new Error(`schedule must be 'log-linear' or 'geometric', got ${String(name)}`);
}

/** The model's concrete score at noise sigma for every row of `tokens`, [rows * len * vocab]. */
export async function learnedScores(model: Transformer, tokens: Int32Array, sigma: number): Promise<Float64Array> {
  return seddScoresFromLogits(await knownLanguageLogits(model, tokens), sigma, KNOWN_LANGUAGE_VOCAB.mask, KNOWN_LANGUAGE_VOCAB.size);
}

/** Like trueMaskedScores: rows of unmasked positions and the [MASK] column set to 0. */
export async function learnedMaskedScores(model: Transformer, x: Int32Array, sigma: number): Promise<Float64Array> {
  const s = await learnedScores(model, x, sigma);
  for (let l = 0; l < x.length; l++) if (x[l] !== KNOWN_LANGUAGE_VOCAB.mask) s.fill(0, l * KNOWN_LANGUAGE_VOCAB.size, (l + 1) * KNOWN_LANGUAGE_VOCAB.size);
  return s;
}

export interface SeddSampleOptions {
  sampler: KnownLanguageSampler;
  steps: number;
  /** Sequences drawn together. */
  count: number;
  schedule: KnownLanguageSchedule;
  rng: Rng;
}

/** `count` sequences from all-[MASK] with one sampler: tokens [count * len] row-major. */
export async function sampleKnownLanguageSedd(model: Transformer, options: SeddSampleOptions): Promise<Int32Array> {
  const { sampler, steps, count, rng } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
  if (sampler !== 'euler' && sampler !== 'tweedie') throw new Error(`sampler must be 'euler' or 'tweedie', got ${String(sampler)}`);
  const graph = absorbingGraph(KNOWN_LANGUAGE_VOCAB.size, KNOWN_LANGUAGE_VOCAB.mask);
  const initial = new Int32Array(count * KNOWN_LANGUAGE_VOCAB.length).fill(KNOWN_LANGUAGE_VOCAB.mask);
  const run = sampler === 'euler' ? sampleSeddEuler : sampleSeddTweedie;
  let last: Int32Array = initial;
  const generator = run({
    graph, schedule: knownLanguageSchedule(options.schedule), steps, rng, initial, length: initial.length,
    score: (tokens, _t, sigma) => learnedScores(model, tokens, sigma),
  });
  for await (const step of generator) last = step.tokens;
  return last;
}

export type KnownLanguageRemasking = 'low-confidence' | 'random';
export const KNOWN_LANGUAGE_REMASKING: readonly KnownLanguageRemasking[] = ['low-confidence', 'random'];

export interface MdlmDecodeOptions {
  /** Masked positions committed per step (per row). */
  tokensPerStep: number;
  remasking: KnownLanguageRemasking;
  /** 0: commit the argmax (LLaDA's default); 1: sample from p_theta. */
  temperature: 0 | 1;
  rng: Rng;
}

/**
 * Unmasks every [MASK] of every row: each step predicts all masked positions, proposes a token
 * for each (argmax or a sample), and commits k of them, chosen by the proposal's probability
 * (low-confidence remasking: the most confident first) or uniformly at random; the rest stay masked.
 */
export async function decodeKnownLanguageMdlm(model: Transformer, initial: Int32Array, options: MdlmDecodeOptions): Promise<Int32Array> {
  const { tokensPerStep: k, remasking, temperature, rng } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`tokensPerStep must be a positive integer, got ${k}`);
  if (!(remasking === 'low-confidence' || remasking === 'random')) throw new Error(`remasking must be 'low-confidence' or 'random', got ${String(remasking)}`);
  if (temperature !== 0 && temperature !== 1) throw new Error(`temperature must be 0 or 1, got ${temperature}`);
  const { length: len, size: vocab, mask } = KNOWN_LANGUAGE_VOCAB;
  const tokens = Int32Array.from(initial);
  const rows = tokens.length / len;
  for (;;) {
    if (!tokens.includes(mask)) return tokens;
    const probs = mdlmProbsFromLogits(await knownLanguageLogits(model, tokens), mask, vocab);
    for (let r = 0; r < rows; r++) {
      const candidates: { l: number; token: number; score: number }[] = [];
      for (let l = 0; l < len; l++) {
        const i = r * len + l;
        if (tokens[i] !== mask) continue;
        const p = probs.subarray(i * vocab, (i + 1) * vocab);
        let token = 0;
        if (temperature === 0) { for (let y = 1; y < vocab; y++) if (p[y] > p[token]) token = y; } else token = sampleCategorical(p, rng);
        candidates.push({ l, token, score: remasking === 'low-confidence' ? p[token] : rng.next() });
      }
      candidates.sort((a, b) => b.score - a.score);
      for (const c of candidates.slice(0, k)) tokens[r * len + c.l] = c.token;
    }
  }
}

export interface AnswerScore {
  /** Rows whose whole answer (letters and end) is right. */
  exact: number;
  /** Fraction of answer letters right. */
  letters: number;
  /** The decoded rows. */
  decoded: Int32Array;
}

/** Decodes the answer (reversed prompt and end) of each clean row given its prompt and separator. */
export async function answerAccuracy(model: Transformer, clean: Int32Array, options: MdlmDecodeOptions): Promise<AnswerScore> {
  const { length: len, mask } = KNOWN_LANGUAGE_VOCAB;
  const p = KNOWN_LANGUAGE.promptLength;
  const start = p + 1;
  const input = Int32Array.from(clean);
  for (let i = 0; i < input.length; i++) if (i % len >= start) input[i] = mask;
  const decoded = await decodeKnownLanguageMdlm(model, input, options);
  const rows = clean.length / len;
  let exact = 0;
  let letters = 0;
  for (let r = 0; r < rows; r++) {
    let all = true;
    for (let l = start; l < len; l++) {
      const right = decoded[r * len + l] === clean[r * len + l];
      if (!right) all = false;
      if (right && l < len - 1) letters++;
    }
    if (all) exact++;
  }
  return { exact: exact / rows, letters: letters / (rows * p), decoded };
}

/** Validity of `count` sequences generated from all-[MASK] (sampling at temperature 1). */
export async function generationValidity(model: Transformer, count: number, options: Omit<MdlmDecodeOptions, 'temperature'>): Promise<{ validity: number; decoded: Int32Array }> {
  const decoded = await decodeKnownLanguageMdlm(model, new Int32Array(count * KNOWN_LANGUAGE_VOCAB.length).fill(KNOWN_LANGUAGE_VOCAB.mask), { ...options, temperature: 1 });
  return { validity: validityRate(decoded), decoded };
}
