'use client';
/**
 * An exercise with an automatic check for the discrete-diffusion lessons: the reader computes a
 * number (by hand or in a code cell) and the page checks it against lib/'s value within a relative
 * tolerance. Passing is saved to the reader's progress.
 *
 * Usage in MDX: <DiscreteExercise question="uniform-stay" />
 */
import { marginal } from '@/lib/diffusion/discrete/d3pm';
import { linearSchedule, maskedCrossEntropy, nelboWeight } from '@/lib/diffusion/discrete/mdlm';
import { NumberCheck, type NumberQuestion } from '@/components/widgets/shared/number-check';


/** Every question, by id; answers come from lib/ (never typed in by hand). */
export const DISCRETE_QUESTIONS: Record<string, NumberQuestion> = {
  'uniform-stay': {
    prompt: 'Uniform D3PM over K = 47 characters. At a time where ᾱ_t = 0.6, what is the probability that x_t still equals x_0?',
    answer: () => marginal('uniform', 47, 0, 0.6)[0],
    tolerance: 0.002,
    hint: 'A token survives with probability ᾱ_t; a corrupted token is redrawn uniformly and may land on x_0 again by chance (1 in K).',
    solution: 'ᾱ_t + (1 − ᾱ_t)/K = 0.6 + 0.4/47 ≈ 0.6085.',
  },
  'absorbing-ratio': {
    prompt: 'Absorbing graph, total noise σ = 0.5. A position is [MASK] and its clean token was "a". What is the ratio r = p_t|0(a | a) / p_t|0([MASK] | a) that the score must learn there?',
    answer: () => {
      const p = marginal('absorbing', 4, 0, Math.exp(-0.5), 3);
      return p[0] / p[3];
    },
    tolerance: 0.002,
    hint: 'The token survives with probability e^(−σ) and is masked otherwise: r = e^(−σ) / (1 − e^(−σ)) = 1 / (e^σ − 1).',
    solution: '1 / (e^0.5 − 1) = 1 / 0.6487 ≈ 1.5415.',
  },
  'nelbo-three-masks': {
    prompt: 'MDLM with the linear schedule at t = 0.25. Three positions are masked, and the model gives the true tokens probabilities 0.5, 0.8 and 0.1. What is this sample\'s NELBO term (in nats)?',
    answer: () => {
      // three masked positions, vocab 2 (token 0 = the true token, 1 = [MASK]); log-probs of the truth
      const logProbs = [Math.log(0.5), -Infinity, Math.log(0.8), -Infinity, Math.log(0.1), -Infinity];
      return maskedCrossEntropy({ logProbs, targets: [0, 0, 0], noisy: [1, 1, 1], vocab: 2, maskId: 1, weight: nelboWeight(linearSchedule, 0.25) });
    },
    tolerance: 0.002,
    hint: 'Sum −log p over the masked positions, then multiply by the weight w(t) = 1/t.',
    solution: '(1/0.25) × (−ln 0.5 − ln 0.8 − ln 0.1) = 4 × 3.2189 ≈ 12.876.',
  },
};

export function DiscreteExercise({ question }: { question: string }) {
  return <NumberCheck id={question} question={DISCRETE_QUESTIONS[question]} className="discrete-exercise" />;
}
