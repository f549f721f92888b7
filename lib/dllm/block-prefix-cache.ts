/**
 * The exact prefix cache of block decoding (BD3 and the arena): finished blocks never attend to
 * later ones under block-causal attention, so their keys/values are computed once. The first pass of
 * each block runs [clean tokens not cached yet ; the block] on top of the cache and keeps the clean
 * part's keys/values; later passes run only the block.
 */
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { appendKv, disposeKv, forwardSlice, sliceKv } from './kv-cache';
import { range } from './types';

export interface BlockPass {
  /** Logits of the computed slice, row i is position sliceStart + i. */
  logits: Float32Array;
  sliceStart: number;
  /** Positions the pass computed (the block, plus clean tokens it brought into the cache). */
  computed: number;
}

export class BlockPrefixCache {
  private cache: KvCache | null = null;
  /** Positions [0, cachedUpTo) have their keys/values in the cache. */
  cachedUpTo = 0;

  constructor(private readonly model: SequenceModel) {}

  /** One forward pass for the block [blockStart, blockEnd) of the canvas. */
  async pass(canvas: Int32Array, blockStart: number, blockEnd: number): Promise<BlockPass> {
    if (this.cachedUpTo < blockStart) {
      const sliceStart = this.cachedUpTo;
      const read = await forwardSlice(this.model, canvas.subarray(sliceStart, blockEnd), range(sliceStart, blockEnd), this.cache, true);
      const kv = read.kv as KvCache;
      const fresh = sliceKv(kv, 0, blockStart - sliceStart);
      disposeKv(kv);
      this.cache = appendKv(this.cache, fresh);
      this.cachedUpTo = blockStart;
      return { logits: read.logits, sliceStart, computed: blockEnd - sliceStart };
    }
    const { logits } = await forwardSlice(this.model, canvas.subarray(blockStart, blockEnd), range(blockStart, blockEnd), this.cache, false);
    return { logits, sliceStart: blockStart, computed: blockEnd - blockStart };
  }

  /** Frees the cache (the only tensors a block decoder holds); safe to call twice. */
  dispose(): void {
    disposeKv(this.cache);
    this.cache = null;
  }
}
