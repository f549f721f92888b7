/**
 * Attention masks as host arrays (1 = may attend), computed from ABSOLUTE positions so that a slice
 * with a cached context gets exactly the entries a full forward would.
 */
import type { AttentionPattern } from './types';

/** Additive bias for a disallowed pair: large enough to zero the softmax weight in float32. */
export const MASKED_BIAS = -1e9;

/** Whether a query at absolute position i may see a key at absolute position j. */
export function mayAttend(pattern: AttentionPattern, i: number, j: number, blockSize = 1): boolean {
  switch (pattern) {
    case 'causal':
      return j <= i;
    case 'bidirectional':
      return true;
    case 'block-causal':
      return Math.floor(j / blockSize) <= Math.floor(i / blockSize);
    default:
      throw new Error(`mayAttend: pattern must be causal, bidirectional or block-causal, got ${String(pattern)}`);
  }
}

/** [queries.length * keys.length] row-major: 1 where query i may see key j under the pattern. */
export function patternMask(
  pattern: AttentionPattern,
  queryPositions: ArrayLike<number>,
  keyPositions: ArrayLike<number>,
  blockSize = 1,
): Uint8Array {
  if (pattern === 'block-causal' && !(Number.isInteger(blockSize) && blockSize > 0)) {
    throw new Error(`patternMask: blockSize must be a positive integer, got ${blockSize}`);
  }
  const nq = queryPositions.length;
  const nk = keyPositions.length;
  const mask = new Uint8Array(nq * nk);
  for (let q = 0; q < nq; q++) {
    for (let k = 0; k < nk; k++) {
      mask[q * nk + k] = mayAttend(pattern, queryPositions[q], keyPositions[k], blockSize) ? 1 : 0;
    }
  }
  return mask;
}

/**
 * BD3-LM's 2L training mask over the input [x_t ; x_0] (indices 0..L-1 noisy, L..2L-1 clean), as
 * [2L * 2L] row-major, 1 = may attend:
 * - noisy token in block b sees noisy tokens of block b (block diagonal) and clean tokens of
 *   blocks < b (offset block-causal);
 * - clean token in block b sees clean tokens of blocks <= b (block-causal), never noisy ones.
 * So each noisy block is denoised from a clean prefix, exactly as at sampling time with a KV cache.
 */
export function blockDiffusionTrainingMask(seqLen: number, blockSize: number): Uint8Array {
  if (!Number.isInteger(seqLen) || seqLen <= 0) throw new Error(`blockDiffusionTrainingMask: seqLen must be a positive integer, got ${seqLen}`);
  if (!Number.isInteger(blockSize) || blockSize <= 0) throw new Error(`blockDiffusionTrainingMask: blockSize must be a positive integer, got ${blockSize}`);
  const n = 2 * seqLen;
  const mask = new Uint8Array(n * n);
  for (let q = 0; q < n; q++) {
    const qClean = q >= seqLen;
    const qb = Math.floor((q % seqLen) / blockSize);
    for (let k = 0; k < n; k++) {
      const kClean = k >= seqLen;
      const kb = Math.floor((k % seqLen) / blockSize);
      let ok: boolean;
      if (!qClean) ok = kClean ? kb < qb : kb === qb;
      else ok = kClean && kb <= qb;
      mask[q * n + k] = ok ? 1 : 0;
    }
  }
  return mask;
}

/** Converts a 0/1 mask to the additive bias the attention adds to its scores. */
export function maskToBias(mask: Uint8Array): Float32Array {
  const bias = new Float32Array(mask.length);
  for (let i = 0; i < mask.length; i++) bias[i] = mask[i] ? 0 : MASKED_BIAS;
  return bias;
}
