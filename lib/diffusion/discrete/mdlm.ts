/**
 * MDLM (Sahoo et al. 2024) and LLaDA-style sampling helpers: masked diffusion, where a token is
 * either itself (probability alpha_t) or [MASK] (probability 1 - alpha_t), t in [0, 1].
 *
 * Sign convention: alpha_t decreases, so alpha'_t < 0 and log p <= 0. We write the NELBO as
 *   L = E_t  w(t) * sum_{masked l} -log p_theta(x0_l | x_t),   w(t) = -alpha'_t / (1 - alpha_t) >= 0,
 * which is the paper's E_t [alpha'_t / (1 - alpha_t)] sum log p with both minus signs made explicit,
 * so every term is non-negative. Linear alpha_t = 1 - t gives w(t) = 1/t.
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import {
  checkIndex, checkLength, checkPositiveInteger, checkProbability, checkTokens, type NumberArray,
} from './categorical';

// ---------------------------------------------------------------------------------------------
// Schedules

export interface MaskSchedule {
  readonly name: string;
  /** Probability a token is still clean at time t; alpha(0) = 1, decreasing. */
  alpha(t: number): number;
  /** Its derivative alpha'(t) (<= 0). */
  dalpha(t: number): number;
}

function checkTime(t: number): void {
  if (!(t >= 0 && t <= 1)) throw new Error(`t must be in [0, 1], got ${t}`);
}

/** alpha_t = 1 - t, alpha'_t = -1: the masked fraction grows linearly. */
export const linearSchedule: MaskSchedule = {
  name: 'linear',
  alpha: (t) => { checkTime(t); return 1 - t; },
  dalpha: (t) => { checkTime(t); return -1; },
};

/** Cosine: alpha_t = 1 - cos(pi/2 (1 - t)), alpha'_t = -(pi/2) sin(pi/2 (1 - t)). */
export const cosineSchedule: MaskSchedule = {
  name: 'cosine',
  alpha: (t) => { checkTime(t); return 1 - Math.cos((Math.PI / 2) * (1 - t)); },
  dalpha: (t) => { checkTime(t); return -(Math.PI / 2) * Math.sin((Math.PI / 2) * (1 - t)); },
};

/** Any schedule from alpha and its derivative (the caller guarantees alpha' = d alpha / dt). */
export function maskSchedule(alpha: (t: number) => number, dalpha: (t: number) => number, name = 'custom'): MaskSchedule {
  if (typeof alpha !== 'function') throw new Error('alpha must be a function of t');
  if (typeof dalpha !== 'function') throw new Error('dalpha must be a function of t');
  return { name, alpha: (t) => { checkTime(t); return alpha(t); }, dalpha: (t) => { checkTime(t); return dalpha(t); } };
}

/** NELBO weight w(t) = -alpha'_t / (1 - alpha_t) >= 0 (1/t for the linear schedule). Undefined at alpha_t = 1 (t = 0). */
export function nelboWeight(schedule: MaskSchedule, t: number): number {
  const a = schedule.alpha(t);
  if (!(a < 1)) throw new Error(`t must have alpha(t) < 1 for the NELBO weight, got t = ${t} (alpha = ${a})`);
  return -schedule.dalpha(t) / (1 - a);
}

// ---------------------------------------------------------------------------------------------
// Forward process

export interface MaskedSequence {
  /** x_t: each token replaced by maskId with probability 1 - alpha. */
  noisy: Int32Array;
  /** 1 where the token was masked. */
  masked: Uint8Array;
}

/** q(x_t | x_0) = prod_l [alpha_t 1(x_t = x0_l) + (1 - alpha_t) 1(x_t = MASK)]: independent masking, seeded. */
export function maskTokens(tokens: ArrayLike<number>, alpha: number, maskId: number, rng: Rng): MaskedSequence {
  checkProbability('alpha', alpha);
  if (!Number.isInteger(maskId) || maskId < 0) throw new Error(`maskId must be a non-negative integer, got ${maskId}`);
  const noisy = new Int32Array(tokens.length);
  const masked = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (!Number.isInteger(tokens[i]) || tokens[i] < 0) throw new Error(`tokens[${i}] must be a token id, got ${tokens[i]}`);
    const m = rng.next() >= alpha; // P(mask) = 1 - alpha
    masked[i] = m ? 1 : 0;
    noisy[i] = m ? maskId : tokens[i];
  }
  return { noisy, masked };
}

// ---------------------------------------------------------------------------------------------
// Carry-over parameterisation

/**
 * Model log-probs under MDLM's two constraints:
 * - zero masking: [MASK] is never predicted (its logit set to -inf before the softmax);
 * - carry-over: an unmasked position copies its token with probability 1 (log-prob 0, others -inf).
 * logits and the result are [len, vocab] row-major.
 */
export function carryOverLogProbs(logits: NumberArray, noisy: ArrayLike<number>, vocab: number, maskId: number): Float64Array {
  checkPositiveInteger('vocab', vocab);
  checkIndex('maskId', maskId, vocab);
  checkLength('logits', logits.length, noisy.length * vocab);
  checkTokens('noisy', noisy, vocab);
  const out = new Float64Array(logits.length);
  for (let l = 0; l < noisy.length; l++) {
    const row = l * vocab;
    if (noisy[l] !== maskId) {
      for (let v = 0; v < vocab; v++) out[row + v] = v === noisy[l] ? 0 : -Infinity;
      continue;
    }
    let max = -Infinity;
    for (let v = 0; v < vocab; v++) if (v !== maskId) max = Math.max(max, logits[row + v]);
    let sum = 0;
    for (let v = 0; v < vocab; v++) if (v !== maskId) sum += Math.exp(logits[row + v] - max);
    const lse = max + Math.log(sum);
    for (let v = 0; v < vocab; v++) out[row + v] = v === maskId ? -Infinity : logits[row + v] - lse;
  }
  return out;
}

/** Tensor version of carryOverLogProbs: logits [batch, len, vocab], noisy [batch, len] int32 -> log-probs [batch, len, vocab]. */
export function carryOverLogProbsTensor(logits: tf.Tensor3D, noisy: tf.Tensor2D, maskId: number): tf.Tensor3D {
  const [b, len, vocab] = logits.shape;
  if (logits.rank !== 3) throw new Error(`logits must be [batch, len, vocab], got [${logits.shape}]`);
  checkIndex('maskId', maskId, vocab);
  if (noisy.rank !== 2 || noisy.shape[0] !== b || noisy.shape[1] !== len) throw new Error(`noisy must be [${b}, ${len}], got [${noisy.shape}]`);
  return tf.tidy(() => {
    const bias = new Float32Array(vocab);
    bias[maskId] = -Infinity;
    const lsm = tf.logSoftmax(tf.add(logits, tf.tensor1d(bias)), -1); // [b, len, vocab]
    const noisyHot = tf.cast(tf.oneHot(tf.cast(noisy, 'int32'), vocab), 'bool'); // [b, len, vocab]
    const carry = tf.where(noisyHot, tf.zerosLike(lsm), tf.fill([b, len, vocab], -Infinity));
    const unmasked = tf.broadcastTo(tf.reshape(tf.notEqual(noisy, maskId), [b, len, 1]), [b, len, vocab]);
    return tf.where(unmasked, carry, lsm) as tf.Tensor3D;
  });
}

// ---------------------------------------------------------------------------------------------
// Loss

export interface MaskedCrossEntropyInput {
  /** log p_theta(. | x_t), [len, vocab] row-major. */
  logProbs: NumberArray;
  /** Clean tokens x_0, [len]. */
  targets: ArrayLike<number>;
  /** Noised tokens x_t, [len]; positions equal to maskId are scored. */
  noisy: ArrayLike<number>;
  vocab: number;
  maskId: number;
  /** NELBO weight w(t) (nelboWeight); default 1. */
  weight?: number;
}

/** w(t) * sum_{l : x_t^l = MASK} -log p_theta(x0_l | x_t). */
export function maskedCrossEntropy(input: MaskedCrossEntropyInput): number {
  const { logProbs, targets, noisy, vocab, maskId } = input;
  const weight = input.weight ?? 1;
  checkPositiveInteger('vocab', vocab);
  checkIndex('maskId', maskId, vocab);
  checkLength('noisy', noisy.length, targets.length);
  checkLength('logProbs', logProbs.length, targets.length * vocab);
  checkTokens('targets', targets, vocab);
  if (!(weight >= 0)) throw new Error(`weight must be >= 0, got ${weight}`);
  let total = 0;
  for (let l = 0; l < targets.length; l++) {
    if (noisy[l] === maskId) total -= logProbs[l * vocab + targets[l]];
  }
  return weight * total;
}

export interface MdlmLossInput {
  /** log p_theta, [batch, len, vocab] (e.g. from carryOverLogProbsTensor). */
  logProbs: tf.Tensor3D;
  /** x_0, [batch, len] int32. */
  targets: tf.Tensor2D;
  /** x_t, [batch, len] int32. */
  noisy: tf.Tensor2D;
  /** w(t) per example, [batch]. */
  weights: tf.Tensor1D;
  maskId: number;
  /** 'sum': per-sequence sum (as maskedCrossEntropy), then batch mean; 'token-mean': also divide by len. */
  reduction?: 'sum' | 'token-mean';
}

/** Batched MDLM NELBO: mean_b w_b sum_{masked l} -log p(x0 | x_t). Returns a scalar. */
export function mdlmLoss(input: MdlmLossInput): tf.Scalar {
  const { logProbs, targets, noisy, weights, maskId } = input;
  const [b, len, vocab] = logProbs.shape;
  if (logProbs.rank !== 3) throw new Error(`logProbs must be [batch, len, vocab], got [${logProbs.shape}]`);
  checkIndex('maskId', maskId, vocab);
  for (const [name, t] of [['targets', targets], ['noisy', noisy]] as const) {
    if (t.rank !== 2 || t.shape[0] !== b || t.shape[1] !== len) throw new Error(`${name} must be [${b}, ${len}], got [${t.shape}]`);
  }
  if (weights.rank !== 1 || weights.shape[0] !== b) throw new Error(`weights must be [${b}], got [${weights.shape}]`);
  const reduction = input.reduction ?? 'sum';
  if (reduction !== 'sum' && reduction !== 'token-mean') throw new Error(`reduction must be 'sum' or 'token-mean', got ${String(reduction)}`);
  return tf.tidy(() => {
    // where() rather than a one-hot product so -inf entries never meet a 0 (0 * -inf = NaN).
    const hot = tf.cast(tf.oneHot(tf.cast(targets, 'int32'), vocab), 'bool');
    const lp = tf.sum(tf.where(hot, logProbs, tf.zerosLike(logProbs)), -1); // [b, len]
    const masked = tf.equal(noisy, maskId);
    const nll = tf.where(masked, tf.neg(lp), tf.zerosLike(lp));
    let perSeq = tf.mul(tf.sum(nll, -1), weights); // [b]
    if (reduction === 'token-mean') perSeq = tf.div(perSeq, len);
    return tf.mean(perSeq) as tf.Scalar;
  });
}

// ---------------------------------------------------------------------------------------------
// LLaDA sampling helpers: how many tokens to unmask per step, and which ones

/** Split count tokens over steps as evenly as possible; the first count % steps steps take one extra (as LLaDA). */
export function tokensPerStep(count: number, steps: number): Int32Array {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  checkPositiveInteger('steps', steps);
  const out = new Int32Array(steps).fill(Math.floor(count / steps));
  for (let i = 0; i < count % steps; i++) out[i] += 1;
  return out;
}

export interface BlockPlan {
  block: number;
  /** Positions [start, end) relative to the generated answer. */
  start: number;
  end: number;
  /** Tokens to unmask at each of this block's steps (sums to end - start). */
  perStep: Int32Array;
}

/** Semi-autoregressive plan: blocks left to right, steps split evenly across blocks, tokens evenly across each block's steps. */
export function blockSchedule(length: number, blockLength: number, steps: number): BlockPlan[] {
  checkPositiveInteger('length', length);
  checkPositiveInteger('blockLength', blockLength);
  checkPositiveInteger('steps', steps);
  if (length % blockLength !== 0) throw new Error(`blockLength must divide length ${length}, got ${blockLength}`);
  const blocks = length / blockLength;
  if (steps % blocks !== 0) throw new Error(`steps must be a multiple of the number of blocks (${blocks}), got ${steps}`);
  const perBlock = steps / blocks;
  return Array.from({ length: blocks }, (_, block) => ({
    block, start: block * blockLength, end: (block + 1) * blockLength, perStep: tokensPerStep(blockLength, perBlock),
  }));
}

export type Remasking = 'low-confidence' | 'random';

/**
 * Which k eligible positions to unmask now. 'low-confidence' keeps the k most confident predictions
 * and remasks the rest (ties go to the lower index); 'random' picks k eligible positions uniformly.
 */
export function chooseToUnmask(confidence: NumberArray, eligible: ArrayLike<number | boolean>, k: number, remasking: Remasking, rng: Rng): Int32Array {
  checkLength('eligible', eligible.length, confidence.length);
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${k}`);
  const candidates: number[] = [];
  for (let i = 0; i < eligible.length; i++) if (eligible[i]) candidates.push(i);
  if (k > candidates.length) throw new Error(`k must be <= the number of eligible positions (${candidates.length}), got ${k}`);
  if (remasking === 'low-confidence') {
    candidates.sort((a, b) => (confidence[b] - confidence[a]) || a - b);
    return Int32Array.from(candidates.slice(0, k)).sort();
  }
  if (remasking === 'random') {
    for (let i = 0; i < k; i++) { // partial Fisher-Yates
      const j = i + rng.int(candidates.length - i);
      [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
    }
    return Int32Array.from(candidates.slice(0, k)).sort();
  }
  throw new Error(`remasking must be 'low-confidence' or 'random', got ${String(remasking)}`);
}

export interface Prediction {
  /** Predicted x0 at every position (the current token where not masked). */
  tokens: Int32Array;
  /** softmax(logits) probability of the predicted token (1 where not masked). */
  confidence: Float64Array;
}

/**
 * Predict every masked position from logits [len, vocab]: argmax at temperature 0, else a sample
 * from softmax(logits / temperature) by Gumbel-max (LLaDA's Gumbel noise). [MASK] is never predicted.
 */
export function predictMasked(logits: NumberArray, noisy: ArrayLike<number>, vocab: number, maskId: number, temperature: number, rng: Rng): Prediction {
  checkPositiveInteger('vocab', vocab);
  checkIndex('maskId', maskId, vocab);
  checkLength('logits', logits.length, noisy.length * vocab);
  checkTokens('noisy', noisy, vocab);
  if (!(temperature >= 0)) throw new Error(`temperature must be >= 0, got ${temperature}`);
  const tokens = Int32Array.from(noisy);
  const confidence = new Float64Array(noisy.length).fill(1);
  for (let l = 0; l < noisy.length; l++) {
    if (noisy[l] !== maskId) continue;
    const row = l * vocab;
    let best = -1, bestKey = -Infinity, max = -Infinity;
    for (let v = 0; v < vocab; v++) {
      if (v === maskId) continue;
      max = Math.max(max, logits[row + v]);
      const gumbel = temperature > 0 ? -Math.log(-Math.log(1 - rng.next())) : 0;
      const key = temperature > 0 ? logits[row + v] / temperature + gumbel : logits[row + v];
      if (key > bestKey || best < 0) { bestKey = key; best = v; }
    }
    let sum = 0;
    for (let v = 0; v < vocab; v++) if (v !== maskId) sum += Math.exp(logits[row + v] - max);
    tokens[l] = best;
    confidence[l] = Math.exp(logits[row + best] - max) / sum;
  }
  return { tokens, confidence };
}

export interface UnmaskStepInput {
  /** Model logits for the current tokens, [len, vocab]. */
  logits: NumberArray;
  tokens: ArrayLike<number>;
  vocab: number;
  maskId: number;
  /** How many tokens to unmask now (from tokensPerStep / blockSchedule). */
  count: number;
  remasking: Remasking;
  temperature: number;
  rng: Rng;
  /** Only positions in [start, end) may be unmasked (the current block); default the whole sequence. */
  window?: [number, number];
}

/** One LLaDA step: predict all masked positions, commit `count` of them (by the remasking rule), leave the rest masked. */
export function unmaskStep(input: UnmaskStepInput): { tokens: Int32Array; unmasked: Int32Array; prediction: Prediction } {
  const { logits, tokens, vocab, maskId, count, remasking, temperature, rng } = input;
  const [start, end] = input.window ?? [0, tokens.length];
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= tokens.length)) {
    throw new Error(`window must satisfy 0 <= start <= end <= ${tokens.length}, got [${start}, ${end}]`);
  }
  const prediction = predictMasked(logits, tokens, vocab, maskId, temperature, rng);
  const eligible = new Uint8Array(tokens.length);
  for (let l = start; l < end; l++) eligible[l] = tokens[l] === maskId ? 1 : 0;
  const unmasked = chooseToUnmask(prediction.confidence, eligible, count, remasking, rng);
  const next = Int32Array.from(tokens);
  for (const l of unmasked) next[l] = prediction.tokens[l];
  return { tokens: next, unmasked, prediction };
}
