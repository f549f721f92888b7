/**
 * The code exercises of lessons 00-09: one function per lesson, the lesson's key idea in code.
 * A lesson binds a cell to one with ```ts run check=ID```; the cell worker checks the reader's
 * function against the library on seeded random inputs (./cases) and names the first failing case.
 * Solutions use only what a cell has in scope (`marble`, `tf`, plain TypeScript).
 */
import type { CodeExercise } from './types';
import { FAST_EXERCISES } from './fast-exercises';
import { POST_TRAINING_EXERCISES } from './post-training-exercises';

const exercises: CodeExercise[] = [
  {
    id: 'forward-passes',
    lesson: 'welcome',
    title: 'Count the forward passes',
    functionName: 'forwardPasses',
    task: 'forwardPasses(length, tokensPerStep) returns how many forward passes write `length` tokens when each pass commits at most `tokensPerStep` of them.',
    hints: [
      'Try length = 10 and tokensPerStep = 3 by hand: three full passes write 9 tokens, and one token is left.',
      'A partly filled last step still costs a whole pass: round up.',
    ],
    solution: 'function forwardPasses(length: number, tokensPerStep: number): number {\n  return Math.ceil(length / tokensPerStep);\n}\n',
  },
  {
    id: 'top-k-probs',
    lesson: 'autoregression',
    title: 'Temperature and top-k',
    functionName: 'topKProbs',
    task: 'topKProbs(logits, temperature, k) returns the distribution a sampler draws the next token from: softmax(logits / temperature), restricted to the k most likely tokens and renormalised (k = 0 keeps them all). One probability per token, 0 outside the top k.',
    hints: [
      'Work in three steps: divide every logit by the temperature, keep the k largest (their indices), then softmax over those only.',
      'Which tokens are the top k does not depend on the temperature (dividing by T > 0 keeps the order), but their probabilities do.',
      'Subtract the largest kept logit before Math.exp so large logits do not overflow, and make sure the kept probabilities sum to 1.',
    ],
    solution: `function topKProbs(logits: number[], temperature: number, k: number): number[] {
  const order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  const kept = k > 0 ? order.slice(0, k) : order;
  const max = Math.max(...kept.map((i) => logits[i] / temperature));
  const probs = logits.map(() => 0);
  let total = 0;
  for (const i of kept) { probs[i] = Math.exp(logits[i] / temperature - max); total += probs[i]; }
  return probs.map((p) => p / total);
}
`,
  },
  {
    id: 'noisy-at',
    lesson: 'noise',
    title: 'Jump straight to step t',
    functionName: 'noisyAt',
    task: 'noisyAt(x0, eps, t) returns x_t for the linear schedule of T = 1000 steps, in one jump from x_0 with the standard normal draw eps (t from 0 to 1000). `schedule` is defined for you in the cell.',
    hints: [
      'The closed form needs the cumulative product abar_t, not the one-step alpha_t: schedule.alphaBars[t].',
      'x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, coordinate by coordinate.',
    ],
    solution: `const schedule = marble.gaussian.linearSchedule();
function noisyAt(x0: number[], eps: number[], t: number): number[] {
  const abar = schedule.alphaBars[t];
  return x0.map((x, i) => Math.sqrt(abar) * x + Math.sqrt(1 - abar) * eps[i]);
}
`,
  },
  {
    id: 'ddpm-step',
    lesson: 'ddpm',
    title: 'One DDPM step',
    functionName: 'ddpmStep',
    task: 'ddpmStep(x, eps, z, t) returns x_{t-1} from x_t, the predicted noise eps and a standard normal draw z, with the posterior variance sigma_t^2 = betatilde_t and no noise at t = 1 (linear schedule, T = 1000; `schedule` is defined for you).',
    hints: [
      'The mean is (x_t - beta_t / sqrt(1 - abar_t) * eps) / sqrt(alpha_t): three numbers from the schedule (betas, sqrtOneMinusAlphaBars, alphas).',
      'The noise scale is sqrt(schedule.posteriorVariances[t]), not sqrt(beta_t).',
      'At t = 1 the step returns the mean: adding noise there would blur the final sample.',
    ],
    solution: `const schedule = marble.gaussian.linearSchedule();
function ddpmStep(x: number[], eps: number[], z: number[], t: number): number[] {
  const coef = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t];
  const sigma = t > 1 ? Math.sqrt(schedule.posteriorVariances[t]) : 0;
  return x.map((xi, i) => (xi - coef * eps[i]) / Math.sqrt(schedule.alphas[t]) + sigma * z[i]);
}
`,
  },
  {
    id: 'gaussian-score',
    lesson: 'score',
    title: 'The score of a noised Gaussian',
    functionName: 'gaussianScore',
    task: 'gaussianScore(x, t, mean, std) returns the score grad log p_t(x) at step t when the data is x_0 ~ N(mean, diag(std^2)) and noise follows the linear schedule (T = 1000; `schedule` is defined for you). One number per coordinate.',
    hints: [
      'x_t = sqrt(abar) x_0 + sqrt(1 - abar) eps is Gaussian too: find its mean and variance per coordinate.',
      'Its mean is sqrt(abar) * mean and its variance abar * std^2 + (1 - abar).',
      'The score of N(m, v) is -(x - m) / v.',
    ],
    solution: `const schedule = marble.gaussian.linearSchedule();
function gaussianScore(x: number[], t: number, mean: number[], std: number[]): number[] {
  const abar = schedule.alphaBars[t];
  return x.map((xi, i) => -(xi - Math.sqrt(abar) * mean[i]) / (abar * std[i] ** 2 + 1 - abar));
}
`,
  },
  {
    id: 'ddim-step',
    lesson: 'ddim',
    title: 'One deterministic DDIM jump',
    functionName: 'ddimStep',
    task: 'ddimStep(x, eps, t, tPrev) returns x_tPrev from x_t with eta = 0 (no noise), for any tPrev < t, tPrev = 0 included (linear schedule, T = 1000; `schedule` is defined for you).',
    hints: [
      'First estimate the clean point: x0hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t).',
      'Then re-noise it to tPrev with the same eps: sqrt(abar_tPrev) x0hat + sqrt(1 - abar_tPrev) eps.',
    ],
    solution: `const schedule = marble.gaussian.linearSchedule();
function ddimStep(x: number[], eps: number[], t: number, tPrev: number): number[] {
  const a = schedule.alphaBars[t], ap = schedule.alphaBars[tPrev];
  return x.map((xi, i) => {
    const x0hat = (xi - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a);
    return Math.sqrt(ap) * x0hat + Math.sqrt(1 - ap) * eps[i];
  });
}
`,
  },
  {
    id: 'guided-eps',
    lesson: 'guidance',
    title: 'Classifier-free guidance',
    functionName: 'guidedEps',
    task: 'guidedEps(epsUncond, epsCond, w) combines the two predictions with Marble\'s convention: w = 0 is the unconditional model, w = 1 the conditional one, w > 1 pushes further toward the class.',
    hints: [
      'Start from the unconditional prediction and move along the difference (epsCond - epsUncond).',
      'Check your formula at w = 0 and w = 1: it must return epsUncond and epsCond exactly.',
    ],
    solution: `function guidedEps(epsUncond: number[], epsCond: number[], w: number): number[] {
  return epsUncond.map((u, i) => u + w * (epsCond[i] - u));
}
`,
  },
  {
    id: 'absorbing-posterior',
    lesson: 'discrete',
    title: 'The absorbing posterior',
    functionName: 'absorbingPosterior',
    task: 'absorbingPosterior(xt, x0, k, betaT, keepPrev) returns q(x_{t-1} | x_t, x_0) over k states for the absorbing process ([MASK] is state k - 1): betaT is the step\'s masking probability, keepPrev = abar_{t-1} the chance a token survived the earlier steps.',
    hints: [
      'If x_t is not [MASK], the token was never masked, so x_{t-1} = x_t for certain.',
      'If x_t is [MASK], only two states are possible at t - 1: still x_0 (kept until t - 1, then masked at step t) or already [MASK].',
      'Bayes: weight x_0 by keepPrev * betaT and [MASK] by (1 - keepPrev) * 1, then normalise.',
    ],
    solution: `function absorbingPosterior(xt: number, x0: number, k: number, betaT: number, keepPrev: number): number[] {
  const mask = k - 1;
  const p = new Array(k).fill(0);
  if (xt !== mask) { p[xt] = 1; return p; }
  const clean = keepPrev * betaT, masked = 1 - keepPrev;
  p[x0] += clean / (clean + masked);
  p[mask] += masked / (clean + masked);
  return p;
}
`,
  },
  {
    id: 'score-entropy',
    lesson: 'sedd',
    title: 'Denoising score entropy at a masked position',
    functionName: 'scoreEntropyAtMask',
    task: 'scoreEntropyAtMask(score, x0, sigma) returns the denoising score entropy (without the time weight sigma\'(t)) of one position that is [MASK] at noise level sigma, on the absorbing graph with k = score.length states ([MASK] is the last). score[y] > 0 is the model\'s ratio for turning the mask into y; score[mask] is ignored.',
    hints: [
      'Every y other than [MASK] contributes, each with weight Q(y -> MASK) = 1, the term s_y - r_y log s_y + r_y (log r_y - 1).',
      'The true ratio r_y = p(y | x0) / p(MASK | x0) is 0 for every y except x0, so those terms are just s_y.',
      'For y = x0: p(x0 | x0) = e^-sigma and p(MASK | x0) = 1 - e^-sigma, so r = 1 / (e^sigma - 1). With the constant term the loss is exactly 0 when score equals the true ratios.',
    ],
    solution: `function scoreEntropyAtMask(score: number[], x0: number, sigma: number): number {
  const mask = score.length - 1;
  const r = 1 / Math.expm1(sigma);
  let total = 0;
  for (let y = 0; y < mask; y++) {
    const s = score[y];
    total += y === x0 ? s - r * Math.log(s) + r * (Math.log(r) - 1) : s;
  }
  return total;
}
`,
  },
  {
    id: 'masked-diffusion-loss',
    lesson: 'masked-diffusion',
    title: 'The MDLM loss of one sequence',
    functionName: 'maskedDiffusionLoss',
    task: 'maskedDiffusionLoss(logProbs, targets, noisy, maskId, t) returns one term of the MDLM NELBO with the linear schedule: logProbs[l][v] = log p_theta(x_0^l = v | x_t), targets = x_0, noisy = x_t (maskId where masked), t in (0, 1].',
    hints: [
      'Only masked positions count: carry-over gets every other position right for free.',
      'Sum -logProbs[l][targets[l]] over the masked positions (a sum, not a mean).',
      'The linear schedule alpha_t = 1 - t gives the weight -alpha\'_t / (1 - alpha_t) = 1/t: multiply the sum by it.',
    ],
    solution: `function maskedDiffusionLoss(logProbs: number[][], targets: number[], noisy: number[], maskId: number, t: number): number {
  let sum = 0;
  for (let l = 0; l < targets.length; l++) if (noisy[l] === maskId) sum -= logProbs[l][targets[l]];
  return sum / t;
}
`,
  },
  ...FAST_EXERCISES,
  ...POST_TRAINING_EXERCISES,
];

/** Code exercises by id. */
export const CODE_EXERCISES: Readonly<Record<string, CodeExercise>> = Object.fromEntries(exercises.map((e) => [e.id, e]));

export function findCodeExercise(id: string): CodeExercise | null {
  return Object.prototype.hasOwnProperty.call(CODE_EXERCISES, id) ? CODE_EXERCISES[id] : null;
}
