import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { KNOWN_LANGUAGE, knownLanguageVocab, promptProbability, sequenceOf } from '@/lib/data/known-language';
import { boundEstimate, compareEstimators, exactCompletionLogProb, onePassEstimate, summarise } from '@/lib/post-training/logprob-estimator';
import { MIRROR_TASK, mirrorPrompts } from '@/lib/post-training/mirror-task';

const V = knownLanguageVocab(KNOWN_LANGUAGE);
const x = sequenceOf([0, 0, 1, 2, 2, 2, 4]);

function givenAt(positions: number[]): Uint8Array {
  const g = new Uint8Array(V.length);
  for (const l of positions) g[l] = 1;
  return g;
}

describe('the exact completion log-probability', () => {
  it('is 0 when the prompt is the whole first half (the reversal is certain)', () => {
    expect(exactCompletionLogProb({ sequence: x, given: givenAt([0, 1, 2, 3, 4, 5, 6, 7, 15]) })).toBeCloseTo(0, 12);
  });

  it('is log p(x) when the prompt is only the separator and the end', () => {
    expect(exactCompletionLogProb({ sequence: x, given: givenAt([7, 15]) })).toBeCloseTo(Math.log(promptProbability([0, 0, 1, 2, 2, 2, 4])), 10);
  });
});

describe('the masked-diffusion bound estimate', () => {
  it('is unbiased: the mean of many draws is within 4 standard errors of the exact value', () => {
    const prompts = mirrorPrompts(4, 'heldout', MIRROR_TASK, createRng(11));
    const rng = createRng(12);
    for (let i = 0; i < prompts.count; i++) {
      const c = { sequence: prompts.source.slice(i * V.length, (i + 1) * V.length), given: prompts.given.slice(i * V.length, (i + 1) * V.length) };
      const exact = exactCompletionLogProb(c);
      const s = summarise(Array.from({ length: 400 }, () => boundEstimate(c, rng)));
      expect(s.se).toBeGreaterThan(0);
      expect(Math.abs(s.mean - exact)).toBeLessThan(4 * s.se);
    }
  });
});

describe("d1's one-pass estimate", () => {
  it('is the sum of log-marginals: far below the exact value when mirror pairs are both in the completion', () => {
    // prompt = separator and end only: every letter and its mirror are masked together
    const c = { sequence: x, given: givenAt([7, 15]) };
    const exact = exactCompletionLogProb(c);
    const one = onePassEstimate(c, 0, createRng(1));
    // each of the 14 letters is uniform alone (1/5): the estimate is 14 log(1/5), the exact value about half of it
    expect(one).toBeCloseTo(14 * Math.log(1 / 5), 6);
    expect(one).toBeLessThan(exact - 5);
  });

  it('is biased low on average over held-out cases (by more than 2 nats)', () => {
    const prompts = mirrorPrompts(6, 'heldout', MIRROR_TASK, createRng(21));
    const rng = createRng(22);
    let onePassGap = 0;
    for (let i = 0; i < prompts.count; i++) {
      const c = { sequence: prompts.source.slice(i * V.length, (i + 1) * V.length), given: prompts.given.slice(i * V.length, (i + 1) * V.length) };
      const r = compareEstimators(c, { rate: 0.15, draws: 40, rng });
      onePassGap += (r.onePass.mean - r.exact) / prompts.count;
    }
    expect(onePassGap).toBeLessThan(-2);
  });

  it('rejects a rate outside [0, 1)', () => {
    expect(() => onePassEstimate({ sequence: x, given: givenAt([7, 15]) }, 1, createRng(1))).toThrow(/rate must be in \[0, 1\)/);
  });
});

describe('the prediction question on the estimator', () => {
  it("says 'low', and its revealed numbers agree", async () => {
    const { findPrediction } = await import('@/lib/exercises/predictions');
    const q = findPrediction('one-pass-bias')!;
    expect(q.answer).toBe('low');
    const [exact, onePass] = q.reveal!().map((r) => Number(r.value));
    expect(onePass).toBeLessThan(exact);
    expect(onePass).toBeCloseTo(14 * Math.log(1 / 5), 3);
  });
});
