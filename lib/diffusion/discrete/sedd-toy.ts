/**
 * The toy of lesson 08: two positions over three tokens {a, b, c} with a known joint distribution
 * (the positions depend on each other), and the absorbing graph (state 3 = [MASK]). Its concrete
 * score is computed exactly from the closed form q(x_t | x_0) (D3PM's absorbing marginal with
 * keep = e^{-sigma}), so the page can show true ratios without tfjs. Pure.
 */
import { marginal } from './d3pm';

export const TOY_TOKENS = ['a', 'b', 'c', '▒'] as const;
export const TOY_K = 4;
export const TOY_MASK = 3;
export const TOY_LEN = 2;

/** p_0 over the 9 clean pairs: aa 0.4, bc 0.3, cb 0.2, ab 0.1 (the rest 0). */
export const TOY_P0: ReadonlyArray<{ tokens: readonly [number, number]; prob: number }> = [
  { tokens: [0, 0], prob: 0.4 },
  { tokens: [1, 2], prob: 0.3 },
  { tokens: [2, 1], prob: 0.2 },
  { tokens: [0, 1], prob: 0.1 },
];

/** Index of a clean pair (x1, x2) in the 9-outcome table: 3 x1 + x2. */
export function pairIndex(x1: number, x2: number): number {
  return 3 * x1 + x2;
}

export function pairName(index: number): string {
  return TOY_TOKENS[Math.floor(index / 3)] + TOY_TOKENS[index % 3];
}

/** The true distribution as a 9-vector. */
export function toyTruth(): Float64Array {
  const p = new Float64Array(9);
  for (const { tokens, prob } of TOY_P0) p[pairIndex(tokens[0], tokens[1])] += prob;
  return p;
}

/** p_t(x) = sum_{x0} p0(x0) prod_l q(x_l | x0_l) with keep probability e^{-sigma}. */
export function toyMarginal(x: ArrayLike<number>, sigma: number): number {
  if (!(sigma >= 0)) throw new Error(`sigma must be >= 0, got ${sigma}`);
  const keep = Math.exp(-sigma);
  let total = 0;
  for (const { tokens, prob } of TOY_P0) {
    let p = prob;
    for (let l = 0; l < TOY_LEN; l++) p *= marginal('absorbing', TOY_K, tokens[l], keep, TOY_MASK)[x[l]];
    total += p;
  }
  return total;
}

/**
 * The exact concrete score s(x)_{l, y} = p_t(x with x_l = y) / p_t(x), [len * K] row-major
 * (entry y = x_l is 1). Throws when p_t(x) = 0 (x cannot occur at this noise level).
 */
export function toyConcreteScore(x: ArrayLike<number>, sigma: number): Float64Array {
  if (x.length !== TOY_LEN) throw new Error(`x must have length ${TOY_LEN}, got ${x.length}`);
  const px = toyMarginal(x, sigma);
  if (!(px > 0)) throw new Error(`x = ${Array.from(x).join(',')} has probability 0 at sigma = ${sigma}`);
  const out = new Float64Array(TOY_LEN * TOY_K);
  for (let l = 0; l < TOY_LEN; l++) {
    for (let y = 0; y < TOY_K; y++) {
      const changed = Array.from(x);
      changed[l] = y;
      out[l * TOY_K + y] = toyMarginal(changed, sigma) / px;
    }
  }
  return out;
}

/** Empirical distribution of clean pairs; samples still holding [MASK] are counted apart. */
export function empiricalPairs(samples: ReadonlyArray<ArrayLike<number>>): { probs: Float64Array; masked: number } {
  const probs = new Float64Array(9);
  let masked = 0;
  for (const s of samples) {
    if (s[0] === TOY_MASK || s[1] === TOY_MASK) masked++;
    else probs[pairIndex(s[0], s[1])] += 1;
  }
  if (samples.length) for (let i = 0; i < 9; i++) probs[i] /= samples.length;
  return { probs, masked };
}

/** Total variation distance 1/2 sum |p - q|. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`q must have length ${p.length}, got ${q.length}`);
  let d = 0;
  for (let i = 0; i < p.length; i++) d += Math.abs(p[i] - q[i]);
  return d / 2;
}
