import { describe, expect, it } from 'vitest';
import { blockDiffusionTrainingMask, mayAttend, maskToBias, MASKED_BIAS, patternMask } from '@/lib/models/transformer/masks';

describe('attention masks', () => {
  it('the 2L mask matches its definition position by position', () => {
    const L = 12;
    const bs = 4;
    const m = blockDiffusionTrainingMask(L, bs);
    expect(m.length).toBe(4 * L * L);
    for (let q = 0; q < 2 * L; q++) {
      for (let k = 0; k < 2 * L; k++) {
        const qNoisy = q < L;
        const kNoisy = k < L;
        const qb = Math.floor((q % L) / bs);
        const kb = Math.floor((k % L) / bs);
        let expected: boolean;
        if (qNoisy && kNoisy) expected = qb === kb; // own noisy block only
        else if (qNoisy && !kNoisy) expected = kb < qb; // clean strictly earlier blocks
        else if (!qNoisy && kNoisy) expected = false; // clean never sees noisy
        else expected = kb <= qb; // clean block-causal
        expect(m[q * 2 * L + k], `q=${q} k=${k}`).toBe(expected ? 1 : 0);
      }
    }
  });

  it('the 2L mask for L=4, block 2 is the hand-written matrix', () => {
    // rows/cols: noisy 0..3 then clean 0..3
    const expected = [
      [1, 1, 0, 0, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0, 0, 0],
      [0, 0, 1, 1, 1, 1, 0, 0],
      [0, 0, 1, 1, 1, 1, 0, 0],
      [0, 0, 0, 0, 1, 1, 0, 0],
      [0, 0, 0, 0, 1, 1, 0, 0],
      [0, 0, 0, 0, 1, 1, 1, 1],
      [0, 0, 0, 0, 1, 1, 1, 1],
    ];
    expect(Array.from(blockDiffusionTrainingMask(4, 2))).toEqual(expected.flat());
  });

  it('patterns follow absolute positions: causal j<=i, bidirectional all, block-causal block(j)<=block(i)', () => {
    expect(Array.from(patternMask('causal', [2, 3], [0, 1, 2, 3]))).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(patternMask('bidirectional', [0], [0, 5, 9]))).toEqual([1, 1, 1]);
    expect(Array.from(patternMask('block-causal', [4, 5], [0, 3, 4, 7, 8], 4))).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 0]);
    expect(mayAttend('block-causal', 3, 7, 4)).toBe(false);
    expect(() => patternMask('block-causal', [0], [0], 0)).toThrow(/blockSize/);
    expect(() => blockDiffusionTrainingMask(0, 2)).toThrow(/seqLen/);
  });

  it('converts to an additive bias', () => {
    expect(Array.from(maskToBias(Uint8Array.of(1, 0)))).toEqual([0, MASKED_BIAS]);
  });
});
