/**
 * Where a forward pass spends its time, per kernel (tf.profile on the wasm backend), for the
 * forward shapes the decoders use: AR's one token on a cache, a BD3 block on a cached prefix, and
 * the full MDLM canvases at genLength 64 and 256. Part of `npm run bench:dllm`.
 */
import * as tf from '@/lib/tensor/tf';
import type { SequenceModel } from '@/lib/models/transformer/types';

export interface ForwardProfile {
  shape: string;
  kernels: number;
  /** Median over repeats of the wall time of one forward, ms. */
  wallMs: number;
  /** Sum of kernel times of one forward, ms. */
  kernelMs: number;
  /** Kernel time by kernel name, ms, largest first (top 6 + "other"). */
  byKernel: Record<string, number>;
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

/** Profiles model.forward on `queries` new positions after `context` cached ones (token ids are irrelevant to the cost). */
export async function profileForward(model: SequenceModel, label: string, queries: number, context: number, repeats = 5): Promise<ForwardProfile> {
  const ctx = context > 0 ? model.forward({ tokens: tf.tensor2d(new Int32Array(context).fill(5), [1, context], 'int32'), positions: range(0, context) }) : null;
  const tokens = tf.tensor2d(new Int32Array(queries).fill(6), [1, queries], 'int32');
  const positions = range(context, context + queries);
  const once = () => model.forward({ tokens, positions, context: ctx?.kv });
  const walls: number[] = [];
  for (let r = 0; r < repeats + 1; r++) {
    const t0 = performance.now();
    const out = once();
    await out.logits.data();
    if (r > 0) walls.push(performance.now() - t0); // the first pass pays for kernel setup
    tf.dispose([out.logits, ...out.kv.keys, ...out.kv.values]);
  }
  const info = await tf.profile(() => {
    const out = once();
    tf.dispose([...out.kv.keys, ...out.kv.values]);
    return out.logits;
  });
  const byName = new Map<string, number>();
  // tf.tidy scopes show up as 'unnamed scope' entries whose time includes their kernels': skip them.
  const kernels = info.kernels.filter((k) => !/scope/.test(k.name));
  for (const k of kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
  const sorted = [...byName].sort((a, b) => b[1] - a[1]);
  const byKernel: Record<string, number> = Object.fromEntries(sorted.slice(0, 6));
  const other = sorted.slice(6).reduce((s, [, v]) => s + v, 0);
  if (other > 0) byKernel.other = other;
  tf.dispose([tokens, ...(ctx ? [ctx.logits, ...ctx.kv.keys, ...ctx.kv.values] : [])]);
  walls.sort((a, b) => a - b);
  return {
    shape: `${label}: ${queries}q + ${context}ctx`,
    kernels: kernels.length,
    wallMs: walls[Math.floor(walls.length / 2)],
    kernelMs: sorted.reduce((s, [, v]) => s + v, 0),
    byKernel,
  };
}

export function formatProfile(p: ForwardProfile): string {
  const parts = Object.entries(p.byKernel).map(([k, v]) => `${k} ${(100 * v / p.kernelMs).toFixed(0)}%`);
  return `${p.shape.padEnd(28)} ${p.wallMs.toFixed(2).padStart(7)} ms wall, ${p.kernels} kernels, ${p.kernelMs.toFixed(2)} ms in kernels: ${parts.join(', ')}`;
}
