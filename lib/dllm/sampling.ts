/**
 * Picking a token from one row of logits, on plain arrays (logits are read once per forward pass;
 * the vocabulary is small, so this costs far less than the pass itself).
 */
import type { Rng } from '@/lib/math/rng';

export interface PickOptions {
  /** 0 = greedy (argmax); > 0 samples from softmax(logits / temperature). */
  temperature: number;
  /** Keep only the k most likely tokens before sampling (0 or undefined = all). */
  topK?: number;
  /** Needed when temperature > 0. */
  rng?: Rng;
  /** Token ids that may never be picked (the mask token: the model never predicts [MASK]). */
  banned?: readonly number[];
}

export interface Pick {
  token: number;
  /** softmax(logits)[token] at temperature 1, banned ids removed: the confidence used for remasking. */
  prob: number;
}

/** log softmax of one row with banned ids at -Infinity, in float64. */
export function logSoftmaxRow(logits: ArrayLike<number>, offset: number, vocab: number, banned: readonly number[] = []): Float64Array {
  const out = new Float64Array(vocab);
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) {
    out[v] = logits[offset + v];
  }
  for (const b of banned) out[b] = -Infinity;
  for (let v = 0; v < vocab; v++) if (out[v] > max) max = out[v];
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(out[v] - max);
  const logZ = max + Math.log(sum);
  for (let v = 0; v < vocab; v++) out[v] -= logZ;
  return out;
}

/** Index of the largest entry; ties go to the lowest index so results are reproducible. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Samples an index from log-probabilities (optionally tempered and truncated to the top k). */
export function sampleFromLogProbs(logp: Float64Array, temperature: number, topK: number, rng: Rng): number {
  const vocab = logp.length;
  let allowed: number[] = [];
  for (let v = 0; v < vocab; v++) if (logp[v] > -Infinity) allowed.push(v);
  if (topK > 0 && topK < allowed.length) {
    allowed.sort((a, b) => logp[b] - logp[a] || a - b);
    allowed = allowed.slice(0, topK);
  }
  let max = -Infinity;
  for (const v of allowed) max = Math.max(max, logp[v] / temperature);
  const weights = allowed.map((v) => Math.exp(logp[v] / temperature - max));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < allowed.length; i++) {
    u -= weights[i];
    if (u < 0) return allowed[i];
  }
  return allowed[allowed.length - 1];
}

/** Picks a token from row `row` of a [rows, vocab] logits array. */
export function pickToken(logits: ArrayLike<number>, row: number, vocab: number, options: PickOptions): Pick {
  const logp = logSoftmaxRow(logits, row * vocab, vocab, options.banned);
  let token: number;
  if (options.temperature === 0) {
    token = argmax(logp);
  } else {
    if (!options.rng) throw new Error('pickToken: options.rng is required when temperature > 0');
    token = sampleFromLogProbs(logp, options.temperature, options.topK ?? 0, options.rng);
  }
  return { token, prob: Math.exp(logp[token]) };
}
