import { describe, expect, it } from 'vitest';
import { maskAnswerRegion, nelboBreakdown } from '@/lib/dllm/lab/nelbo-terms';
import { characterAccuracy, heldOutStoryPrefixes, heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';
import { summarizeByRule } from '@/lib/dllm/lab/remasking-quality';
import { splitOf } from '@/lib/data/text/corpus';

describe('the MDLM NELBO term by term', () => {
  it('matches a hand computation: 1/t times the masked positions\' -log softmax, mask never predicted', () => {
    // vocab 3, mask id 2; positions 0 and 2 masked, position 1 clean
    const logits = [
      0, Math.log(3), 100, // p = (1/4, 3/4) over tokens 0, 1: mask logit ignored
      5, 5, 5,             // unmasked: carried over, not scored
      Math.log(2), 0, -1,  // p = (2/3, 1/3)
    ];
    const b = nelboBreakdown(logits, [1, 0, 0], [2, 0, 2], 3, 2, 0.25);
    expect(b.weight).toBe(4);
    expect(b.terms.map((x) => x.position)).toEqual([0, 2]);
    expect(b.terms[0].prob).toBeCloseTo(0.75, 12);
    expect(b.terms[0].nll).toBeCloseTo(-Math.log(0.75), 12);
    expect(b.terms[1].nll).toBeCloseTo(-Math.log(2 / 3), 12);
    expect(b.terms[1].top).toBe(0);
    expect(b.terms[1].topProb).toBeCloseTo(2 / 3, 12);
    expect(b.sumNll).toBeCloseTo(-Math.log(0.75) - Math.log(2 / 3), 12);
    expect(b.loss).toBeCloseTo(4 * b.sumNll, 12);
  });

  it('masks only the answer region, about a fraction t of it, reproducibly from the seed', () => {
    const tokens = Array.from({ length: 64 }, (_, i) => 4 + (i % 40));
    const a = maskAnswerRegion(tokens, 10, 0.5, 1, 7);
    expect(Array.from(a.slice(0, 10))).toEqual(tokens.slice(0, 10));
    const masked = Array.from(a.slice(10)).filter((v) => v === 1).length;
    expect(masked).toBeGreaterThan(15);
    expect(masked).toBeLessThan(40);
    expect(Array.from(maskAnswerRegion(tokens, 10, 0.5, 1, 7))).toEqual(Array.from(a));
    expect(Array.from(maskAnswerRegion(tokens, 10, 1, 1, 7).slice(10)).every((v) => v === 1)).toBe(true);
    expect(() => maskAnswerRegion(tokens, 10, 0, 1, 7)).toThrow(/t must be in \(0, 1\]/);
  });
});

describe('held-out quality helpers', () => {
  it('draws distinct held-out task prompts only', () => {
    const prompts = heldOutTaskPrompts(8);
    expect(prompts).toHaveLength(8);
    expect(new Set(prompts.map((p) => p.prompt)).size).toBe(8);
    for (const p of prompts) expect(splitOf({ kind: 'add', prompt: p.prompt, answer: p.answer })).toBe('heldout');
  });

  it('character accuracy gives partial credit and charges length mismatches', () => {
    expect(characterAccuracy('abc', 'abc')).toBe(1);
    expect(characterAccuracy('abx', 'abc')).toBeCloseTo(2 / 3, 12);
    expect(characterAccuracy('ab', 'abcd')).toBe(0.5);
    expect(characterAccuracy('abcdef', 'abc')).toBe(0.5);
    expect(characterAccuracy('', '')).toBe(1);
  });

  it('draws distinct held-out story openings', () => {
    const prefixes = heldOutStoryPrefixes(6);
    expect(prefixes).toHaveLength(6);
    expect(new Set(prefixes).size).toBe(6);
    expect(prefixes.every((p) => p.length === 12)).toBe(true);
  });

  it('summarizes tasks and stories by remasking rule', () => {
    const base = { prompt: 'p', expected: 'e', answer: 'a' };
    const s = summarizeByRule([
      { ...base, kind: 'task', remasking: 'low-confidence', correct: 1, characterAccuracy: 1 },
      { ...base, kind: 'task', remasking: 'low-confidence', correct: 0, characterAccuracy: 0.5 },
      { ...base, kind: 'story', remasking: 'low-confidence', correct: 1, characterAccuracy: null },
      { ...base, kind: 'task', remasking: 'random', correct: 0, characterAccuracy: 0.25 },
      { ...base, kind: 'story', remasking: 'random', correct: 0, characterAccuracy: null },
    ]);
    expect(s).toEqual([
      { remasking: 'low-confidence', accuracy: 0.5, characterAccuracy: 0.75, storyValidity: 1, tasks: 2, stories: 1 },
      { remasking: 'random', accuracy: 0, characterAccuracy: 0.25, storyValidity: 0, tasks: 1, stories: 1 },
    ]);
  });
});
