/**
 * SEDD (Lou, Meng, Ermon 2024): discrete diffusion in continuous time, learned through the
 * concrete score s(x_t, t)_y ≈ p_t(y) / p_t(x_t) for every one-token change y.
 *
 * Forward process per token: a continuous-time Markov chain with rate sigma'(t) Q, so
 * p_{t|0} = exp(sigma(t) Q), sigma(t) = total noise (integral of the rate). Q rows are "from":
 *   absorbing: Q[z, z] = -1, Q[z, MASK] = 1 (z != MASK), MASK row 0  ->  keep w.p. e^{-sigma}
 *   uniform:   Q = (1/K) 1 1^T - I                                  ->  e^{-sigma} I + (1 - e^{-sigma})/K 1 1^T
 */
import * as tf from '@/lib/tensor/tf';
import type { Rng } from '@/lib/math/rng';
import {
  checkIndex, checkLength, checkPositiveInteger, checkTokens, sampleCategorical, type NumberArray,
} from './categorical';

// ---------------------------------------------------------------------------------------------
// Noise schedules: sigma(t) (total noise) and sigma'(t) (rate), t in [0, 1]

export interface NoiseSchedule {
  readonly name: string;
  /** Total noise sigma(t) = integral_0^t of the rate. */
  sigma(t: number): number;
  /** Rate sigma'(t), the loss weight. */
  dsigma(t: number): number;
}

function checkTime(t: number): void {
  if (!(t >= 0 && t <= 1)) throw new Error(`t must be in [0, 1], got ${t}`);
}

/** Geometric: sigma(t) = sigma_min^(1-t) sigma_max^t, sigma'(t) = sigma(t) log(sigma_max / sigma_min). SEDD's uniform-graph default. */
export function geometricNoise(sigmaMin = 1e-4, sigmaMax = 20): NoiseSchedule {
  if (!(sigmaMin > 0)) throw new Error(`sigmaMin must be > 0, got ${sigmaMin}`);
  if (!(sigmaMax > sigmaMin)) throw new Error(`sigmaMax must be > sigmaMin (${sigmaMin}), got ${sigmaMax}`);
  const logRatio = Math.log(sigmaMax / sigmaMin);
  const sigma = (t: number) => { checkTime(t); return sigmaMin ** (1 - t) * sigmaMax ** t; };
  return { name: 'geometric', sigma, dsigma: (t) => sigma(t) * logRatio };
}

/**
 * Log-linear: sigma(t) = -log(1 - (1 - eps) t), sigma'(t) = (1 - eps) / (1 - (1 - eps) t).
 * For the absorbing graph e^{-sigma(t)} = 1 - (1 - eps) t: the masked fraction grows linearly
 * (MDLM's alpha_t = 1 - t), and eps keeps sigma(1) finite.
 */
export function logLinearNoise(eps = 1e-3): NoiseSchedule {
  if (!(eps > 0 && eps < 1)) throw new Error(`eps must be in (0, 1), got ${eps}`);
  return {
    name: 'log-linear',
    sigma: (t) => { checkTime(t); return -Math.log1p(-(1 - eps) * t); },
    dsigma: (t) => { checkTime(t); return (1 - eps) / (1 - (1 - eps) * t); },
  };
}

// ---------------------------------------------------------------------------------------------
// Graphs and transition probabilities

export type SeddGraph =
  | { readonly kind: 'absorbing'; readonly k: number; readonly maskIndex: number }
  | { readonly kind: 'uniform'; readonly k: number };

/** Absorbing graph on K states, [MASK] included (default: the last state). */
export function absorbingGraph(k: number, maskIndex = k - 1): SeddGraph {
  checkPositiveInteger('k', k);
  if (k < 2) throw new Error(`k must be >= 2 (one token and [MASK]), got ${k}`);
  checkIndex('maskIndex', maskIndex, k);
  return { kind: 'absorbing', k, maskIndex };
}

/** Uniform graph on K states (no [MASK]). */
export function uniformGraph(k: number): SeddGraph {
  checkPositiveInteger('k', k);
  return { kind: 'uniform', k };
}

/** exp(sigma Q)[from, :] in closed form; also valid for negative sigma (exp(-dsigma Q), used by Tweedie). */
function expRow(graph: SeddGraph, from: number, sigma: number): Float64Array {
  const { k } = graph;
  const out = new Float64Array(k);
  const keep = Math.exp(-sigma);
  if (graph.kind === 'absorbing') {
    if (from === graph.maskIndex) out[from] = 1;
    else { out[from] = keep; out[graph.maskIndex] = -Math.expm1(-sigma); }
  } else {
    out.fill(-Math.expm1(-sigma) / k);
    out[from] += keep;
  }
  return out;
}

/** One entry exp(sigma Q)[from, to], O(1). */
function expEntry(graph: SeddGraph, from: number, to: number, sigma: number): number {
  if (graph.kind === 'absorbing') {
    if (from === graph.maskIndex) return to === from ? 1 : 0;
    if (to === from) return Math.exp(-sigma);
    return to === graph.maskIndex ? -Math.expm1(-sigma) : 0;
  }
  return -Math.expm1(-sigma) / graph.k + (to === from ? Math.exp(-sigma) : 0);
}

/** p_{t|0}(. | x0) = exp(sigma Q)[x0, :] with sigma = sigma(t) >= 0. */
export function transitionProbs(graph: SeddGraph, x0: number, sigma: number): Float64Array {
  checkIndex('x0', x0, graph.k);
  if (!(sigma >= 0)) throw new Error(`sigma must be >= 0, got ${sigma}`);
  return expRow(graph, x0, sigma);
}

/** The rate Q(y -> x) of reaching x from y: the score entropy weight w(x, y) and the reverse-rate factor. */
export function rateInto(graph: SeddGraph, x: number, y: number): number {
  if (x === y) return 0;
  if (graph.kind === 'absorbing') return x === graph.maskIndex ? 1 : 0;
  return 1 / graph.k;
}

/** True ratios r_y = p_{t|0}(y | x0) / p_{t|0}(x_t | x0) (entry x_t is 1). Absorbing at MASK: r_{x0} = 1/(e^sigma - 1). */
export function trueRatios(graph: SeddGraph, xt: number, x0: number, sigma: number): Float64Array {
  checkIndex('xt', xt, graph.k);
  const p = transitionProbs(graph, x0, sigma);
  if (!(p[xt] > 0)) throw new Error(`xt = ${xt} has probability 0 given x0 = ${x0}`);
  const r = new Float64Array(graph.k);
  for (let y = 0; y < graph.k; y++) r[y] = p[y] / p[xt];
  return r;
}

// ---------------------------------------------------------------------------------------------
// Denoising score entropy

export interface ScoreEntropyInput {
  xt: number;
  x0: number;
  /** Total noise sigma(t). */
  sigma: number;
  /** Rate sigma'(t): the time weight of the loss. */
  dsigma: number;
  /** Concrete score s_y for y = 0..K-1 (entry x_t ignored); >= 0. */
  score: NumberArray;
}

/**
 * One position: sigma'(t) sum_{y != x_t} w(x_t, y) [ s_y - r_y log s_y + r_y (log r_y - 1) ],
 * w(x_t, y) = Q(y -> x_t). Each bracket is >= 0 with equality at s_y = r_y (s - r log s is minimised
 * at s = r), so the loss is 0 exactly at the true ratios. The constant r(log r - 1) uses 0 log 0 = 0.
 */
export function scoreEntropy(graph: SeddGraph, input: ScoreEntropyInput): number {
  const { xt, x0, sigma, dsigma, score } = input;
  checkLength('score', score.length, graph.k);
  if (!(dsigma >= 0)) throw new Error(`dsigma must be >= 0, got ${dsigma}`);
  const r = trueRatios(graph, xt, x0, sigma);
  let total = 0;
  for (let y = 0; y < graph.k; y++) {
    const w = rateInto(graph, xt, y);
    if (w === 0) continue;
    const s = score[y];
    if (!(s >= 0)) throw new Error(`score[${y}] must be >= 0, got ${s}`);
    const ry = r[y];
    total += w * (ry > 0 ? s - ry * Math.log(s) + ry * (Math.log(ry) - 1) : s);
  }
  return dsigma * total;
}

export interface ScoreEntropyBatch {
  /** Log concrete scores, [batch, len, K]. Log space keeps s > 0 and the loss stable. */
  logScore: tf.Tensor3D;
  /** Noised tokens, [batch, len], int32. */
  xt: tf.Tensor2D;
  /** Clean tokens, [batch, len], int32. */
  x0: tf.Tensor2D;
  /** sigma(t) per example, [batch]. */
  sigma: tf.Tensor1D;
  /** sigma'(t) per example, [batch]. */
  dsigma: tf.Tensor1D;
}

/** Batched score entropy: mean over the batch of sum over positions of scoreEntropy. Returns a scalar. */
export function scoreEntropyLoss(graph: SeddGraph, batch: ScoreEntropyBatch): tf.Scalar {
  const { logScore, xt, x0, sigma, dsigma } = batch;
  const [b, len, k] = logScore.shape;
  if (logScore.rank !== 3 || k !== graph.k) throw new Error(`logScore must be [batch, len, ${graph.k}], got [${logScore.shape}]`);
  for (const [name, t] of [['xt', xt], ['x0', x0]] as const) {
    if (t.rank !== 2 || t.shape[0] !== b || t.shape[1] !== len) throw new Error(`${name} must be [${b}, ${len}], got [${t.shape}]`);
  }
  for (const [name, t] of [['sigma', sigma], ['dsigma', dsigma]] as const) {
    if (t.rank !== 1 || t.shape[0] !== b) throw new Error(`${name} must be [${b}], got [${t.shape}]`);
  }
  return tf.tidy(() => {
    const x0Hot = tf.cast(tf.oneHot(tf.cast(x0, 'int32'), k), 'float32'); // [b, len, k]
    const xtHot = tf.cast(tf.oneHot(tf.cast(xt, 'int32'), k), 'float32');
    const sig = tf.reshape(sigma, [b, 1]);
    let perPos: tf.Tensor2D; // [b, len]
    if (graph.kind === 'absorbing') {
      // Only masked positions count; there r = rho at y = x0 and 0 elsewhere, rho = 1/(e^sigma - 1).
      const masked = tf.equal(xt, graph.maskIndex);
      const maskCol = tf.reshape(tf.cast(tf.oneHot(tf.tensor1d([graph.maskIndex], 'int32'), k), 'float32'), [1, 1, k]);
      const isNotMaskCol = tf.sub(1, maskCol);
      const pos = tf.sum(tf.mul(tf.exp(logScore), isNotMaskCol), -1);
      const lsX0 = tf.sum(tf.where(tf.greater(x0Hot, 0), logScore, tf.zerosLike(logScore)), -1);
      const rho = tf.div(1, tf.expm1(sig)); // [b, 1]
      const constant = tf.mul(rho, tf.sub(tf.log(rho), 1));
      const inner = tf.add(tf.sub(pos, tf.mul(rho, lsX0)), constant);
      perPos = tf.where(masked, inner, tf.zerosLike(inner)) as tf.Tensor2D;
    } else {
      // p(y|x0) = pd + keep [y = x0], pd = (1 - e^{-sigma}) / K; r_y = p(y|x0) / p(xt|x0).
      const keep = tf.reshape(tf.exp(tf.neg(sig)), [b, 1, 1]);
      const pd = tf.reshape(tf.div(tf.neg(tf.expm1(tf.neg(sig))), k), [b, 1, 1]);
      const pY = tf.add(pd, tf.mul(keep, x0Hot)); // [b, len, k]
      const pXt = tf.sum(tf.mul(pY, xtHot), -1, true); // [b, len, 1]
      const r = tf.div(pY, pXt);
      const safeLogR = tf.log(tf.maximum(r, 1e-30));
      const term = tf.add(tf.sub(tf.exp(logScore), tf.mul(r, logScore)), tf.mul(r, tf.sub(safeLogR, 1)));
      const offDiag = tf.logicalNot(tf.greater(xtHot, 0));
      perPos = tf.div(tf.sum(tf.where(offDiag, term, tf.zerosLike(term)), -1), k) as tf.Tensor2D;
    }
    const perSeq = tf.mul(tf.sum(perPos, -1), dsigma); // [b]
    return tf.mean(perSeq) as tf.Scalar;
  });
}

// ---------------------------------------------------------------------------------------------
// Reverse steps. A score function returns s for every position: [len * K], row l = position l.

/** Concrete score of the current tokens at time t (noise sigma), flat [len * K]. May be async (a model). */
export type ScoreFn = (tokens: Int32Array, t: number, sigma: number) => NumberArray | Promise<NumberArray>;

/**
 * Euler (tau-leaping) for one position: reverse rate x -> y is sigma'(t) Q(y -> x) s_y, so
 * P(y) = dt sigma'(t) Q(y -> x) s_y for y != x and the rest stays at x; if the jump mass
 * exceeds 1 we renormalise it (the step was too large).
 */
export function eulerProbs(graph: SeddGraph, x: number, score: NumberArray, dt: number, dsigma: number): Float64Array {
  checkIndex('x', x, graph.k);
  checkLength('score', score.length, graph.k);
  const p = new Float64Array(graph.k);
  let jump = 0;
  for (let y = 0; y < graph.k; y++) {
    if (y === x) continue;
    p[y] = Math.max(0, dt * dsigma * rateInto(graph, x, y) * score[y]);
    jump += p[y];
  }
  if (jump > 1) for (let y = 0; y < graph.k; y++) p[y] /= jump;
  else p[x] = 1 - jump;
  return p;
}

/**
 * Tweedie tau-leaping for one position, from noise sigma_t down to sigma_s (delta = sigma_t - sigma_s):
 *   P(x_s = y | x_t = x) ∝ [p_s(y) / p_t(x)] * exp(delta Q)[y, x],
 *   p_s(y) / p_t(x) = sum_z s_z exp(-delta Q)[z, y]   (s_x = 1),
 * exact for one dimension given the others. Absorbing, x = MASK: P(y) = (e^delta - 1) s_y and
 * P(MASK) = (1 - alpha_s)/(1 - alpha_t) with the true score.
 */
export function tweedieProbs(graph: SeddGraph, x: number, score: NumberArray, sigmaT: number, sigmaS: number): Float64Array {
  checkIndex('x', x, graph.k);
  checkLength('score', score.length, graph.k);
  if (!(sigmaT >= sigmaS && sigmaS >= 0)) throw new Error(`need sigmaT >= sigmaS >= 0, got sigmaT = ${sigmaT}, sigmaS = ${sigmaS}`);
  const { k } = graph;
  const delta = sigmaT - sigmaS;
  const grow = Math.exp(delta);
  let sum = 0;
  for (let z = 0; z < k; z++) sum += z === x ? 1 : score[z];
  const p = new Float64Array(k);
  let total = 0;
  for (let y = 0; y < k; y++) {
    const sy = y === x ? 1 : score[y];
    let ratio: number;
    if (graph.kind === 'absorbing') {
      const m = graph.maskIndex;
      ratio = y === m ? sy + (1 - grow) * (sum - (x === m ? 1 : score[m])) : grow * sy;
    } else {
      ratio = grow * sy + ((1 - grow) / k) * sum;
    }
    const into = expEntry(graph, y, x, delta);
    p[y] = Math.max(0, ratio * into);
    total += p[y];
  }
  if (!(total > 0)) { p.fill(0); p[x] = 1; return p; }
  for (let y = 0; y < k; y++) p[y] /= total;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Samplers

export interface SeddSamplerOptions {
  graph: SeddGraph;
  schedule: NoiseSchedule;
  score: ScoreFn;
  /** Sequence length (ignored when initial is given). */
  length: number;
  /** Number of reverse steps from t = 1 to t = 0. */
  steps: number;
  rng: Rng;
  /** Starting tokens at t = 1; default all [MASK] (absorbing) or uniform random tokens (uniform). */
  initial?: Int32Array;
}

export interface SeddStep {
  /** 0 for the initial state, then 1..steps. */
  step: number;
  t: number;
  tokens: Int32Array;
}

function rowOf(s: NumberArray, l: number, k: number): NumberArray {
  if (s instanceof Float64Array || s instanceof Float32Array) return s.subarray(l * k, (l + 1) * k);
  return Array.from({ length: k }, (_, y) => s[l * k + y]);
}

/** Apply a per-position step to a whole sequence; absorbing positions already unmasked stay put. */
function stepSequence(graph: SeddGraph, tokens: Int32Array, score: NumberArray, rng: Rng, probs: (x: number, s: NumberArray) => Float64Array): Int32Array {
  const k = graph.k;
  checkLength('score', score.length, tokens.length * k);
  const next = new Int32Array(tokens.length);
  for (let l = 0; l < tokens.length; l++) {
    if (graph.kind === 'absorbing' && tokens[l] !== graph.maskIndex) { next[l] = tokens[l]; continue; }
    next[l] = sampleCategorical(probs(tokens[l], rowOf(score, l, k)), rng);
  }
  return next;
}

/** One Euler step for a sequence: score is [len * K] at time t, dt the step, dsigma = sigma'(t). */
export function eulerStep(graph: SeddGraph, tokens: Int32Array, score: NumberArray, dt: number, dsigma: number, rng: Rng): Int32Array {
  return stepSequence(graph, tokens, score, rng, (x, s) => eulerProbs(graph, x, s, dt, dsigma));
}

/** One Tweedie step for a sequence from noise sigmaT to sigmaS (0 = fully denoise). */
export function tweedieStep(graph: SeddGraph, tokens: Int32Array, score: NumberArray, sigmaT: number, sigmaS: number, rng: Rng): Int32Array {
  return stepSequence(graph, tokens, score, rng, (x, s) => tweedieProbs(graph, x, s, sigmaT, sigmaS));
}

type Stepper = (x: number, s: NumberArray, t: number, tNext: number, isLast: boolean) => Float64Array;

async function* runSampler(options: SeddSamplerOptions, stepper: Stepper): AsyncGenerator<SeddStep> {
  const { graph, schedule, score, steps, rng } = options;
  checkPositiveInteger('steps', steps);
  const k = graph.k;
  let tokens: Int32Array;
  if (options.initial) {
    checkTokens('initial', options.initial, k);
    tokens = Int32Array.from(options.initial);
  } else {
    checkPositiveInteger('length', options.length);
    tokens = new Int32Array(options.length);
    for (let i = 0; i < tokens.length; i++) tokens[i] = graph.kind === 'absorbing' ? graph.maskIndex : rng.int(k);
  }
  const len = tokens.length;
  yield { step: 0, t: 1, tokens: tokens.slice() };
  for (let i = 0; i < steps; i++) {
    const t = 1 - i / steps;
    const tNext = 1 - (i + 1) / steps;
    const s = await score(tokens, t, schedule.sigma(t));
    checkLength('score(...)', s.length, len * k);
    tokens = stepSequence(graph, tokens, s, rng, (x, row) => stepper(x, row, t, tNext, i === steps - 1));
    yield { step: i + 1, t: tNext, tokens: tokens.slice() };
  }
}

/**
 * Euler sampler: tau-leaping steps dt = 1/steps with the rate at t; the last step is a Tweedie
 * step to zero noise, as in SEDD, so no [MASK] is left at t = 0.
 */
export function sampleSeddEuler(options: SeddSamplerOptions): AsyncGenerator<SeddStep> {
  const { graph, schedule } = options;
  return runSampler(options, (x, s, t, tNext, isLast) => isLast
    ? tweedieProbs(graph, x, s, schedule.sigma(t), 0)
    : eulerProbs(graph, x, s, t - tNext, schedule.dsigma(t)));
}

/** Tweedie tau-leaping sampler: sigma(t_i) -> sigma(t_{i+1}) each step, the last step to sigma = 0. */
export function sampleSeddTweedie(options: SeddSamplerOptions): AsyncGenerator<SeddStep> {
  const { graph, schedule } = options;
  return runSampler(options, (x, s, t, tNext, isLast) =>
    tweedieProbs(graph, x, s, schedule.sigma(t), isLast ? 0 : schedule.sigma(tNext)));
}

// ---------------------------------------------------------------------------------------------
// Exact scores for toy distributions (lesson demos and tests)

export interface WeightedSequence {
  tokens: ArrayLike<number>;
  prob: number;
}

/**
 * The exact concrete score of a known data distribution p0 (a list of sequences with probabilities):
 * p_t(x) = sum_{x0} p0(x0) prod_l p_{t|0}(x_l | x0_l), s(x)_{l,y} = p_t(x with x_l = y) / p_t(x).
 * Cost O(|support| * len * K) per call: for toys only.
 */
export function exactConcreteScore(graph: SeddGraph, p0: WeightedSequence[]): ScoreFn {
  if (p0.length === 0) throw new Error('p0 must list at least one sequence');
  const len = p0[0].tokens.length;
  p0.forEach((e, i) => {
    checkLength(`p0[${i}].tokens`, e.tokens.length, len);
    checkTokens(`p0[${i}].tokens`, e.tokens, graph.k);
    if (!(e.prob >= 0)) throw new Error(`p0[${i}].prob must be >= 0, got ${e.prob}`);
  });
  const k = graph.k;
  return (tokens, _t, sigma) => {
    checkLength('tokens', tokens.length, len);
    // joint[y at l] = sum_{x0} p0(x0) prod_{m != l} p(x_m|x0_m) * p(y|x0_l)
    const out = new Float64Array(len * k);
    let pt = 0;
    const here = new Float64Array(len);
    for (const { tokens: x0, prob } of p0) {
      let all = prob;
      for (let l = 0; l < len; l++) { here[l] = expEntry(graph, x0[l], tokens[l], sigma); all *= here[l]; }
      pt += all;
      if (prob === 0) continue;
      for (let l = 0; l < len; l++) {
        let others = prob;
        for (let m = 0; m < len; m++) if (m !== l) others *= here[m];
        if (others === 0) continue;
        for (let y = 0; y < k; y++) out[l * k + y] += others * expEntry(graph, x0[l], y, sigma);
      }
    }
    for (let i = 0; i < out.length; i++) out[i] = pt > 0 ? out[i] / pt : 0;
    return out;
  };
}
