/**
 * The built-in unmasking rules written as arena rules, so the reader's rule races them on the same
 * decoder, tasks and model: only the rule differs. They select exactly what lib/dllm/parallel.ts
 * selects (tested: same tokens as decodeBlockDiffusion with the matching rule).
 */
import { factorCount, rankByConfidence } from '../parallel';
import type { ArenaPass, ArenaRule } from './rule';

const ranked = (pass: ArenaPass) => Array.from(rankByConfidence(pass.candidates.map((c) => c.confidence))).map((i) => pass.candidates[i].position);

/** One token per pass: the most confident. */
export const oneAtATime: ArenaRule = (pass) => ranked(pass).slice(0, 1);

/** The k most confident positions per pass (top-k collapse when k is large and tokens depend on each other). */
export function topK(k: number): ArenaRule {
  if (!Number.isInteger(k) || k < 1) throw new Error(`topK: k must be a positive integer, got ${k}`);
  return (pass) => ranked(pass).slice(0, k);
}

/** Fast-dLLM's threshold rule: every position above tau, at least the most confident one. */
export function threshold(tau: number): ArenaRule {
  if (!Number.isFinite(tau)) throw new Error(`threshold: tau must be a finite number, got ${tau}`);
  return (pass) => {
    const order = ranked(pass);
    const above = pass.candidates.filter((c) => c.confidence > tau).length;
    return order.slice(0, Math.max(1, above));
  };
}

/** Fast-dLLM's factor rule: the largest n with (n + 1)(1 - c_n) < f. */
export function factor(f: number): ArenaRule {
  if (!Number.isFinite(f) || f <= 0) throw new Error(`factor: f must be a positive number, got ${f}`);
  return (pass) => ranked(pass).slice(0, factorCount(pass.candidates.map((c) => c.confidence), f));
}

export interface NamedRule {
  name: string;
  rule: ArenaRule;
}

/** The rules every arena race includes, from one token per pass to aggressive parallelism. */
export function builtinArenaRules(): NamedRule[] {
  return [
    { name: 'one per pass', rule: oneAtATime },
    { name: 'threshold 0.9', rule: threshold(0.9) },
    { name: 'threshold 0.7', rule: threshold(0.7) },
    { name: 'threshold 0.5', rule: threshold(0.5) },
    { name: 'factor 1', rule: factor(1) },
    { name: 'top-4', rule: topK(4) },
    { name: 'whole block', rule: topK(64) },
  ];
}
