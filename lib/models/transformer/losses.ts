/**
 * Training objectives of the three language models, split into a host-side part (which tokens are
 * noised and how each is weighted: plain typed arrays, easy to check by hand) and one tensor part
 * (weighted cross-entropy of the targets under the logits).
 *
 * Every loss is over the ANSWER REGION of each sequence: positions answerStart.. (the prompt is given).
 * - AR: next-token cross-entropy on answer tokens and [EOS], averaged per token.
 * - MDLM: t ~ U(eps, 1) per sequence, every region token (answer, [EOS], [PAD] tail) masked with
 *   probability t; loss = sum over masked of (1/t) * -log p(x0) divided by the number of region
 *   tokens: an unbiased estimate of the per-token NELBO with the linear schedule alpha_t = 1 - t.
 * - BD3: the same with one t per block, fed as [x_t ; x_0] under the 2L mask.
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import { MASK_ID } from '@/lib/data/text/tokenizer';
import type { EncodedBatch } from '@/lib/data/text/corpus';

/** Smallest t: keeps the 1/t weight finite. */
export const DEFAULT_T_EPS = 1e-3;

export interface LossTargets {
  /** Model input, [batch * len] row-major. */
  inputs: Int32Array;
  /** Absolute positions of the input columns, length len. */
  positions: Int32Array;
  /** Target token at each OUTPUT position whose loss counts, [batch * outLen]. */
  targets: Int32Array;
  /** Weight of each output position's -log p(target) (0 = ignored), [batch * outLen]. */
  weights: Float32Array;
  /** The weighted sum is divided by this (number of tokens the loss averages over). */
  normalizer: number;
  /** Output positions per row (the first outLen logits of each row are scored). */
  outLen: number;
}

/**
 * sum_i weights_i * -log softmax(logits_i)[targets_i] / normalizer, over the first outLen positions
 * of each row. [MASK] is excluded from the softmax (the model never predicts it: SUBS in MDLM).
 * logits [batch, len, vocab] -> scalar.
 */
export function weightedCrossEntropy(logits: tf.Tensor3D, t: Pick<LossTargets, 'targets' | 'weights' | 'normalizer' | 'outLen'>, excludeMask = true): tf.Scalar {
  const [batch, len, vocab] = logits.shape;
  if (t.outLen > len) throw new Error(`weightedCrossEntropy: outLen ${t.outLen} exceeds logits len ${len}`);
  if (t.targets.length !== batch * t.outLen || t.weights.length !== batch * t.outLen) {
    throw new Error(`weightedCrossEntropy: targets and weights must have batch * outLen = ${batch * t.outLen} entries`);
  }
  if (!(t.normalizer > 0)) throw new Error(`weightedCrossEntropy: normalizer must be positive, got ${t.normalizer}`);
  return tf.tidy(() => {
    let scored = t.outLen === len ? logits : tf.slice(logits, [0, 0, 0], [batch, t.outLen, vocab]); // [batch, outLen, vocab]
    if (excludeMask) {
      const bias = new Float32Array(vocab);
      bias[MASK_ID] = -1e9;
      scored = tf.add(scored, tf.tensor1d(bias));
    }
    const logp = tf.logSoftmax(tf.reshape(scored, [batch * t.outLen, vocab])); // [rows, vocab]
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(t.targets, 'int32'), vocab)), 1); // [rows]
    return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(t.weights)))), t.normalizer) as tf.Scalar;
  });
}

function contiguous(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** AR: input the first len-1 tokens, predict tokens 1..len-1; count answer tokens and [EOS]. */
export function autoregressiveTargets(batch: EncodedBatch): LossTargets {
  const { batch: B, seqLen: L, tokens } = batch;
  const outLen = L - 1;
  const inputs = new Int32Array(B * outLen);
  const targets = new Int32Array(B * outLen);
  const weights = new Float32Array(B * outLen);
  let normalizer = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < outLen; i++) {
      inputs[b * outLen + i] = tokens[b * L + i];
      const target = i + 1;
      targets[b * outLen + i] = tokens[b * L + target];
      if (target >= batch.answerStart[b] && target < batch.length[b]) {
        weights[b * outLen + i] = 1;
        normalizer++;
      }
    }
  }
  return { inputs, positions: contiguous(outLen), targets, weights, normalizer: Math.max(normalizer, 1), outLen };
}

/** t values spread evenly over (eps, 1) with one random offset: MDLM's low-discrepancy sampler. */
export function lowDiscrepancyTimes(count: number, rng: Rng, eps = DEFAULT_T_EPS): Float64Array {
  const u = rng.next();
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = eps + (1 - eps) * ((u + i / count) % 1);
  return out;
}

/**
 * Masks region tokens: sequence b's region positions in group g (one group per sequence for MDLM,
 * one per block for BD3) are masked with probability times[b * groups + g], weighted 1/t.
 */
function maskRegion(batch: EncodedBatch, times: ArrayLike<number>, groupOf: (i: number) => number, groups: number, rng: Rng) {
  const { batch: B, seqLen: L, tokens } = batch;
  const noisy = Int32Array.from(tokens);
  const weights = new Float32Array(B * L);
  let normalizer = 0;
  for (let b = 0; b < B; b++) {
    for (let i = batch.answerStart[b]; i < L; i++) {
      normalizer++;
      const t = times[b * groups + groupOf(i)];
      if (rng.next() < t) {
        noisy[b * L + i] = MASK_ID;
        weights[b * L + i] = 1 / t;
      }
    }
  }
  return { noisy, weights, normalizer: Math.max(normalizer, 1) };
}

/** MDLM: one t per sequence (given, or low-discrepancy from rng), bidirectional input x_t. */
export function maskedDiffusionTargets(batch: EncodedBatch, rng: Rng, times?: ArrayLike<number>, eps = DEFAULT_T_EPS): LossTargets {
  const ts = times ?? lowDiscrepancyTimes(batch.batch, rng, eps);
  if (ts.length !== batch.batch) throw new Error(`maskedDiffusionTargets: times must have one entry per sequence (${batch.batch})`);
  const { noisy, weights, normalizer } = maskRegion(batch, ts, () => 0, 1, rng);
  return { inputs: noisy, positions: contiguous(batch.seqLen), targets: Int32Array.from(batch.tokens), weights, normalizer, outLen: batch.seqLen };
}

/**
 * BD3: one t per (sequence, block); the input row is [x_t ; x_0] (length 2L, positions 0..L-1 twice),
 * scored on the x_t half only. Use with blockDiffusionTrainingMask(L, blockSize).
 */
export function blockDiffusionTargets(batch: EncodedBatch, blockSize: number, rng: Rng, times?: ArrayLike<number>, eps = DEFAULT_T_EPS): LossTargets {
  const { batch: B, seqLen: L } = batch;
  if (!Number.isInteger(blockSize) || blockSize <= 0 || L % blockSize !== 0) {
    throw new Error(`blockDiffusionTargets: blockSize must be a positive divisor of seqLen ${L}, got ${blockSize}`);
  }
  const blocks = L / blockSize;
  const ts = times ?? lowDiscrepancyTimes(B * blocks, rng, eps);
  if (ts.length !== B * blocks) throw new Error(`blockDiffusionTargets: times must have batch * blocks = ${B * blocks} entries`);
  const { noisy, weights, normalizer } = maskRegion(batch, ts, (i) => Math.floor(i / blockSize), blocks, rng);
  const inputs = new Int32Array(B * 2 * L);
  for (let b = 0; b < B; b++) {
    inputs.set(noisy.subarray(b * L, (b + 1) * L), b * 2 * L);
    inputs.set(batch.tokens.subarray(b * L, (b + 1) * L), b * 2 * L + L);
  }
  const positions = new Int32Array(2 * L);
  for (let i = 0; i < 2 * L; i++) positions[i] = i % L;
  return { inputs, positions, targets: Int32Array.from(batch.tokens), weights, normalizer, outLen: L };
}
