/**
 * Which masked positions to reveal in one step, as pure functions of their confidences.
 * Used by the masked (LLaDA), block (BD3) and Fast-dLLM decoders.
 *
 * - steps:     a fixed number of steps per block; the block's masks are split evenly over them
 *              and each step keeps the k most confident predictions (low-confidence remasking).
 * - threshold: reveal every position whose confidence exceeds tau; if none does, the single most
 *              confident one (so every step makes progress). tau > 1 is one token per step.
 * - factor:    reveal the largest n with (n + 1)(1 - c_n) < f, c_n the n-th highest confidence
 *              (at least one).
 */

export type UnmaskRule =
  | { kind: 'steps'; /** Denoising steps per block (clamped to the block's mask count). */ perBlock: number }
  | { kind: 'threshold'; tau: number }
  | { kind: 'factor'; factor: number };

/** Splits total into `parts` integers that differ by at most one, larger ones first (LLaDA's schedule). */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`splitEvenly: total must be a non-negative integer, got ${total}`);
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`splitEvenly: parts must be a positive integer, got ${parts}`);
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Indices of candidates ordered by decreasing confidence (ties: lower index first). */
export function rankByConfidence(confidences: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: confidences.length }, (_, i) => i);
  order.sort((a, b) => confidences[b] - confidences[a] || a - b);
  return Int32Array.from(order);
}

/** The k most confident indices (k clamped to [0, length]). */
export function selectTopK(confidences: ArrayLike<number>, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 0) throw new Error(`selectTopK: k must be a non-negative integer, got ${k}`);
  return rankByConfidence(confidences).slice(0, Math.min(k, confidences.length));
}

/** Every index with confidence > tau, most confident first; if none, the single most confident. */
export function selectByThreshold(confidences: ArrayLike<number>, tau: number): Int32Array {
  if (!Number.isFinite(tau)) throw new Error(`selectByThreshold: tau must be a finite number, got ${tau}`);
  if (confidences.length === 0) return new Int32Array(0);
  const order = rankByConfidence(confidences);
  let n = 0;
  while (n < order.length && confidences[order[n]] > tau) n++;
  return order.slice(0, Math.max(1, n));
}

/**
 * The factor rule's n: the largest n in [1, length] with (n + 1)(1 - c_n) < f, where c_n is the
 * n-th highest confidence; 1 when no n qualifies (progress is always made).
 */
export function factorCount(confidences: ArrayLike<number>, factor: number): number {
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`factorCount: factor must be a positive number, got ${factor}`);
  if (confidences.length === 0) return 0;
  const sorted = Array.from(confidences).sort((a, b) => b - a);
  let best = 1;
  for (let n = 1; n <= sorted.length; n++) {
    if ((n + 1) * (1 - sorted[n - 1]) < factor) best = n;
  }
  return best;
}

/** The factorCount(confidences, f) most confident indices. */
export function selectByFactor(confidences: ArrayLike<number>, factor: number): Int32Array {
  return rankByConfidence(confidences).slice(0, factorCount(confidences, factor));
}

export function checkUnmaskRule(rule: UnmaskRule | undefined, fn: string): UnmaskRule {
  if (!rule || typeof rule !== 'object') {
    throw new Error(`${fn}: options.rule must be { kind: 'steps', perBlock } | { kind: 'threshold', tau } | { kind: 'factor', factor }`);
  }
  switch (rule.kind) {
    case 'steps':
      if (!Number.isInteger(rule.perBlock) || rule.perBlock < 1) {
        throw new Error(`${fn}: options.rule.perBlock must be a positive integer, got ${rule.perBlock}`);
      }
      return rule;
    case 'threshold':
      if (!Number.isFinite(rule.tau) || rule.tau < 0) throw new Error(`${fn}: options.rule.tau must be a number >= 0, got ${rule.tau}`);
      return rule;
    case 'factor':
      if (!Number.isFinite(rule.factor) || rule.factor <= 0) {
        throw new Error(`${fn}: options.rule.factor must be a positive number, got ${rule.factor}`);
      }
      return rule;
    default:
      throw new Error(`${fn}: options.rule.kind must be 'steps', 'threshold' or 'factor', got ${String((rule as { kind?: unknown }).kind)}`);
  }
}

/**
 * Applies a rule inside one block. Create it when the block starts (with the block's mask count);
 * call select() once per step with the confidences of the still-masked candidates.
 */
export class BlockUnmasker {
  private readonly schedule: number[] | null;
  private step = 0;

  constructor(private readonly rule: UnmaskRule, masksInBlock: number) {
    this.schedule = rule.kind === 'steps' ? splitEvenly(masksInBlock, Math.max(1, Math.min(rule.perBlock, masksInBlock))) : null;
  }

  /**
   * Indices into `confidences` to reveal now. `scores`, when given, replaces the confidences for
   * ranking (random remasking ranks by uniform noise instead of confidence).
   */
  select(confidences: ArrayLike<number>, scores?: ArrayLike<number>): Int32Array {
    const rank = scores ?? confidences;
    let chosen: Int32Array;
    if (this.schedule) {
      // The last scheduled step takes whatever is left, so a block always finishes on time.
      const k = this.step >= this.schedule.length - 1 ? confidences.length : this.schedule[this.step];
      chosen = selectTopK(rank, k);
    } else if (this.rule.kind === 'threshold') {
      chosen = selectByThreshold(rank, this.rule.tau);
    } else {
      chosen = selectByFactor(rank, (this.rule as { factor: number }).factor);
    }
    this.step++;
    return chosen;
  }
}
