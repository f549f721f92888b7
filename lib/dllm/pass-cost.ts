/**
 * How many query positions one denoising pass runs through the model under each cache (lesson 11),
 * as the decoders count them (DecodeStep.positionsComputed, tested against them):
 * - none:   every pass runs the whole sequence (prompt + answer canvas);
 * - prefix: the block's first pass is a full refresh; later passes run the block and all after it;
 * - dual:   the first pass is a full refresh; later passes run only the block;
 * - exact:  block diffusion's exact cache. Its blocks are the model's own (multiples of the block
 *           length from position 0, so block 0 is the one holding the first answer token and may
 *           start inside the prompt). The block's first pass also runs the clean tokens not cached
 *           yet (everything before it for block 0, the previous block afterwards); later passes
 *           run only the block.
 * Blocks of the other schemes start right after the prompt.
 */
export type CacheSchemeName = 'none' | 'prefix' | 'dual' | 'exact';

export function passCost(scheme: CacheSchemeName, promptLength: number, genLength: number, blockLength: number, block: number, stepInBlock: number): number {
  for (const [name, v, min] of [['promptLength', promptLength, 1], ['genLength', genLength, 1], ['blockLength', blockLength, 1], ['block', block, 0], ['stepInBlock', stepInBlock, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new Error(`passCost: ${name} must be an integer >= ${min}, got ${v}`);
  }
  const total = promptLength + genLength;
  const first = scheme === 'exact' ? Math.floor(promptLength / blockLength) * blockLength : promptLength;
  const blockStart = first + block * blockLength;
  if (blockStart >= total) throw new Error(`passCost: block ${block} starts at ${blockStart}, past the end of the sequence (${total})`);
  const blockEnd = Math.min(blockStart + blockLength, total);
  switch (scheme) {
    case 'none':
      return total;
    case 'prefix':
      return stepInBlock === 0 ? total : total - blockStart;
    case 'dual':
      return stepInBlock === 0 ? total : blockEnd - blockStart;
    case 'exact':
      if (stepInBlock > 0) return blockEnd - blockStart;
      return block === 0 ? blockEnd : blockEnd - (blockStart - blockLength);
    default:
      throw new Error(`passCost: scheme must be none, prefix, dual or exact, got ${String(scheme)}`);
  }
}
