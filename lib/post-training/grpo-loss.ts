/**
 * The GRPO loss of grpo.ts on tensors, so tf.variableGrads can differentiate it through log pi_theta.
 * Same terms, same averaging (per completion over its counted tokens, then over completions).
 */
import * as tf from '@/lib/tensor/tf';

export interface GrpoLossInput {
  /** log pi_theta of each completion token, [completions, tokens] (differentiable). */
  logpNew: tf.Tensor2D;
  /** Host arrays [completions * tokens]. */
  logpOld: Float32Array;
  logpRef: Float32Array;
  /** One per completion. */
  advantages: Float32Array;
  /** 1 where a token counts, [completions * tokens]. */
  tokenMask: Float32Array;
  clip: number;
  beta: number;
}

/** -J as a scalar tensor (call inside tf.variableGrads or tf.tidy). */
export function grpoLoss(input: GrpoLossInput): tf.Scalar {
  const [completions, tokens] = input.logpNew.shape;
  const n = completions * tokens;
  if (input.logpOld.length !== n || input.logpRef.length !== n || input.tokenMask.length !== n) {
    throw new Error(`grpoLoss: logpOld, logpRef and tokenMask must have ${n} values (logpNew is [${completions}, ${tokens}])`);
  }
  if (input.advantages.length !== completions) throw new Error(`grpoLoss: advantages must have ${completions} values, got ${input.advantages.length}`);
  return tf.tidy(() => {
    const old = tf.tensor2d(input.logpOld, [completions, tokens]);
    const ref = tf.tensor2d(input.logpRef, [completions, tokens]);
    const mask = tf.tensor2d(input.tokenMask, [completions, tokens]);
    const adv = tf.tensor2d(input.advantages, [completions, 1]);
    const ratio = tf.exp(tf.sub(input.logpNew, old));
    const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - input.clip, 1 + input.clip), adv));
    const refOverNew = tf.sub(ref, input.logpNew);
    const kl = tf.sub(tf.sub(tf.exp(refOverNew), refOverNew), 1);
    const perToken = tf.mul(tf.sub(surrogate, tf.mul(kl, input.beta)), mask);
    const counts = tf.maximum(tf.sum(mask, 1), 1);
    const perCompletion = tf.div(tf.sum(perToken, 1), counts);
    return tf.neg(tf.mean(perCompletion)) as tf.Scalar;
  });
}
