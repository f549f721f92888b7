/**
 * D3PM (Austin et al. 2021): discrete diffusion by a Markov chain of K x K transition matrices.
 * Rows are "from", columns "to": q(x_t | x_{t-1}) = Cat(x_{t-1} Q_t), so every Q_t is row-stochastic.
 * Matrices are Float64Array, row-major, K * K. Time runs t = 1..T; t = 0 is clean data.
 */
import type { Rng } from '@/lib/math/rng';
import {
  checkIndex, checkLength, checkPositiveInteger, checkProbability, checkTokens, type NumberArray,
} from './categorical';

export type D3pmKind = 'uniform' | 'absorbing';

// ---------------------------------------------------------------------------------------------
// Matrix helpers (square K x K, row-major)

export function identityMatrix(k: number): Float64Array {
  checkPositiveInteger('k', k);
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) m[i * k + i] = 1;
  return m;
}

/** C = A B for square K x K matrices. */
export function matmul(a: Float64Array, b: Float64Array, k: number): Float64Array {
  checkPositiveInteger('k', k);
  checkLength('a', a.length, k * k);
  checkLength('b', b.length, k * k);
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let l = 0; l < k; l++) {
      const ail = a[i * k + l];
      if (ail === 0) continue;
      for (let j = 0; j < k; j++) c[i * k + j] += ail * b[l * k + j];
    }
  }
  return c;
}

/** Row vector times matrix: (v M)_j = sum_i v_i M_ij. */
export function vecmat(v: NumberArray, m: Float64Array, k: number): Float64Array {
  checkLength('v', v.length, k);
  checkLength('m', m.length, k * k);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[j] += v[i] * m[i * k + j];
  return out;
}

/** Sum of each row; all ones for a row-stochastic matrix. */
export function rowSums(m: Float64Array, k: number): Float64Array {
  checkPositiveInteger('k', k);
  checkLength('m', m.length, k * k);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i] += m[i * k + j];
  return out;
}

/** Row i of a K x K matrix (a copy). */
export function matrixRow(m: Float64Array, k: number, i: number): Float64Array {
  checkIndex('i', i, k);
  return m.slice(i * k, (i + 1) * k);
}

// ---------------------------------------------------------------------------------------------
// One-step transition matrices

/** Uniform: Q_t = (1 - b) I + (b / K) 1 1^T. Keep the token or resample it uniformly. */
export function uniformTransition(k: number, beta: number): Float64Array {
  checkPositiveInteger('k', k);
  checkProbability('beta', beta);
  const m = new Float64Array(k * k).fill(beta / k);
  for (let i = 0; i < k; i++) m[i * k + i] += 1 - beta;
  return m;
}

/**
 * Absorbing: a clean token moves to [MASK] with probability b and stays otherwise; [MASK] stays.
 * Q_t = (1 - b) I + b 1 e_mask^T, except the mask row, which is e_mask.
 */
export function absorbingTransition(k: number, beta: number, maskIndex = k - 1): Float64Array {
  checkPositiveInteger('k', k);
  checkProbability('beta', beta);
  checkIndex('maskIndex', maskIndex, k);
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    if (i === maskIndex) {
      m[i * k + maskIndex] = 1;
    } else {
      m[i * k + i] = 1 - beta;
      m[i * k + maskIndex] = beta;
    }
  }
  return m;
}

export function transitionMatrix(kind: D3pmKind, k: number, beta: number, maskIndex = k - 1): Float64Array {
  if (kind === 'uniform') return uniformTransition(k, beta);
  if (kind === 'absorbing') return absorbingTransition(k, beta, maskIndex);
  throw new Error(`kind must be 'uniform' or 'absorbing', got ${String(kind)}`);
}

// ---------------------------------------------------------------------------------------------
// Schedules for b_t. Index t - 1 holds b_t, t = 1..T.

/** b_t evenly spaced from start to end (D3PM's linear schedule). */
export function linearBetas(steps: number, start = 0.02, end = 1): Float64Array {
  checkPositiveInteger('steps', steps);
  checkProbability('start', start);
  checkProbability('end', end);
  const betas = new Float64Array(steps);
  for (let t = 1; t <= steps; t++) betas[t - 1] = steps === 1 ? end : start + ((end - start) * (t - 1)) / (steps - 1);
  return betas;
}

/**
 * b_t = 1 / (T - t + 1): then prod_{s<=t} (1 - b_s) = (T - t) / T, so a token survives to time t with
 * probability exactly 1 - t/T (abar_t linear in t) and nothing survives at t = T, for either process.
 * D3PM used it for the absorbing process; lesson 07 uses it for both, so they corrupt alike.
 */
export function linearKeepBetas(steps: number): Float64Array {
  checkPositiveInteger('steps', steps);
  const betas = new Float64Array(steps);
  for (let t = 1; t <= steps; t++) betas[t - 1] = 1 / (steps - t + 1);
  return betas;
}

/** The same schedule under the name D3PM's absorbing process gave it (kept for existing callers). */
export const absorbingBetas = linearKeepBetas;

/** abar_t = prod_{s<=t} (1 - b_s) for t = 0..T (abar_0 = 1): the probability the token survives. */
export function cumulativeKeep(betas: NumberArray): Float64Array {
  const keep = new Float64Array(betas.length + 1);
  keep[0] = 1;
  for (let t = 1; t <= betas.length; t++) {
    checkProbability(`betas[${t - 1}]`, betas[t - 1]);
    keep[t] = keep[t - 1] * (1 - betas[t - 1]);
  }
  return keep;
}

// ---------------------------------------------------------------------------------------------
// Cumulative matrices Qbar_t = Q_1 Q_2 ... Q_t

/** Qbar_t for t = 0..T by repeated matrix products (Qbar_0 = I). The reference the closed form is tested against. */
export function cumulativeTransitions(kind: D3pmKind, k: number, betas: NumberArray, maskIndex = k - 1): Float64Array[] {
  const out = [identityMatrix(k)];
  for (let t = 1; t <= betas.length; t++) {
    out.push(matmul(out[t - 1], transitionMatrix(kind, k, betas[t - 1], maskIndex), k));
  }
  return out;
}

/**
 * Closed form of Qbar_t given abar_t = prod (1 - b_s). Both families are closed under products:
 * uniform:   Qbar_t = abar_t I + (1 - abar_t)/K 1 1^T      (since (1 1^T)^2 = K 1 1^T),
 * absorbing: a clean token is still itself w.p. abar_t and [MASK] w.p. 1 - abar_t.
 * So Qbar_t is the one-step matrix with b = 1 - abar_t.
 */
export function closedFormCumulative(kind: D3pmKind, k: number, keep: number, maskIndex = k - 1): Float64Array {
  checkProbability('keep', keep);
  return transitionMatrix(kind, k, 1 - keep, maskIndex);
}

/** q(x_t | x_0) as a length-K vector, from the closed form above. */
export function marginal(kind: D3pmKind, k: number, x0: number, keep: number, maskIndex = k - 1): Float64Array {
  checkIndex('x0', x0, k);
  checkProbability('keep', keep);
  const p = new Float64Array(k);
  if (kind === 'uniform') {
    p.fill((1 - keep) / k);
    p[x0] += keep;
  } else if (kind === 'absorbing') {
    checkIndex('maskIndex', maskIndex, k);
    if (x0 === maskIndex) {
      p[maskIndex] = 1;
    } else {
      p[x0] = keep;
      p[maskIndex] = 1 - keep;
    }
  } else {
    throw new Error(`kind must be 'uniform' or 'absorbing', got ${String(kind)}`);
  }
  return p;
}

/**
 * Posterior q(x_{t-1} = j | x_t, x_0) ∝ q(x_t | x_{t-1} = j) q(x_{t-1} = j | x_0)
 *                                     = Q_t[j, x_t] * Qbar_{t-1}[x_0, j].
 * Throws if x_t cannot be reached from x_0 (zero normaliser).
 */
export function posterior(qt: Float64Array, qbarPrev: Float64Array, k: number, xt: number, x0: number): Float64Array {
  checkPositiveInteger('k', k);
  checkLength('qt', qt.length, k * k);
  checkLength('qbarPrev', qbarPrev.length, k * k);
  checkIndex('xt', xt, k);
  checkIndex('x0', x0, k);
  const p = new Float64Array(k);
  let z = 0;
  for (let j = 0; j < k; j++) {
    p[j] = qt[j * k + xt] * qbarPrev[x0 * k + j];
    z += p[j];
  }
  if (!(z > 0)) throw new Error(`xt = ${xt} has probability 0 given x0 = ${x0}: posterior undefined`);
  for (let j = 0; j < k; j++) p[j] /= z;
  return p;
}

// ---------------------------------------------------------------------------------------------
// A process object for lessons: one schedule, every quantity by t

export interface D3pmOptions {
  kind: D3pmKind;
  /** Number of states, [MASK] included for the absorbing kind. */
  k: number;
  /** b_t for t = 1..T (index t - 1). */
  betas: NumberArray;
  /** Absorbing only: which state is [MASK] (default: the last, K - 1). */
  maskIndex?: number;
}

export interface D3pmProcess {
  readonly kind: D3pmKind;
  readonly k: number;
  /** Number of steps T. */
  readonly steps: number;
  readonly maskIndex: number;
  readonly betas: Float64Array;
  /** abar_t for t = 0..T. */
  readonly keep: Float64Array;
  /** One-step Q_t, t = 1..T. */
  step(t: number): Float64Array;
  /** Qbar_t by the closed form, t = 0..T. */
  cumulative(t: number): Float64Array;
  /** q(x_t | x_0), t = 0..T. */
  marginal(x0: number, t: number): Float64Array;
  /** q(x_{t-1} | x_t, x_0), t = 1..T. */
  posterior(xt: number, x0: number, t: number): Float64Array;
  /**
   * The x_0-parameterised reverse step p(x_{t-1} | x_t) = sum_{x0} q(x_{t-1} | x_t, x0) p(x0 | x_t),
   * given a predicted distribution p(x0 | x_t); x0 values that cannot produce x_t are skipped.
   */
  reverseFromX0(xt: number, x0Probs: NumberArray, t: number): Float64Array;
}

export function createD3pm(options: D3pmOptions): D3pmProcess {
  const { kind, k } = options;
  if (kind !== 'uniform' && kind !== 'absorbing') throw new Error(`kind must be 'uniform' or 'absorbing', got ${String(kind)}`);
  checkPositiveInteger('k', k);
  const maskIndex = options.maskIndex ?? k - 1;
  checkIndex('maskIndex', maskIndex, k);
  if (options.betas.length === 0) throw new Error('betas must have length >= 1');
  const betas = Float64Array.from(options.betas);
  const keep = cumulativeKeep(betas);
  const steps = betas.length;
  const checkT = (t: number, from: number) => {
    if (!Number.isInteger(t) || t < from || t > steps) throw new Error(`t must be an integer in [${from}, ${steps}], got ${t}`);
  };
  const process: D3pmProcess = {
    kind, k, steps, maskIndex, betas, keep,
    step(t) { checkT(t, 1); return transitionMatrix(kind, k, betas[t - 1], maskIndex); },
    cumulative(t) { checkT(t, 0); return closedFormCumulative(kind, k, keep[t], maskIndex); },
    marginal(x0, t) { checkT(t, 0); return marginal(kind, k, x0, keep[t], maskIndex); },
    posterior(xt, x0, t) { checkT(t, 1); return posterior(process.step(t), process.cumulative(t - 1), k, xt, x0); },
    reverseFromX0(xt, x0Probs, t) {
      checkT(t, 1);
      checkLength('x0Probs', x0Probs.length, k);
      checkIndex('xt', xt, k);
      const qt = process.step(t);
      const qbarPrev = process.cumulative(t - 1);
      const out = new Float64Array(k);
      let z = 0;
      for (let x0 = 0; x0 < k; x0++) {
        if (!(x0Probs[x0] > 0) || !(process.marginal(x0, t)[xt] > 0)) continue;
        const post = posterior(qt, qbarPrev, k, xt, x0);
        for (let j = 0; j < k; j++) out[j] += x0Probs[x0] * post[j];
        z += x0Probs[x0];
      }
      if (!(z > 0)) throw new Error(`x0Probs gives no x0 that can produce xt = ${xt}`);
      for (let j = 0; j < k; j++) out[j] /= z;
      return out;
    },
  };
  return process;
}

// ---------------------------------------------------------------------------------------------
// Corrupting sequences (the lesson's scrubber)

/**
 * Sample x_t ~ q(x_t | x_0) independently per token, from the closed form.
 * Each token uses exactly two uniforms (u, v): it is corrupted iff u < 1 - abar_t, and then becomes
 * [MASK] (absorbing) or the state floor(v K) (uniform). So a fresh createRng(seed) for every t gives
 * NESTED corruptions: a token corrupted at t is corrupted at every later t (smooth scrubbing).
 */
export function corruptSequence(process: D3pmProcess, tokens: ArrayLike<number>, t: number, rng: Rng): Int32Array {
  checkTokens('tokens', tokens, process.k);
  if (!Number.isInteger(t) || t < 0 || t > process.steps) throw new Error(`t must be an integer in [0, ${process.steps}], got ${t}`);
  const flip = 1 - process.keep[t];
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const u = rng.next();
    const v = rng.next();
    const corrupt = u < flip;
    if (!corrupt) out[i] = tokens[i];
    else out[i] = process.kind === 'absorbing' ? process.maskIndex : Math.min(process.k - 1, Math.floor(v * process.k));
  }
  return out;
}

/**
 * Run the forward Markov chain x_0 -> x_1 -> ... -> x_T one step at a time with Q_t.
 * Returns T + 1 sequences (index t holds x_t). Shows the chain the closed form summarises.
 */
export function forwardTrajectory(process: D3pmProcess, tokens: ArrayLike<number>, rng: Rng): Int32Array[] {
  checkTokens('tokens', tokens, process.k);
  const out = [Int32Array.from(tokens)];
  for (let t = 1; t <= process.steps; t++) {
    const prev = out[t - 1];
    const next = new Int32Array(prev.length);
    const b = process.betas[t - 1];
    for (let i = 0; i < prev.length; i++) {
      const u = rng.next();
      const v = rng.next();
      if (process.kind === 'absorbing') next[i] = prev[i] === process.maskIndex || u < b ? process.maskIndex : prev[i];
      else next[i] = u < b ? Math.min(process.k - 1, Math.floor(v * process.k)) : prev[i];
    }
    out.push(next);
  }
  return out;
}
