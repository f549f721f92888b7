import { describe, expect, it } from 'vitest';
import { movingAverage } from '@/lib/math/moving-average';

describe('movingAverage', () => {
  it('averages what it has at the start, then the last `window` values', () => {
    expect(movingAverage([2, 4, 6, 8], 2)).toEqual([[1, 2], [2, 3], [3, 5], [4, 7]]);
  });

  it('is empty for no values', () => {
    expect(movingAverage([], 25)).toEqual([]);
  });
});
