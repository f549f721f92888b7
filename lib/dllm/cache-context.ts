/**
 * The refresh pass of the masked-diffusion caches (Fast-dLLM's prefix and dual caches, and the
 * refresh policies of lesson 11): one full pass over the canvas gives this step's logits and the
 * keys/values to keep: the prefix [0, blockStart), plus the suffix [blockEnd, total) for the dual
 * cache. Later steps of the block run only the block on top of that context.
 */
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { concatKv, disposeKv, forwardSlice, sliceKv } from './kv-cache';
import { range } from './types';

export type CacheMode = 'prefix' | 'dual';

/** The cached context cut from a full pass's keys/values (null when there is nothing to keep). */
export function blockContext(kv: KvCache, blockStart: number, blockEnd: number, total: number, mode: CacheMode): KvCache | null {
  const hasPrefix = blockStart > 0;
  const hasSuffix = mode === 'dual' && blockEnd < total;
  if (!hasPrefix && !hasSuffix) return null;
  if (!hasSuffix) return sliceKv(kv, 0, blockStart);
  if (!hasPrefix) return sliceKv(kv, blockEnd, total - blockEnd);
  const prefix = sliceKv(kv, 0, blockStart);
  const suffix = sliceKv(kv, blockEnd, total - blockEnd);
  try {
    return concatKv(prefix, suffix);
  } finally {
    disposeKv(prefix);
    disposeKv(suffix);
  }
}

/** A full pass over the canvas: its logits (row i = position i) and the new context for the block. */
export async function refreshPass(model: SequenceModel, canvas: Int32Array, blockStart: number, blockEnd: number, mode: CacheMode): Promise<{ logits: Float32Array; context: KvCache | null }> {
  const read = await forwardSlice(model, canvas, range(0, canvas.length), null, true);
  const kv = read.kv as KvCache;
  try {
    return { logits: read.logits, context: blockContext(kv, blockStart, blockEnd, canvas.length, mode) };
  } finally {
    disposeKv(kv);
  }
}
