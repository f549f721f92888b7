/**
 * The known-language models of lessons 08 and 09: one small bidirectional transformer over the 16-token
 * language of lib/data/known-language.ts, read two ways.
 *
 * - SEDD (absorbing graph): the network's output h is the log concrete score up to the known time
 *   factor. For the absorbing graph the true score factorises as
 *     s(x, sigma)_{l,y} = e^{-sigma} / (1 - e^{-sigma}) * P(x0_l = y | unmasked tokens of x)
 *   (Ou et al. 2024, "RADD"), so the net needs no time input: log s = h - log(e^sigma - 1), the
 *   same scaling SEDD's own code applies. Score entropy then drives exp(h) to the conditional.
 * - MDLM: the same output, log-softmaxed over the non-[MASK] tokens, is log p_theta(x0_l | x_t).
 *
 * Inference helpers here read typed arrays out (await data(), never dataSync) and hold no tensors.
 */
import * as tf from '@/lib/tensor/tf';
import type { TransformerConfig } from '@/lib/models/transformer/types';
import type { HostWeights } from '@/lib/models/transformer/init';
import type { Transformer } from '@/lib/models/transformer/model';
import { KNOWN_LANGUAGE, knownLanguageVocab } from '@/lib/data/known-language';

export type KnownLanguageObjective = 'sedd' | 'mdlm';
export const KNOWN_LANGUAGE_OBJECTIVES: readonly KnownLanguageObjective[] = ['sedd', 'mdlm'];

/** Vocabulary of the shipped language: 5 letters, '|', '.', [MASK] = 7. */
export const KNOWN_LANGUAGE_VOCAB = knownLanguageVocab(KNOWN_LANGUAGE);

/**
 * 68k parameters (272 KB as float32): 64 wide so a wasm step on a batch of 64 sequences takes tens
 * of milliseconds (a minute of training is about a thousand steps), 2 layers because reversal
 * needs one hop of attention (answer -> mirror position) plus one for the Markov neighbours.
 */
export function knownLanguageModelConfig(): TransformerConfig {
  return {
    vocabSize: KNOWN_LANGUAGE_VOCAB.size,
    dModel: 64,
    nHeads: 4, // head dim 16
    nLayers: 2,
    dFF: 128,
    maxLen: KNOWN_LANGUAGE_VOCAB.length,
    attention: 'bidirectional',
  };
}

/** Weights as jobs pass them between the page and the worker (plain typed arrays). */
export interface KnownLanguageWeights {
  objective: KnownLanguageObjective;
  config: TransformerConfig;
  weights: HostWeights;
}

export function checkObjective(objective: unknown, where: string): KnownLanguageObjective {
  if (!KNOWN_LANGUAGE_OBJECTIVES.includes(objective as KnownLanguageObjective)) {
    throw new Error(`${where}: objective must be one of ${KNOWN_LANGUAGE_OBJECTIVES.join(', ')}, got ${String(objective)}`);
  }
  return objective as KnownLanguageObjective;
}

/** 0..len-1 and the all-ones mask of bidirectional attention. */
export function fullAttention(len: number): { positions: Int32Array; mask: Uint8Array } {
  return { positions: Int32Array.from({ length: len }, (_, i) => i), mask: new Uint8Array(len * len).fill(1) };
}

/** Raw network output h for a batch of token rows: tokens [n * len] -> [n * len * vocab]. */
export async function knownLanguageLogits(model: Transformer, tokens: Int32Array): Promise<Float32Array> {
  const { maxLen: len, vocabSize } = model.config;
  if (tokens.length === 0 || tokens.length % len !== 0) throw new Error(`tokens must hold whole rows of ${len}, got ${tokens.length} ids`);
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i] >= 0 && tokens[i] < vocabSize)) throw new Error(`tokens[${i}] must be a token id in [0, ${vocabSize}), got ${tokens[i]}`);
  }
  const { positions, mask } = fullAttention(len);
  const out = tf.tidy(() => model.forwardMasked({ tokens: tf.tensor2d(tokens, [tokens.length / len, len], 'int32'), positions, mask }));
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/**
 * SEDD concrete score at noise sigma from the network output: s_y = exp(h_y) / (e^sigma - 1) for
 * y != [MASK] (the [MASK] column is unused by the absorbing samplers: 0). [n * len * vocab].
 */
export function seddScoresFromLogits(h: Float32Array, sigma: number, maskId: number, vocab: number): Float64Array {
  if (!(sigma > 0)) throw new Error(`sigma must be > 0, got ${sigma}`);
  const logFactor = Math.log(Math.expm1(sigma));
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) out[i] = i % vocab === maskId ? 0 : Math.exp(Math.min(h[i] - logFactor, 80));
  return out;
}

/** MDLM's p_theta(x0_l | x_t): softmax of h over the non-[MASK] tokens, per position. [n * len * vocab]. */
export function mdlmProbsFromLogits(h: Float32Array, maskId: number, vocab: number): Float64Array {
  const out = new Float64Array(h.length);
  for (let row = 0; row < h.length; row += vocab) {
    let max = -Infinity;
    for (let y = 0; y < vocab; y++) if (y !== maskId) max = Math.max(max, h[row + y]);
    let sum = 0;
    for (let y = 0; y < vocab; y++) if (y !== maskId) { out[row + y] = Math.exp(h[row + y] - max); sum += out[row + y]; }
    for (let y = 0; y < vocab; y++) out[row + y] /= sum;
  }
  return out;
}
