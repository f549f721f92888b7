import { describe, expect, it } from 'vitest';
import { blockCausalMask, explainTrainingMaskCell, trainingMaskRows } from '@/lib/dllm/block-mask';
import { blockDiffusionTrainingMask } from '@/lib/models/transformer/masks';
import { createRng } from '@/lib/math/rng';

/** Brute force from the definition: j's block is not after i's block. */
function bruteBlockCausal(length: number, blockSize: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < length; i++) {
    const row: number[] = [];
    for (let j = 0; j < length; j++) {
      let bi = 0;
      while ((bi + 1) * blockSize <= i) bi++;
      let bj = 0;
      while ((bj + 1) * blockSize <= j) bj++;
      row.push(bj <= bi ? 1 : 0);
    }
    rows.push(row);
  }
  return rows;
}

describe('block-causal masks', () => {
  it('blockCausalMask equals the brute-force definition on random sizes', () => {
    const rng = createRng(7);
    for (let t = 0; t < 40; t++) {
      const length = 1 + rng.int(24);
      const blockSize = 1 + rng.int(9);
      expect(blockCausalMask(length, blockSize)).toEqual(bruteBlockCausal(length, blockSize));
    }
  });

  it('block size 1 is the causal mask and block size = length is all ones', () => {
    const causal = blockCausalMask(5, 1);
    causal.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(j <= i ? 1 : 0)));
    expect(blockCausalMask(5, 5).flat().every((v) => v === 1)).toBe(true);
    expect(blockCausalMask(5, 9).flat().every((v) => v === 1)).toBe(true);
  });

  it('the 2L training mask is made of the three parts BD3-LM describes', () => {
    const rng = createRng(11);
    for (let t = 0; t < 10; t++) {
      const L = 2 + rng.int(14);
      const B = 1 + rng.int(5);
      const rows = trainingMaskRows(L, B);
      const flat = blockDiffusionTrainingMask(L, B);
      const causal = blockCausalMask(L, B);
      for (let q = 0; q < 2 * L; q++) {
        for (let k = 0; k < 2 * L; k++) {
          expect(rows[q][k]).toBe(flat[q * 2 * L + k]);
          const cell = explainTrainingMaskCell(L, B, q, k, flat);
          expect(cell.allowed).toBe(rows[q][k]);
          expect(cell.part === 'blocked').toBe(rows[q][k] === 0);
          const bq = Math.floor((q % L) / B);
          const bk = Math.floor((k % L) / B);
          if (q >= L && k >= L) expect(rows[q][k]).toBe(causal[q - L][k - L]); // clean copy: block-causal
          if (q < L && k < L) expect(rows[q][k]).toBe(bq === bk ? 1 : 0); // noisy: own block only
          if (q < L && k >= L) expect(rows[q][k]).toBe(bk < bq ? 1 : 0); // noisy sees strictly earlier clean blocks
          if (q >= L && k < L) expect(rows[q][k]).toBe(0); // clean never sees noisy
        }
      }
    }
  });

  it('bad sizes and indices get errors that name the argument', () => {
    expect(() => blockCausalMask(0, 2)).toThrow(/length must be a positive integer/);
    expect(() => blockCausalMask(4, 1.5)).toThrow(/blockSize must be a positive integer/);
    expect(() => explainTrainingMaskCell(4, 2, 8, 0)).toThrow(/query must be an integer in \[0, 8\)/);
  });
});
