/**
 * The attention masks of block diffusion (lesson 10), as plain nested arrays a reader can compare
 * with their own code, and words for each cell of the 2L training mask. The masks themselves come
 * from lib/models/transformer/masks.ts, the code the model runs with; nothing is re-derived here.
 */
import { blockDiffusionTrainingMask, mayAttend } from '@/lib/models/transformer/masks';

function checkSizes(length: number, blockSize: number, fn: string): void {
  if (!Number.isInteger(length) || length < 1) throw new Error(`${fn}: length must be a positive integer, got ${length}`);
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`${fn}: blockSize must be a positive integer, got ${blockSize}`);
}

/**
 * The block-causal mask used at sampling time: mask[i][j] = 1 when position i may attend to
 * position j, i.e. when j's block is not after i's block. blockSize 1 is the causal (AR) mask;
 * blockSize >= length is the bidirectional (MDLM) mask.
 */
export function blockCausalMask(length: number, blockSize: number): number[][] {
  checkSizes(length, blockSize, 'blockCausalMask');
  return Array.from({ length }, (_, i) => Array.from({ length }, (_, j) => (mayAttend('block-causal', i, j, blockSize) ? 1 : 0)));
}

/** Which part of the 2L training mask a cell belongs to. */
export type TrainingMaskPart = 'noisy-own-block' | 'noisy-sees-clean-prefix' | 'clean-block-causal' | 'blocked';

export interface TrainingMaskCell {
  /** 1 when the query may attend to the key (read from blockDiffusionTrainingMask). */
  allowed: 0 | 1;
  part: TrainingMaskPart;
  /** One sentence for the reader's hover. */
  explains: string;
}

/** The 2L mask as rows (the same numbers as blockDiffusionTrainingMask). */
export function trainingMaskRows(seqLen: number, blockSize: number): number[][] {
  const flat = blockDiffusionTrainingMask(seqLen, blockSize);
  const n = 2 * seqLen;
  return Array.from({ length: n }, (_, q) => Array.from(flat.subarray(q * n, q * n + n)));
}

/** Query/key index (0..2L-1) in words: "noisy x_t position 3 (block 1)". */
export function describeTrainingIndex(index: number, seqLen: number, blockSize: number): string {
  const clean = index >= seqLen;
  const pos = index % seqLen;
  return `${clean ? 'clean x₀' : 'noisy xₜ'} position ${pos} (block ${Math.floor(pos / blockSize)})`;
}

/** What one cell of the 2L training mask means: why the query may or may not see the key. */
export function explainTrainingMaskCell(seqLen: number, blockSize: number, query: number, key: number, mask?: Uint8Array): TrainingMaskCell {
  checkSizes(seqLen, blockSize, 'explainTrainingMaskCell');
  const n = 2 * seqLen;
  if (!Number.isInteger(query) || query < 0 || query >= n) throw new Error(`explainTrainingMaskCell: query must be an integer in [0, ${n}), got ${query}`);
  if (!Number.isInteger(key) || key < 0 || key >= n) throw new Error(`explainTrainingMaskCell: key must be an integer in [0, ${n}), got ${key}`);
  const allowed = (mask ?? blockDiffusionTrainingMask(seqLen, blockSize))[query * n + key] ? 1 : 0;
  const qClean = query >= seqLen;
  const kClean = key >= seqLen;
  const qb = Math.floor((query % seqLen) / blockSize);
  const kb = Math.floor((key % seqLen) / blockSize);
  const q = describeTrainingIndex(query, seqLen, blockSize);
  const k = describeTrainingIndex(key, seqLen, blockSize);
  if (!qClean && !kClean) {
    return qb === kb
      ? { allowed, part: 'noisy-own-block', explains: `${q} sees ${k}: inside its own block the noisy tokens attend to each other in both directions (masked diffusion within the block).` }
      : { allowed, part: 'blocked', explains: `${q} may not see ${k}: noisy tokens of another block would leak noise (or the answer) across blocks.` };
  }
  if (!qClean && kClean) {
    return kb < qb
      ? { allowed, part: 'noisy-sees-clean-prefix', explains: `${q} sees ${k}: a noisy block is denoised from the CLEAN earlier blocks, exactly as at sampling time with a cached prefix.` }
      : { allowed, part: 'blocked', explains: `${q} may not see ${k}: that is the clean copy of its own block${kb > qb ? ' or a later one' : ''}, i.e. the answer it must predict.` };
  }
  if (qClean && kClean) {
    return kb <= qb
      ? { allowed, part: 'clean-block-causal', explains: `${q} sees ${k}: the clean copy is block-causal, so its keys/values are those a cached prefix would hold.` }
      : { allowed, part: 'blocked', explains: `${q} may not see ${k}: clean tokens never look at later blocks (block-causal).` };
  }
  return { allowed, part: 'blocked', explains: `${q} may not see ${k}: the clean copy never attends to noisy tokens, so it stays what the prefix cache will hold.` };
}
