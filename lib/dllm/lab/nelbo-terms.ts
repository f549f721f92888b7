/**
 * The MDLM NELBO of one sequence, term by term (lesson 09): mask the answer region at time t, read the
 * model's log-probabilities (carry-over parameterisation), and list -log p_theta(x0 | x_t) for every
 * masked position with the weight w(t) = 1/t (linear schedule). Pure: the logits are passed in.
 */
import { createRng } from '@/lib/math/rng';
import {
  carryOverLogProbs, linearSchedule, maskTokens, maskedCrossEntropy, nelboWeight,
} from '@/lib/diffusion/discrete/mdlm';
import { checkIndex, checkLength, checkPositiveInteger } from '@/lib/diffusion/discrete/categorical';

/**
 * x_t for the answer region [answerStart, len): each token masked with probability t (alpha_t = 1 - t),
 * the prompt left clean, as the shipped model was trained.
 */
export function maskAnswerRegion(tokens: ArrayLike<number>, answerStart: number, t: number, maskId: number, seed: number): Int32Array {
  checkIndex('answerStart', answerStart, tokens.length);
  if (!(t > 0 && t <= 1)) throw new Error(`t must be in (0, 1], got ${t}`);
  const region = Array.from(tokens).slice(answerStart);
  const { noisy } = maskTokens(region, linearSchedule.alpha(t), maskId, createRng(seed));
  const out = Int32Array.from(tokens);
  out.set(noisy, answerStart);
  return out;
}

export interface NelboTerm {
  position: number;
  /** The clean token x0 at this position. */
  target: number;
  /** p_theta(x0 | x_t) and its -log. */
  prob: number;
  nll: number;
  /** The model's most likely token here and its probability. */
  top: number;
  topProb: number;
}

export interface NelboBreakdown {
  t: number;
  /** w(t) = -alpha'_t / (1 - alpha_t) = 1/t. */
  weight: number;
  terms: NelboTerm[];
  /** sum over masked positions of -log p. */
  sumNll: number;
  /** weight * sumNll: this sample's NELBO estimate (nats), computed by maskedCrossEntropy. */
  loss: number;
}

/** Every masked position's term, from logits [len, vocab] of the model run on `noisy`. */
export function nelboBreakdown(logits: ArrayLike<number>, clean: ArrayLike<number>, noisy: ArrayLike<number>, vocab: number, maskId: number, t: number): NelboBreakdown {
  checkPositiveInteger('vocab', vocab);
  checkLength('noisy', noisy.length, clean.length);
  checkLength('logits', logits.length, clean.length * vocab);
  const weight = nelboWeight(linearSchedule, t);
  const logProbs = carryOverLogProbs(logits, noisy, vocab, maskId);
  const terms: NelboTerm[] = [];
  let sumNll = 0;
  for (let l = 0; l < clean.length; l++) {
    if (noisy[l] !== maskId) continue;
    const row = l * vocab;
    let top = -1;
    for (let v = 0; v < vocab; v++) if (v !== maskId && (top < 0 || logProbs[row + v] > logProbs[row + top])) top = v;
    const lp = logProbs[row + clean[l]];
    terms.push({ position: l, target: clean[l], prob: Math.exp(lp), nll: -lp, top, topProb: Math.exp(logProbs[row + top]) });
    sumNll += -lp;
  }
  const loss = maskedCrossEntropy({ logProbs, targets: clean, noisy, vocab, maskId, weight });
  return { t, weight, terms, sumNll, loss };
}
