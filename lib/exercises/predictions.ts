/**
 * Predict-then-check questions, one or more per lesson: the reader commits to an answer, then the
 * page says whether it was right, why, where to watch it in the lesson, and (where the library can
 * compute it in a blink) the numbers themselves. Reveal functions use pure modules only (no tfjs),
 * because they run on the page; test/lib/exercises/predictions.test.ts checks every answer against
 * the library's tensor code or the shipped manifests.
 */
import { cosineSchedule, linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { closedFormCumulative, posterior, transitionMatrix } from '@/lib/diffusion/discrete/d3pm';
import { TOY_P0, TOY_TOKENS } from '@/lib/diffusion/discrete/sedd-toy';
import { createRng } from '@/lib/math/rng';
import { sequenceOf } from '@/lib/data/known-language';
import { exactCompletionLogProb, onePassEstimate } from '@/lib/post-training/logprob-estimator';
import type { PredictionQuestion, RevealedValue } from './types';

/** First step t at which abar_t drops below 1/2 (SNR below 1). */
export function snrCrossing(abar: ArrayLike<number>): number {
  for (let t = 1; t < abar.length; t++) if (abar[t] < 0.5) return t;
  return -1;
}

/**
 * The weight the evidence bound puts on ||eps - eps_theta||^2 at step t, for DDPM's reverse
 * variance sigma_t^2: beta_t^2 / (2 sigma_t^2 alpha_t (1 - abar_t)) (Ho et al. 2020, Eq. 12 context).
 * With sigma_t^2 = beta_t it is beta_t / (2 alpha_t (1 - abar_t)).
 */
export function elboEpsWeight(beta: number, alpha: number, abar: number, sigma2: number): number {
  return (beta * beta) / (2 * sigma2 * alpha * (1 - abar));
}

/** Stationary variance of unadjusted Langevin x <- x + (delta/2) s(x) + sqrt(delta) z on N(0, 1). */
export function langevinStationaryVariance(delta: number): number {
  // x' = (1 - delta/2) x + sqrt(delta) z  =>  v = (1 - delta/2)^2 v + delta  =>  v = 1 / (1 - delta/4).
  return 1 / (1 - delta / 4);
}

/**
 * Exact CFG at t = 0 on 1D Gaussians: unconditional N(0, 1), class N(mu, s^2). The guided score
 * (1 - w) s_uncond + w s_cond is the score of the tilted density p^(1-w) p_c^w, a Gaussian with
 * precision (1 - w) + w / s^2. (Only at t = 0: at t > 0 the guided eps is not the score of any
 * noised tilted density, lesson 06.)
 */
export function tiltedGaussian(mu: number, s: number, w: number): { mean: number; std: number } {
  const precision = (1 - w) + w / (s * s);
  if (!(precision > 0)) throw new Error(`tiltedGaussian: precision (1 - w) + w / s^2 must be > 0, got ${precision}`);
  return { mean: (w * mu) / (s * s) / precision, std: 1 / Math.sqrt(precision) };
}

const f3 = (x: number) => x.toFixed(3);

function revealOnePassBias(): RevealedValue[] {
  // prompt = separator and end only; the sequence a a b c c c e | e c c c b a a .
  const sequence = sequenceOf([0, 0, 1, 2, 2, 2, 4]);
  const given = new Uint8Array(sequence.length);
  given[7] = 1;
  given[15] = 1;
  const c = { sequence, given };
  return [
    { label: 'exact log p(o | q) for aabccce|ecccbaa.', value: f3(exactCompletionLogProb(c)) },
    { label: 'one-pass estimate (14 letters, each 1/5 alone)', value: f3(onePassEstimate(c, 0, createRng(1))) },
  ];
}

function revealSnr(): RevealedValue[] {
  return [
    { label: 'linear schedule: abar_t < 1/2 from t =', value: String(snrCrossing(linearSchedule().alphaBars)) },
    { label: 'cosine schedule: abar_t < 1/2 from t =', value: String(snrCrossing(cosineSchedule().alphaBars)) },
  ];
}

function revealElboWeight(): RevealedValue[] {
  const s = linearSchedule();
  const at = (t: number) => elboEpsWeight(s.betas[t], s.alphas[t], s.alphaBars[t], s.posteriorVariances[t]);
  return [2, 10, 100, 500, 1000].map((t) => ({ label: `true weight at t = ${t} (L_simple: 1 at every t)`, value: at(t).toPrecision(3) }));
}

function revealLangevin(): RevealedValue[] {
  return [0.01, 0.1, 0.5, 1].map((delta) => ({ label: `step ${delta}: stationary variance 1 / (1 - delta/4)`, value: langevinStationaryVariance(delta).toFixed(4) }));
}

function revealDdimEta(): RevealedValue[] {
  const s = linearSchedule();
  const sigma2 = (t: number, tPrev: number) => ((1 - s.alphaBars[tPrev]) / (1 - s.alphaBars[t])) * (1 - s.alphaBars[t] / s.alphaBars[tPrev]);
  return [
    { label: 'eta = 1, t = 500 -> 499: sigma^2', value: sigma2(500, 499).toExponential(4) },
    { label: 'DDPM posterior variance betatilde_500', value: s.posteriorVariances[500].toExponential(4) },
    { label: 'DDPM beta_500', value: s.betas[500].toExponential(4) },
    { label: 'eta = 1, t = 500 -> 480 (a 50-step grid): sigma^2', value: sigma2(500, 480).toExponential(4) },
  ];
}

function revealCfg(): RevealedValue[] {
  const rows: RevealedValue[] = [{ label: 'the class itself', value: 'mean 2.000, std 0.500' }];
  for (const w of [1, 2, 4]) {
    const g = tiltedGaussian(2, 0.5, w);
    rows.push({ label: `guided, w = ${w}`, value: `mean ${f3(g.mean)}, std ${f3(g.std)}` });
  }
  return rows;
}

function revealRevisable(): RevealedValue[] {
  const k = 5, mask = 4, beta = 0.2, keepPrev = 0.5;
  const uniformPost = posterior(transitionMatrix('uniform', k, beta), closedFormCumulative('uniform', k, keepPrev), k, 1, 1);
  const absorbingPost = posterior(transitionMatrix('absorbing', k, beta, mask), closedFormCumulative('absorbing', k, keepPrev, mask), k, 1, 1);
  return [
    { label: 'absorbing: P(x_{t-1} differs from a committed x_t = b)', value: f3(1 - absorbingPost[1]) },
    { label: 'uniform: P(x_{t-1} differs from x_t = b)', value: f3(1 - uniformPost[1]) },
  ];
}

function revealProduct(): RevealedValue[] {
  const first = [0, 0, 0], second = [0, 0, 0];
  for (const { tokens, prob } of TOY_P0) { first[tokens[0]] += prob; second[tokens[1]] += prob; }
  const joint = (a: number, b: number) => TOY_P0.find((p) => p.tokens[0] === a && p.tokens[1] === b)?.prob ?? 0;
  const name = (a: number, b: number) => `${TOY_TOKENS[a]}${TOY_TOKENS[b]}`;
  return [[0, 0], [0, 2], [1, 1]].map(([a, b]) => ({
    label: `${name(a, b)}: joint vs product of marginals`,
    value: `${joint(a, b).toFixed(2)} vs ${(first[a] * second[b]).toFixed(2)}`,
  }));
}

const questions: PredictionQuestion[] = [
  {
    id: 'race-wall-clock',
    lesson: 'welcome',
    prompt: 'In the race, the diffusion model needs several times fewer forward passes than its autoregressive twin. Will it also finish several times sooner on the machine you are reading this on?',
    options: [
      { id: 'same-ratio', label: 'Yes: fewer passes means proportionally less time.' },
      { id: 'depends', label: 'Not necessarily: each of its passes processes a whole block, so on a processor it may gain little or even lose; on a GPU it gains more.' },
      { id: 'never', label: 'No: diffusion is always slower in wall-clock time.' },
    ],
    answer: 'depends',
    explanation: 'A one-token pass of the autoregressive twin leaves a GPU mostly idle (it is limited by reading the weights from memory), so a pass over a whole block costs about the same and the pass count is what matters. On a processor (wasm, cpu), the cost of a pass grows with the tokens in it, so fewer but wider passes save much less. Read both counters in the race: passes and seconds.',
    seeItIn: 'the race just below: compare the forward-pass counters with the elapsed times, and the backend named in the header',
  },
  {
    id: 'kv-cache-passes',
    lesson: 'autoregression',
    prompt: 'The key–value cache makes each autoregressive step cheaper. To write 64 characters, how many sequential forward passes does the cached twin need, compared with the uncached one?',
    options: [
      { id: 'fewer', label: 'Fewer: the cache skips passes.' },
      { id: 'same', label: 'The same, one per character: each pass is cheaper, not skipped.' },
      { id: 'more', label: 'More: it has to fill the cache first.' },
    ],
    answer: 'same',
    explanation: 'The cache stores keys and values so a step runs the network on one new token instead of the whole prefix: less work per pass, the same number of passes. Only methods that propose several tokens per pass (speculative decoding, multi-token prediction, diffusion) lower the count.',
    seeItIn: 'the race in "The key–value cache": the forward-pass counters of the cached and uncached twins',
  },
  {
    id: 'cosine-snr-crossing',
    lesson: 'noise',
    prompt: 'With T = 1000, the linear schedule already has more noise than signal (abar_t < 1/2) at about t = 260. Where does the cosine schedule cross that line?',
    options: [
      { id: 'earlier', label: 'Earlier, around t = 100.' },
      { id: 'same', label: 'About the same place, around t = 260.' },
      { id: 'middle', label: 'Near the middle, around t = 500.' },
      { id: 'late', label: 'Late, around t = 900.' },
    ],
    answer: 'middle',
    explanation: 'The cosine schedule was designed to destroy information more evenly: abar_t = cos^2 of a ramp, which passes 1/2 close to the middle of the run. The linear schedule spends its last ~700 steps on almost pure noise.',
    seeItIn: 'the schedule curves above (SNR = 1 is where the curves cross abar = 0.5)',
    reveal: revealSnr,
  },
  {
    id: 'elbo-weight-shape',
    lesson: 'ddpm',
    prompt: 'The evidence bound weighs the noise-prediction error at step t by a factor; L_simple replaces every factor by 1. Where is the true factor largest?',
    options: [
      { id: 'small-t', label: 'At small t (little noise): the bound cares most about the last, finest steps.' },
      { id: 'flat', label: 'It is already nearly flat, so dropping it changes little.' },
      { id: 'large-t', label: 'At large t (mostly noise).' },
    ],
    answer: 'small-t',
    explanation: 'With sigma_t^2 = betatilde_t the factor is beta_t / (2 alpha_t (1 - abar_{t-1})): about 0.5 at t = 2 and about 0.01 near t = 1000. L_simple therefore up-weights the noisy steps relative to the bound, which improves samples at some cost in likelihood, as Ho et al. report.',
    seeItIn: 'the plot cell under "From the evidence bound to the noise loss"',
    reveal: revealElboWeight,
  },
  {
    id: 'langevin-variance',
    lesson: 'score',
    prompt: 'Run unadjusted Langevin with the exact score of N(0, 1) and step delta = 0.1 for a long time. What variance do the samples settle at?',
    options: [
      { id: 'below', label: 'A little below 1.' },
      { id: 'exact', label: 'Exactly 1: the score is exact.' },
      { id: 'above', label: 'A little above 1, about 1.026.' },
      { id: 'far', label: 'Far above 1: it diverges.' },
    ],
    answer: 'above',
    explanation: 'Each step is x <- (1 - delta/2) x + sqrt(delta) z, so the stationary variance solves v = (1 - delta/2)^2 v + delta: v = 1 / (1 - delta/4) = 1.026 for delta = 0.1. An exact score is not enough: a finite step adds its own bias, which shrinks with delta (or is removed by a Metropolis correction).',
    seeItIn: 'the cell under "In code": it measures the variance of 20,000 chains',
    reveal: revealLangevin,
  },
  {
    id: 'ddim-eta-one',
    lesson: 'ddim',
    prompt: 'DDIM with eta = 1, stepping t -> t - 1 through all 1000 steps: which variance does it add at each step?',
    options: [
      { id: 'beta', label: 'beta_t, DDPM\'s first choice.' },
      { id: 'betatilde', label: 'betatilde_t, DDPM\'s posterior variance.' },
      { id: 'zero', label: 'None: DDIM is deterministic.' },
    ],
    answer: 'betatilde',
    explanation: 'For consecutive steps, eta = 1 gives sigma^2 = (1 - abar_{t-1}) / (1 - abar_t) * beta_t, which is betatilde_t exactly. On a coarser grid (t -> t - 20) it is a different, larger variance: eta = 1 is then an ancestral sampler of its own, not DDPM.',
    seeItIn: 'the numbers below, computed from the schedule',
    reveal: revealDdimEta,
  },
  {
    id: 'cfg-spread',
    lesson: 'guidance',
    prompt: 'Unconditional data N(0, 1), one class N(2, 0.5^2). Apply guidance with w = 4 using exact scores at t = 0. Where do the guided samples land?',
    options: [
      { id: 'class', label: 'On the class: mean 2, spread 0.5.' },
      { id: 'between', label: 'Between the data and the class.' },
      { id: 'past', label: 'Past the class and narrower: mean above 2, spread below 0.5.' },
    ],
    answer: 'past',
    explanation: 'At t = 0 the guided score is the score of p(x)^(1-w) p(x | c)^w. With w > 1 the unconditional density enters with a negative power, which pushes mass away from it: beyond the class and into a narrower bump. The outward drift in the figure is this effect; at t > 0 the guided eps is not even the score of a noised tilted density.',
    seeItIn: 'the guidance figure: raise w and watch the cloud of each class move outwards and shrink',
    reveal: revealCfg,
  },
  {
    id: 'revisable-tokens',
    lesson: 'discrete',
    prompt: 'During generation, a position already shows the letter b. Can a later reverse step still change it?',
    options: [
      { id: 'neither', label: 'No, under both processes.' },
      { id: 'uniform', label: 'Under uniform noise yes; under absorbing noise no.' },
      { id: 'both', label: 'Yes, under both.' },
    ],
    answer: 'uniform',
    explanation: 'Under absorbing noise a visible letter was never corrupted, so the posterior keeps it with probability 1: a committed token is final. Under uniform noise any letter might be noise, so the posterior keeps some mass on other letters: every position stays revisable, which is why GIDD, Duo and DiffusionGemma choose uniform noise (self-correction).',
    seeItIn: 'the posterior numbers below (k = 5 states, beta = 0.2, abar_{t-1} = 0.5)',
    reveal: revealRevisable,
  },
  {
    id: 'product-of-marginals',
    lesson: 'sedd',
    prompt: 'The toy pairs are aa 0.4, bc 0.3, cb 0.2, ab 0.1. Draw both positions at once, each from its own marginal. How often do you get aa?',
    options: [
      { id: 'same', label: '0.4, as in the data.' },
      { id: 'less', label: 'Less: 0.5 × 0.4 = 0.2.' },
      { id: 'more', label: 'More than 0.4.' },
    ],
    answer: 'less',
    explanation: 'The first position is a with probability 0.5 and the second with 0.4; drawn independently, aa has 0.2, and pairs the data never contains (ac, bb) get mass. One step that unmasks both positions samples this product, not the joint. This is the error parallel decoding must control (lesson 12).',
    seeItIn: 'the Tweedie sampler with one step in the samplers figure, and the numbers below',
    reveal: revealProduct,
  },
  {
    id: 'mirror-k2',
    lesson: 'masked-diffusion',
    prompt: 'On the mirror language, generate from an all-mask canvas committing k = 2 tokens per step. Which rule gives more valid sequences: low-confidence remasking or random remasking?',
    options: [
      { id: 'low-confidence', label: 'Low-confidence: it commits the positions the model is surest of.' },
      { id: 'random', label: 'Random remasking.' },
      { id: 'equal', label: 'They are equal.' },
    ],
    answer: 'random',
    explanation: 'A letter and its mirror always have the same confidence, so low-confidence likes to commit the pair together, draws the two independently, and they disagree. Confidence says which positions are easy, not which are independent.',
    seeItIn: 'the known-language table: the validity column at k = 2, recorded when the model was trained, then measured live',
  },
  {
    id: 'one-pass-bias',
    lesson: 'post-training',
    prompt: "d1 estimates log p(o | q) in one pass: mask the whole completion, read each token's log-probability, add them up. Give it a PERFECT model (the language's exact conditionals) and a mirror-task completion. On average over completions, the estimate is…",
    options: [
      { id: 'exact', label: 'Exact: with a perfect model there is nothing left to get wrong.' },
      { id: 'low', label: 'Below the true log-probability.' },
      { id: 'high', label: 'Above the true log-probability.' },
    ],
    answer: 'low',
    explanation: 'A sum of log-marginals scores every completion token as if it were alone. A letter and its mirror are each uncertain alone but certain together, so the estimate pays for the same choice twice. On average the gap is the total correlation of the completion tokens, which is never negative; masking part of the prompt only widens it.',
    seeItIn: 'the estimator figure: the one-pass points lie below the diagonal, the bound estimate scatters around it',
    reveal: revealOnePassBias,
  },
  {
    id: 'roofline-wasm-256',
    lesson: 'the-whole-machine',
    prompt: 'On the wasm backend (the CPU), how does one forward pass of the shipped model over 256 tokens compare with a pass over 1 token?',
    options: [
      { id: 'same', label: 'About the same: a pass reads the same weights either way.' },
      { id: 'between', label: 'Several times longer, but far less than 256 times.' },
      { id: 'linear', label: 'About 256 times longer: every token is its own work.' },
    ],
    answer: 'between',
    explanation: 'A one-token pass is dominated by fixed costs: reading every weight once and running every kernel once. A 256-token pass adds the arithmetic of 256 tokens, which on a CPU soon dominates, so the time grows several-fold; the fixed costs stop it from growing 256-fold. On a GPU the fixed costs dominate much longer, and the ratio stays closer to 1.',
    seeItIn: 'the roofline table: the last column, on the wasm row',
  },
];

/** Prediction questions by id. */
export const PREDICTIONS: Readonly<Record<string, PredictionQuestion>> = Object.fromEntries(questions.map((q) => [q.id, q]));

export function findPrediction(id: string): PredictionQuestion | null {
  return Object.prototype.hasOwnProperty.call(PREDICTIONS, id) ? PREDICTIONS[id] : null;
}
