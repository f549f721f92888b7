/**
 * Group-relative policy optimisation (GRPO, Shao et al. 2024), as d1 (Zhao et al. 2025) uses it for
 * diffusion language models. Pure numbers here (the reference the tests and the lesson's exercise
 * check against); grpo-loss.ts is the same objective on tensors.
 *
 * For one prompt, G completions o_1..o_G with rewards r_i. The advantage of o_i is its reward
 * relative to its group:  A_i = (r_i - mean(r)) / (std(r) + eps)  (or without the division).
 * Each completion token k gets the clipped surrogate of PPO with ratio rho = pi_theta / pi_old and a
 * KL penalty to a frozen reference policy, averaged over the completion's tokens and the group:
 *   J = 1/G sum_i 1/|o_i| sum_k [ min(rho A_i, clip(rho, 1 - epsilon, 1 + epsilon) A_i) - beta KL_k ],
 *   KL_k = pi_ref / pi_theta - log(pi_ref / pi_theta) - 1   (the unbiased, always >= 0 estimator).
 * The loss minimised is -J.
 */

export interface AdvantageOptions {
  /** Divide by the group's standard deviation (GRPO's default); false keeps the raw centred reward. */
  scaleByStd?: boolean;
  /** Added to the std so an all-equal group gives 0, not 0/0. */
  eps?: number;
}

/**
 * Advantages of a batch of rewards laid out group after group ([prompts * groupSize]). The std is
 * the population std of the group (divide by G), as GRPO computes it.
 */
export function groupAdvantages(rewards: ArrayLike<number>, groupSize: number, options: AdvantageOptions = {}): Float64Array {
  const { scaleByStd = true, eps = 1e-4 } = options;
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new Error(`groupSize must be a positive integer, got ${groupSize}`);
  if (rewards.length === 0 || rewards.length % groupSize !== 0) throw new Error(`rewards must hold whole groups of ${groupSize}, got ${rewards.length} values`);
  for (let i = 0; i < rewards.length; i++) if (!Number.isFinite(rewards[i])) throw new Error(`rewards[${i}] must be a finite number, got ${rewards[i]}`);
  if (!(eps >= 0)) throw new Error(`eps must be >= 0, got ${eps}`);
  const out = new Float64Array(rewards.length);
  for (let g = 0; g < rewards.length; g += groupSize) {
    let mean = 0;
    for (let i = 0; i < groupSize; i++) mean += rewards[g + i];
    mean /= groupSize;
    let variance = 0;
    for (let i = 0; i < groupSize; i++) variance += (rewards[g + i] - mean) ** 2;
    const std = Math.sqrt(variance / groupSize);
    for (let i = 0; i < groupSize; i++) {
      const centred = rewards[g + i] - mean;
      // an all-equal group has nothing to compare: advantage 0 (even with eps = 0)
      out[g + i] = !scaleByStd ? centred : std + eps > 0 ? centred / (std + eps) : 0;
    }
  }
  return out;
}

export interface GrpoTerms {
  /** Per token [completions * tokens]: log pi_theta, log pi_old, log pi_ref of the completion's tokens. */
  logpNew: ArrayLike<number>;
  logpOld: ArrayLike<number>;
  logpRef: ArrayLike<number>;
  /** One per completion. */
  advantages: ArrayLike<number>;
  /** Tokens per completion (every completion has this many; pad with tokenMask 0). */
  tokens: number;
  /** 1 where a token counts ([completions * tokens]); default all 1. */
  tokenMask?: ArrayLike<number>;
  /** Clip range epsilon of the ratio (d1: 0.2). */
  clip: number;
  /** KL weight beta (d1: 0.04). */
  beta: number;
}

export interface GrpoLossParts {
  /** -J, the number minimised. */
  loss: number;
  /** Mean over completions of the mean per-token KL. */
  kl: number;
  /** Fraction of counted tokens whose ratio was clipped (the min picked the clipped term and they differ). */
  clippedFraction: number;
}

/** The GRPO loss in float64, term by term (the tensor version must agree with it). */
export function grpoLossReference(terms: GrpoTerms): GrpoLossParts {
  const { logpNew, logpOld, logpRef, advantages, tokens, clip, beta } = terms;
  const completions = advantages.length;
  const n = completions * tokens;
  if (!Number.isInteger(tokens) || tokens < 1) throw new Error(`tokens must be a positive integer, got ${tokens}`);
  for (const [name, xs] of [['logpNew', logpNew], ['logpOld', logpOld], ['logpRef', logpRef]] as const) {
    if (xs.length !== n) throw new Error(`${name} must have completions * tokens = ${n} values, got ${xs.length}`);
  }
  if (terms.tokenMask && terms.tokenMask.length !== n) throw new Error(`tokenMask must have ${n} values, got ${terms.tokenMask.length}`);
  if (!(clip > 0 && clip < 1)) throw new Error(`clip must be in (0, 1), got ${clip}`);
  if (!(beta >= 0)) throw new Error(`beta must be >= 0, got ${beta}`);
  let objective = 0;
  let klTotal = 0;
  let clipped = 0;
  let counted = 0;
  for (let i = 0; i < completions; i++) {
    let sum = 0;
    let klSum = 0;
    let count = 0;
    for (let k = 0; k < tokens; k++) {
      const j = i * tokens + k;
      if (terms.tokenMask && !terms.tokenMask[j]) continue;
      const ratio = Math.exp(logpNew[j] - logpOld[j]);
      const a = advantages[i];
      const unclipped = ratio * a;
      const clippedTerm = Math.min(Math.max(ratio, 1 - clip), 1 + clip) * a;
      if (clippedTerm < unclipped) clipped++;
      const kl = Math.exp(logpRef[j] - logpNew[j]) - (logpRef[j] - logpNew[j]) - 1;
      sum += Math.min(unclipped, clippedTerm) - beta * kl;
      klSum += kl;
      count++;
    }
    counted += count;
    if (count > 0) {
      objective += sum / count;
      klTotal += klSum / count;
    }
  }
  return { loss: -objective / completions, kl: klTotal / completions, clippedFraction: counted ? clipped / counted : 0 };
}
