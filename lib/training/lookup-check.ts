/**
 * The lookup check: the lookup task (`kv:a=3,b=5?b>` -> 5) cut down until a small model must learn
 * it, to find out why no model learned the full task (docs/training.md). Each variant keeps the
 * lookup prompt's format and changes one thing: how many keys exist, how many pairs a prompt lists,
 * and what is asked. Pure: scripts/lookup-check-main.ts trains on them.
 */
import type { Rng } from '@/lib/math/rng';
import type { Example } from '@/lib/data/text/corpus';
import { LETTERS } from '@/lib/data/text/tasks';

export type LookupQuestion =
  /** The queried key's value: the real task. */
  | 'value'
  /** The first pair's value, whatever the query: answered from a fixed position, no matching needed. */
  | 'first-value'
  /** 'y' when the queried key is the first pair's key, else 'n': only the matching, nothing copied. */
  | 'is-first';

export interface LookupVariant {
  /** Keys are drawn from the first `keyCount` letters (26: the real task). */
  keyCount: number;
  /** A prompt lists minPairs..maxPairs pairs (2..5: the real task; 2..2: every token at a fixed place). */
  minPairs: number;
  maxPairs: number;
  question: LookupQuestion;
}

/** The real task's shape (lib/data/text/tasks.ts, 'kv'). */
export const FULL_LOOKUP: LookupVariant = { keyCount: 26, minPairs: 2, maxPairs: 5, question: 'value' };

/** One prompt of a variant, with its exact answer. */
export function lookupExample(variant: LookupVariant, rng: Rng): Example {
  const { keyCount, minPairs, maxPairs, question } = variant;
  if (!(Number.isInteger(keyCount) && keyCount >= maxPairs && keyCount <= LETTERS.length)) {
    throw new Error(`lookupExample: keyCount must be an integer in [maxPairs, 26], got ${keyCount}`);
  }
  if (!(Number.isInteger(minPairs) && minPairs >= 1 && maxPairs >= minPairs)) {
    throw new Error(`lookupExample: need 1 <= minPairs <= maxPairs, got ${minPairs}..${maxPairs}`);
  }
  const n = minPairs + rng.int(maxPairs - minPairs + 1);
  const keys: string[] = [];
  while (keys.length < n) {
    const k = LETTERS[rng.int(keyCount)];
    if (!keys.includes(k)) keys.push(k);
  }
  const values = keys.map(() => String(rng.int(10)));
  const q = rng.int(n);
  const prompt = `kv:${keys.map((k, i) => `${k}=${values[i]}`).join(',')}?${keys[q]}>`;
  const answer = question === 'value' ? values[q] : question === 'first-value' ? values[0] : q === 0 ? 'y' : 'n';
  return { kind: 'kv', prompt, answer };
}

/**
 * Exact match expected from a model that knows the answer's form but not the matching: it names one
 * of the listed values at random ('value'), or says y or n at random ('is-first'). Averaged over the
 * examples given. 'first-value' needs no matching, so its floor is the same as 'value''s.
 */
export function guessingRate(variant: LookupVariant, examples: readonly Example[]): number {
  if (examples.length === 0) return 0;
  let sum = 0;
  for (const e of examples) {
    if (variant.question === 'is-first') { sum += 0.5; continue; }
    const values = [...e.prompt.matchAll(/[a-z]=(\d)/g)].map((m) => m[1]);
    sum += values.filter((v) => v === e.answer).length / values.length;
  }
  return sum / examples.length;
}
