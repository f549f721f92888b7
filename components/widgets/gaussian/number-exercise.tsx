'use client';
/**
 * A small exercise with an automatic check: the reader computes a number by hand (or in a code cell)
 * and the page checks it against the library's value (within a relative tolerance). Passing is
 * recorded in the reader's course progress.
 *
 * Usage in MDX: <NumberExercise question="abar-linear-500" />
 */
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { NumberCheck, type NumberQuestion } from '@/components/widgets/shared/number-check';

const lin = () => linearSchedule();

/** Every question lessons can ask, by id; answers come from lib/ (never typed in by hand). */
export const NUMBER_QUESTIONS: Record<string, NumberQuestion> = {
  'abar-linear-500': {
    prompt: 'With the linear schedule (β from 0.0001 to 0.02 over T = 1000 steps), what is ᾱ at t = 500?',
    answer: () => lin().alphaBars[500],
    tolerance: 0.02,
    hint: 'ᾱ_t is the product of (1 − β_s) for s = 1..t; a sum of logs is easier: ln ᾱ_t = Σ ln(1 − β_s) ≈ −Σ β_s.',
  },
  'sigma-posterior-500': {
    prompt: 'For the linear schedule, what is the reverse-step standard deviation σ_500 with the posterior variance β̃_t = β_t (1 − ᾱ_(t−1)) / (1 − ᾱ_t)?',
    answer: () => Math.sqrt(lin().posteriorVariances[500]),
    tolerance: 0.01,
    hint: 'Three look-ups, then one formula. (1) β_500: lesson 02 (“Schedules”) says the linear schedule spaces β_t evenly from β_1 = 0.0001 to β_1000 = 0.02; count how many of the 999 equal increments lie between step 1 and step 500. (2) ᾱ_499 and ᾱ_500, one step apart: ᾱ_t is the product of (1 − β_s) for s = 1..t (your answer to lesson 02’s ᾱ exercise is ᾱ_500), or print marble.gaussian.linearSchedule().alphaBars[t] from any code cell on this page. (3) Put all three into the posterior variance of “The reverse step” above, β̃_t = β_t (1 − ᾱ_(t−1)) / (1 − ᾱ_t); σ_500 is the square root of β̃_500, not β̃_500 itself.',
  },
  'score-from-eps-200': {
    prompt: 'At t = 200 (linear schedule) the model predicts ε = (0.5, −1.0) at some point. What is the x-component of the score there?',
    answer: () => -0.5 / lin().sqrtOneMinusAlphaBars[200],
    tolerance: 0.01,
    hint: 's = −ε / √(1 − ᾱ_t). Find ᾱ_200 first.',
  },
  'ddim-x0hat-600': {
    prompt: 'DDIM at t = 600 (linear schedule): x_t = 1.2 and the model predicts ε = 0.3 (one coordinate). What is the predicted clean value x̂_0?',
    answer: () => {
      const s = lin();
      return (1.2 - s.sqrtOneMinusAlphaBars[600] * 0.3) / s.sqrtAlphaBars[600];
    },
    tolerance: 0.01,
    hint: 'x̂_0 = (x_t − √(1 − ᾱ_t) ε) / √ᾱ_t.',
  },
  'guidance-w3': {
    prompt: 'One coordinate: the unconditional prediction is ε(x, ∅) = 0.2, the conditional one ε(x, c) = 0.5. What ε does classifier-free guidance use at w = 3?',
    answer: () => 0.2 + 3 * (0.5 - 0.2),
    tolerance: 0.005,
    hint: 'ε = ε(x, ∅) + w (ε(x, c) − ε(x, ∅)).',
  },
};

export function NumberExercise({ question }: { question: string }) {
  return <NumberCheck id={question} question={NUMBER_QUESTIONS[question]} className="exercise" />;
}
