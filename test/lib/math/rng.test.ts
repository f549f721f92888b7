import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '@/lib/math/rng';

describe('seeded rng', () => {
  it('same seed gives the same stream, different seeds differ', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    const sb = Array.from({ length: 5 }, () => b.next());
    const sc = Array.from({ length: 5 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('normal draws have mean 0 and variance 1 within sampling error', () => {
    const rng = createRng(7);
    const n = 50_000;
    let sum = 0, sumSq = 0;
    for (let i = 0; i < n; i++) { const z = rng.normal(); sum += z; sumSq += z * z; }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // standard error of the mean is 1/sqrt(n) = 0.0045; of the variance about sqrt(2/n) = 0.0063
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it('int stays in range and rejects bad n', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) { const k = rng.int(3); expect(k >= 0 && k < 3).toBe(true); }
    expect(() => rng.int(0)).toThrow(/positive integer/);
  });

  it('shuffle is a permutation', () => {
    const xs = shuffleInPlace([1, 2, 3, 4, 5, 6], createRng(3));
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
