import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { changedFraction, gaussianNoiseOnIds } from '@/lib/diffusion/discrete/id-noise';

describe('gaussian noise on token ids', () => {
  it('adds sigma times one normal draw per id and rounds back into range', () => {
    const ids = [0, 5, 10, 46];
    const { noisy, rounded } = gaussianNoiseOnIds(ids, 2, 47, createRng(3));
    const z = createRng(3);
    ids.forEach((id, i) => {
      const expected = id + 2 * z.normal();
      expect(noisy[i]).toBeCloseTo(expected, 12);
      expect(rounded[i]).toBe(Math.min(46, Math.max(0, Math.round(expected))));
    });
  });

  it('with sigma 0 returns the ids unchanged', () => {
    const { rounded } = gaussianNoiseOnIds([1, 2, 3], 0, 47, createRng(1));
    expect(Array.from(rounded)).toEqual([1, 2, 3]);
    expect(changedFraction([1, 2, 3], rounded)).toBe(0);
  });

  it('changes most ids once sigma is a few units', () => {
    const ids = Array.from({ length: 400 }, (_, i) => 5 + (i % 37));
    const { rounded } = gaussianNoiseOnIds(ids, 3, 47, createRng(9));
    // P(|3 z| >= 0.5) = P(|z| >= 1/6) = 0.868
    expect(changedFraction(ids, rounded)).toBeGreaterThan(0.8);
    expect(changedFraction(ids, rounded)).toBeLessThan(0.93);
  });

  it('rejects bad arguments by name', () => {
    expect(() => gaussianNoiseOnIds([1, 47], 1, 47, createRng(1))).toThrow(/ids\[1\] must be a token id in \[0, 47\)/);
    expect(() => gaussianNoiseOnIds([1], -1, 47, createRng(1))).toThrow(/sigma must be a finite number >= 0/);
    expect(() => changedFraction([1, 2], [1])).toThrow(/rounded must have length 2/);
  });
});
