import { describe, expect, it } from 'vitest';
import {
  BlockUnmasker,
  checkUnmaskRule,
  factorCount,
  rankByConfidence,
  selectByFactor,
  selectByThreshold,
  selectTopK,
  splitEvenly,
} from '@/lib/dllm/parallel';
import { splitEvenly as splitFromMasked } from '@/lib/dllm/masked';

describe('splitEvenly', () => {
  it('splits 32 tokens over 8 steps into 4 each', () => {
    expect(splitEvenly(32, 8)).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
  });
  it('gives the remainder to the first steps, one each', () => {
    expect(splitEvenly(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitEvenly(7, 3)).toEqual([3, 2, 2]);
  });
  it('sums to the total and differs by at most one', () => {
    for (const [t, p] of [[0, 3], [1, 5], [64, 7], [256, 256], [5, 9]]) {
      const parts = splitEvenly(t, p);
      expect(parts).toHaveLength(p);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });
  it('is the same helper masked.ts exports', () => {
    expect(splitFromMasked).toBe(splitEvenly);
  });
  it('throws naming the bad argument', () => {
    expect(() => splitEvenly(-1, 2)).toThrow(/total/);
    expect(() => splitEvenly(4, 0)).toThrow(/parts/);
    expect(() => splitEvenly(4, 1.5)).toThrow(/parts/);
  });
});

describe('the factor rule', () => {
  it('picks the largest n with (n + 1)(1 - c_n) < f on hand-made confidences', () => {
    // sorted: 0.99, 0.95, 0.9, 0.6. Products: n=1: 2*0.01=0.02, n=2: 3*0.05=0.15, n=3: 4*0.1=0.4, n=4: 5*0.4=2.0
    const c = [0.6, 0.99, 0.9, 0.95];
    expect(factorCount(c, 1)).toBe(3);
    expect(factorCount(c, 0.35)).toBe(2); // n=3 gives 0.4, not below 0.35
    expect(factorCount(c, 0.45)).toBe(3);
    expect(factorCount(c, 0.1)).toBe(1);
    expect(factorCount(c, 2.01)).toBe(4);
    expect(Array.from(selectByFactor(c, 1))).toEqual([1, 3, 2]);
  });
  it('keeps the largest qualifying n even when a smaller one fails', () => {
    // n=1: 2*(1-0.5)=1.0 fails for f=1; n=2: 3*(1-0.5)=1.5 fails; all fail → 1 (progress)
    expect(factorCount([0.5, 0.5], 1)).toBe(1);
    // ties: n=3 with c=0.8: 4*0.2=0.8 < 1 qualifies even though (n=1) 2*0.2=0.4 also does
    expect(factorCount([0.8, 0.8, 0.8], 1)).toBe(3);
  });
  it('reveals at least one position when none qualifies', () => {
    expect(Array.from(selectByFactor([0.1, 0.3, 0.2], 0.5))).toEqual([1]);
  });
  it('rejects a non-positive factor', () => {
    expect(() => factorCount([0.5], 0)).toThrow(/factor/);
  });
});

describe('the threshold rule', () => {
  it('reveals every position above tau, most confident first', () => {
    expect(Array.from(selectByThreshold([0.95, 0.5, 0.99, 0.91], 0.9))).toEqual([2, 0, 3]);
  });
  it('reveals the single most confident one when none is above tau', () => {
    expect(Array.from(selectByThreshold([0.2, 0.7, 0.5], 0.9))).toEqual([1]);
  });
  it('with tau > 1 always reveals exactly one', () => {
    expect(Array.from(selectByThreshold([0.999, 1, 0.5], 1.01))).toEqual([1]);
  });
});

describe('top-k selection and the block unmasker', () => {
  it('ranks by confidence with ties to the lower index', () => {
    expect(Array.from(rankByConfidence([0.5, 0.9, 0.5, 0.1]))).toEqual([1, 0, 2, 3]);
    expect(Array.from(selectTopK([0.5, 0.9, 0.5, 0.1], 2))).toEqual([1, 0]);
  });
  it('follows splitEvenly inside a block and finishes on the last step', () => {
    const u = new BlockUnmasker({ kind: 'steps', perBlock: 3 }, 7);
    const conf = (n: number) => Array.from({ length: n }, (_, i) => 1 - i / 10);
    const a = u.select(conf(7));
    const b = u.select(conf(7 - a.length));
    const c = u.select(conf(7 - a.length - b.length));
    expect([a.length, b.length, c.length]).toEqual([3, 2, 2]);
  });
  it('checks rules at the boundary with errors naming the field', () => {
    expect(() => checkUnmaskRule({ kind: 'steps', perBlock: 0 }, 'f')).toThrow(/rule\.perBlock/);
    expect(() => checkUnmaskRule({ kind: 'threshold', tau: NaN }, 'f')).toThrow(/rule\.tau/);
    expect(() => checkUnmaskRule({ kind: 'factor', factor: -1 }, 'f')).toThrow(/rule\.factor/);
    expect(() => checkUnmaskRule({ kind: 'nope' } as never, 'f')).toThrow(/rule\.kind/);
  });
});
