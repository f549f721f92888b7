import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { solveTask } from '@/lib/data/text/tasks';
import { FULL_LOOKUP, guessingRate, lookupExample } from '@/lib/training/lookup-check';

const draw = (variant: Parameters<typeof lookupExample>[0], count: number, seed = 1) => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => lookupExample(variant, rng));
};

describe('the lookup check variants', () => {
  it('the full variant is the real task: every prompt is a well-formed lookup whose answer the solver gives', () => {
    const examples = draw(FULL_LOOKUP, 300);
    for (const e of examples) expect(solveTask(e.prompt)).toEqual({ task: 'kv', answer: e.answer });
    const pairs = new Set(examples.map((e) => e.prompt.split(',').length));
    expect([...pairs].sort()).toEqual([2, 3, 4, 5]);
  });

  it('two pairs put every token at a fixed place, with keys from the first keyCount letters', () => {
    for (const e of draw({ keyCount: 4, minPairs: 2, maxPairs: 2, question: 'value' }, 200)) {
      expect(e.prompt).toMatch(/^kv:[a-d]=\d,[a-d]=\d\?[a-d]>$/);
      expect(e.prompt.length).toBe(13);
      expect(solveTask(e.prompt)?.answer).toBe(e.answer);
    }
  });

  it('first-value answers the first pair whatever the query; is-first answers whether the query is the first key', () => {
    for (const e of draw({ keyCount: 26, minPairs: 2, maxPairs: 2, question: 'first-value' }, 100)) expect(e.answer).toBe(e.prompt[5]);
    const asked = draw({ keyCount: 4, minPairs: 2, maxPairs: 2, question: 'is-first' }, 400);
    for (const e of asked) expect(e.answer).toBe(e.prompt[11] === e.prompt[3] ? 'y' : 'n');
    const yes = asked.filter((e) => e.answer === 'y').length;
    expect(yes).toBeGreaterThan(160); // about half (the query is a uniform pick of the two keys)
    expect(yes).toBeLessThan(240);
  });

  it('guessing: 1/2 for is-first; for values, the share of listed values equal to the answer (1/2 plus ties on two pairs)', () => {
    const twoPairs = draw({ keyCount: 26, minPairs: 2, maxPairs: 2, question: 'value' }, 2000);
    const rate = guessingRate({ keyCount: 26, minPairs: 2, maxPairs: 2, question: 'value' }, twoPairs);
    expect(rate).toBeGreaterThan(0.53); // 0.5 + 0.5 * P(same value) = 0.55
    expect(rate).toBeLessThan(0.57);
    expect(guessingRate({ keyCount: 4, minPairs: 2, maxPairs: 2, question: 'is-first' }, twoPairs)).toBe(0.5);
    expect(guessingRate(FULL_LOOKUP, [])).toBe(0);
  });

  it('refuses a key set smaller than the pairs it must fill, and an empty pair range', () => {
    expect(() => lookupExample({ keyCount: 3, minPairs: 2, maxPairs: 5, question: 'value' }, createRng(1))).toThrow(/keyCount must be an integer in \[maxPairs, 26\], got 3/);
    expect(() => lookupExample({ keyCount: 26, minPairs: 3, maxPairs: 2, question: 'value' }, createRng(1))).toThrow(/minPairs <= maxPairs/);
  });
});
