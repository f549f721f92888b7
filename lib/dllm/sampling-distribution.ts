/**
 * The distribution a sampler draws the next token from, as numbers to show: softmax of the
 * log-probabilities divided by the temperature, over the top k tokens (ties to the lower index), as
 * sampleFromLogProbs in ./sampling.ts draws (the unit test sweeps that sampler against this). Pure.
 */
import { logSoftmaxRow } from './sampling';

/** One probability per token; 0 outside the top k (k = 0 keeps every token with finite logit). */
export function temperedTopKProbs(logits: ArrayLike<number>, temperature: number, k: number): number[] {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new Error(`temperedTopKProbs: temperature must be a finite number > 0, got ${temperature}`);
  if (!Number.isInteger(k) || k < 0) throw new Error(`temperedTopKProbs: k must be an integer >= 0, got ${k}`);
  const logp = logSoftmaxRow(logits, 0, logits.length);
  let kept = Array.from(logp.keys()).filter((i) => logp[i] > -Infinity);
  if (k > 0 && k < kept.length) kept = kept.sort((a, b) => logp[b] - logp[a] || a - b).slice(0, k);
  const max = Math.max(...kept.map((i) => logp[i] / temperature));
  const probs = new Array<number>(logits.length).fill(0);
  let total = 0;
  for (const i of kept) {
    probs[i] = Math.exp(logp[i] / temperature - max);
    total += probs[i];
  }
  return probs.map((p) => p / total);
}
