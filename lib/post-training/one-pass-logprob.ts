/**
 * d1's one-pass estimate of a completion's per-token log-probabilities under a masked diffusion model
 * (Zhao et al. 2025, diffu-GRPO). A diffusion LM has no left-to-right factorisation, so log pi(o | q)
 * is intractable; d1 masks the WHOLE completion, masks each prompt token with a small probability
 * (about 15%, a fresh draw for every inner update), runs the model once and reads log p_theta(o_k | ...)
 * at every completion position. The sequence log-probability is their sum: the log of a product of
 * marginals, which ignores how completion tokens depend on each other (logprob-estimator.ts measures
 * that bias against the exact value).
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import type { Transformer } from '@/lib/models/transformer/model';
import { fullAttention, KNOWN_LANGUAGE_VOCAB } from '@/lib/diffusion/discrete/known-language/models';

/** The estimator's input: every completion position masked, each prompt position masked with probability `rate`. */
export function onePassInput(completed: Int32Array, given: Uint8Array, rate: number, rng: Rng): Int32Array {
  if (completed.length !== given.length) throw new Error(`given must have one flag per token (${completed.length}), got ${given.length}`);
  if (!(rate >= 0 && rate < 1)) throw new Error(`rate must be in [0, 1), got ${rate}`);
  const out = Int32Array.from(completed);
  for (let i = 0; i < out.length; i++) {
    if (!given[i] || rng.next() < rate) out[i] = KNOWN_LANGUAGE_VOCAB.mask;
  }
  return out;
}

/**
 * log p_theta(targets_l | input) at every position, [rows, len] (differentiable through the model's
 * variables). [MASK] is never predicted (zero masking), as in training.
 */
export function tokenLogProbs(model: Transformer, input: Int32Array, targets: Int32Array): tf.Tensor2D {
  const { length: len, size: vocab, mask } = KNOWN_LANGUAGE_VOCAB;
  if (input.length !== targets.length || input.length % len !== 0) throw new Error(`input and targets must hold the same whole rows of ${len} tokens, got ${input.length} and ${targets.length}`);
  const rows = input.length / len;
  const { positions, mask: attention } = fullAttention(len);
  return tf.tidy(() => {
    const h = model.forwardMasked({ tokens: tf.tensor2d(input, [rows, len], 'int32'), positions, mask: attention }); // [rows, len, vocab]
    const bias = new Float32Array(vocab);
    bias[mask] = -1e9;
    const logp = tf.logSoftmax(tf.add(h, tf.tensor1d(bias)), -1);
    return tf.sum(tf.mul(logp, tf.oneHot(tf.tensor2d(targets, [rows, len], 'int32'), vocab)), -1) as tf.Tensor2D; // [rows, len]
  });
}

/** The same numbers on the host (no gradient), [rows * len]. */
export async function tokenLogProbsHost(model: Transformer, input: Int32Array, targets: Int32Array): Promise<Float32Array> {
  const t = tokenLogProbs(model, input, targets);
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
