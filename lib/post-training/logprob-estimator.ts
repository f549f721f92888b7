/**
 * Two estimates of log p(o | q), the log-probability of a completion o given a prompt q, set against
 * the EXACT value on the known language (lib/data/known-language.ts), where every conditional is
 * computed by enumeration. Using the true conditionals (a perfect model) means every error shown is
 * the estimator's own, not a model's.
 *
 * - d1's one-pass estimate (one-pass-logprob.ts does it with a network): mask the whole completion
 *   and each prompt token with probability `rate`, read log p(o_l | what is visible) at every
 *   completion position, sum. A sum of log-marginals: it ignores the dependence between completion
 *   tokens, so it is BIASED (low on average: the gap is their total correlation), and prompt masking
 *   adds variance and more bias.
 * - The masked-diffusion bound in LLaDA's low-variance form: draw m uniformly in 1..n (n completion
 *   tokens), mask a uniformly random m-subset M of the completion, estimate (n/m) sum_{l in M} log p(o_l | rest).
 *   Its expectation is the any-order autoregressive log-likelihood; with exact conditionals every
 *   order gives log p(o | q), so this estimate is UNBIASED (one draw is noisy; average many).
 */
import type { Rng } from '@/lib/math/rng';
import { enumerateSupport, KNOWN_LANGUAGE, knownLanguageVocab, posteriorGivenUnmasked } from '@/lib/data/known-language';

const VOCAB = knownLanguageVocab(KNOWN_LANGUAGE);

export interface CompletionCase {
  /** A full sequence of the language (prompt and completion). */
  sequence: Int32Array;
  /** 1 where the position belongs to the prompt q. */
  given: Uint8Array;
}

function checkCase(c: CompletionCase): void {
  if (c?.sequence?.length !== VOCAB.length || c.given?.length !== VOCAB.length) throw new Error(`case.sequence and case.given must have ${VOCAB.length} entries`);
  if (!c.given.includes(0)) throw new Error('case.given must leave at least one completion position (a 0)');
}

/** log p(o | q) = log p(x) - log P(sequences that agree with q), by enumeration. */
export function exactCompletionLogProb(c: CompletionCase): number {
  checkCase(c);
  const support = enumerateSupport();
  let joint = 0;
  let prompt = 0;
  for (let n = 0; n < support.count; n++) {
    const row = n * support.length;
    let agreesPrompt = true;
    let agreesAll = true;
    for (let l = 0; l < support.length; l++) {
      if (support.tokens[row + l] !== c.sequence[l]) {
        agreesAll = false;
        if (c.given[l]) { agreesPrompt = false; break; }
      }
    }
    if (agreesPrompt) prompt += support.probs[n];
    if (agreesAll) joint += support.probs[n];
  }
  if (!(joint > 0)) throw new Error('case.sequence is not a sequence of the language');
  return Math.log(joint) - Math.log(prompt);
}

function logPosteriorAt(post: Float64Array, l: number, token: number): number {
  return Math.log(Math.max(post[l * VOCAB.size + token], 1e-300));
}

/** One draw of d1's one-pass estimate with prompt-mask rate `rate`. */
export function onePassEstimate(c: CompletionCase, rate: number, rng: Rng): number {
  checkCase(c);
  if (!(rate >= 0 && rate < 1)) throw new Error(`rate must be in [0, 1), got ${rate}`);
  const visible = Int32Array.from(c.sequence);
  for (let l = 0; l < visible.length; l++) if (!c.given[l] || rng.next() < rate) visible[l] = VOCAB.mask;
  const post = posteriorGivenUnmasked(visible);
  let sum = 0;
  for (let l = 0; l < visible.length; l++) if (!c.given[l]) sum += logPosteriorAt(post, l, c.sequence[l]);
  return sum;
}

/** One draw of the masked-diffusion bound (LLaDA's m-uniform form), prompt kept clean. */
export function boundEstimate(c: CompletionCase, rng: Rng): number {
  checkCase(c);
  const completion: number[] = [];
  for (let l = 0; l < VOCAB.length; l++) if (!c.given[l]) completion.push(l);
  const n = completion.length;
  const m = 1 + rng.int(n);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [completion[i], completion[j]] = [completion[j], completion[i]];
  }
  const masked = completion.slice(0, m);
  const visible = Int32Array.from(c.sequence);
  for (const l of masked) visible[l] = VOCAB.mask;
  const post = posteriorGivenUnmasked(visible);
  let sum = 0;
  for (const l of masked) sum += logPosteriorAt(post, l, c.sequence[l]);
  return (n / m) * sum;
}

export interface DrawSummary {
  mean: number;
  /** Standard deviation of one draw. */
  sd: number;
  /** Standard error of the mean. */
  se: number;
  draws: number;
}

export function summarise(values: number[]): DrawSummary {
  if (values.length === 0) throw new Error('values must not be empty');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
  const sd = Math.sqrt(variance);
  return { mean, sd, se: sd / Math.sqrt(values.length), draws: values.length };
}

export interface EstimatorComparison {
  exact: number;
  onePass: DrawSummary;
  bound: DrawSummary;
}

/** Exact value and `draws` draws of each estimator for one case. */
export function compareEstimators(c: CompletionCase, options: { rate: number; draws: number; rng: Rng }): EstimatorComparison {
  const { rate, draws, rng } = options;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${draws}`);
  // With rate 0 the one-pass estimate is deterministic: one draw is all of them.
  const onePass = Array.from({ length: rate === 0 ? 1 : draws }, () => onePassEstimate(c, rate, rng));
  const bound = Array.from({ length: draws }, () => boundEstimate(c, rng));
  return { exact: exactCompletionLogProb(c), onePass: summarise(onePass), bound: summarise(bound) };
}
