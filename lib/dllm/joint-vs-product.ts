/**
 * Why committing two dependent tokens in one pass goes wrong, computed exactly (lesson 12). A
 * model that predicts each masked position separately gives marginals; committing both at once
 * samples from their PRODUCT, which differs from the joint whenever the positions depend on each
 * other. On two positions over K tokens the joint is a K x K table, so every quantity here is an
 * exact sum, no sampling.
 */
import { TOY_P0 } from '@/lib/diffusion/discrete/sedd-toy';

export interface PairJoint {
  /** The K token names. */
  tokens: readonly string[];
  /** Row-major K x K: probs[K * a + b] = p(x1 = a, x2 = b). Sums to 1. */
  probs: Float64Array;
}

export function checkJoint(joint: PairJoint, fn = 'checkJoint'): number {
  const k = joint?.tokens?.length ?? 0;
  if (k < 2) throw new Error(`${fn}: joint.tokens must name at least 2 tokens, got ${k}`);
  if (!joint.probs || joint.probs.length !== k * k) throw new Error(`${fn}: joint.probs must hold ${k * k} numbers (K x K), got ${joint.probs?.length}`);
  let sum = 0;
  for (const p of joint.probs) {
    if (!(p >= 0)) throw new Error(`${fn}: joint.probs must be non-negative numbers, got ${p}`);
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new Error(`${fn}: joint.probs must sum to 1, got ${sum}`);
  return k;
}

/** Lesson 08's toy: aa 0.4, bc 0.3, cb 0.2, ab 0.1. */
export function lessonEightJoint(): PairJoint {
  const probs = new Float64Array(9);
  for (const { tokens, prob } of TOY_P0) probs[3 * tokens[0] + tokens[1]] += prob;
  return { tokens: ['a', 'b', 'c'], probs };
}

/** A letter and its mirror (lesson 09's known language in miniature): x2 always equals x1. */
export function mirrorJoint(letters: readonly string[] = ['a', 'b', 'c']): PairJoint {
  const k = letters.length;
  const probs = new Float64Array(k * k);
  for (let a = 0; a < k; a++) probs[k * a + a] = 1 / k;
  return { tokens: letters, probs };
}

/** Marginals of the two positions: [p(x1), p(x2)]. */
export function marginalsOf(joint: PairJoint): [Float64Array, Float64Array] {
  const k = checkJoint(joint, 'marginalsOf');
  const first = new Float64Array(k);
  const second = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      first[a] += joint.probs[k * a + b];
      second[b] += joint.probs[k * a + b];
    }
  }
  return [first, second];
}

/** p(x1) p(x2) as a K x K table: what sampling both positions independently in one pass produces. */
export function productOfMarginals(joint: PairJoint): Float64Array {
  const k = joint.tokens.length;
  const [first, second] = marginalsOf(joint);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[k * a + b] = first[a] * second[b];
  return out;
}

/** Probability the product puts on pairs that never occur (joint probability 0). */
export function impossibleMass(joint: PairJoint): number {
  const product = productOfMarginals(joint);
  let mass = 0;
  joint.probs.forEach((p, i) => { if (p === 0) mass += product[i]; });
  return mass;
}

/** Total variation distance between two distributions over the same outcomes. */
export function totalVariation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`totalVariation: lengths differ (${a.length} vs ${b.length})`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / 2;
}

/** KL(joint || product) in nats: the total correlation, zero exactly when the positions are independent. */
export function totalCorrelation(joint: PairJoint): number {
  const product = productOfMarginals(joint);
  let kl = 0;
  joint.probs.forEach((p, i) => { if (p > 0) kl += p * Math.log(p / product[i]); });
  return kl;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The most likely pair under the joint, and the pair greedy parallel decoding picks (argmax of each marginal). */
export function greedyPairs(joint: PairJoint): { joint: [number, number]; product: [number, number]; productPairProbability: number } {
  const k = checkJoint(joint, 'greedyPairs');
  const best = argmax(joint.probs);
  const [first, second] = marginalsOf(joint);
  const a = argmax(first);
  const b = argmax(second);
  return { joint: [Math.floor(best / k), best % k], product: [a, b], productPairProbability: joint.probs[k * a + b] };
}

export interface ThresholdOutcome {
  /** Confidence of each position on the first pass: its largest marginal probability. */
  confidences: [number, number];
  /** True when the rule commits both positions on the first pass (both above tau). */
  together: boolean;
  /** Exact distribution of the decoded pair (sampling each committed token from the model). */
  outcome: Float64Array;
  /** TV distance from the joint; 0 when the positions are decoded one after the other. */
  error: number;
  /** Probability of a pair that never occurs. */
  impossible: number;
  /** Forward passes used: 1 together, 2 one after the other. */
  passes: number;
}

/**
 * Decodes the pair from two masks with the confidence-threshold rule, exactly: every position
 * whose confidence exceeds tau is committed on the first pass (at least the most confident one).
 * Both together: the pair is drawn from the product of marginals. One at a time: the second token
 * is drawn from its conditional given the first, so the pair follows the joint exactly (the model
 * is assumed perfect, so only the decoding rule can add error).
 */
export function thresholdOutcome(joint: PairJoint, tau: number): ThresholdOutcome {
  checkJoint(joint, 'thresholdOutcome');
  if (!Number.isFinite(tau)) throw new Error(`thresholdOutcome: tau must be a finite number, got ${tau}`);
  const [first, second] = marginalsOf(joint);
  const confidences: [number, number] = [Math.max(...first), Math.max(...second)];
  const together = confidences[0] > tau && confidences[1] > tau;
  const outcome = together ? productOfMarginals(joint) : Float64Array.from(joint.probs);
  const zero = (i: number) => joint.probs[i] === 0;
  let impossible = 0;
  outcome.forEach((p, i) => { if (zero(i)) impossible += p; });
  return { confidences, together, outcome, error: totalVariation(outcome, joint.probs), impossible, passes: together ? 1 : 2 };
}

/**
 * Fast-dLLM's condition for greedy parallel decoding to be safe: with n positions whose
 * confidences all exceed 1 - eps and (n + 1) eps <= 1, the argmax of the product equals the argmax
 * of the joint. Returns whether the condition holds for these confidences (eps = 1 - the lowest).
 */
export function greedySafetyCondition(confidences: readonly number[]): boolean {
  if (confidences.length === 0) return true;
  const eps = 1 - Math.min(...confidences);
  return (confidences.length + 1) * eps <= 1;
}
