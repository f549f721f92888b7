import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { measureKvCacheCost, positionsComputed, type KvCostProgress, type KvCostResult } from '@/lib/dllm/kv-cache-cost';
import { createSmallTransformer, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

async function measure(model: SequenceModel, prompt: Int32Array, genLength: number) {
  const progress: KvCostProgress[] = [];
  const before = tf.memory().numTensors;
  const gen = measureKvCacheCost(model, prompt, genLength, TEXT_IDS);
  let result: KvCostResult;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      result = r.value;
      break;
    }
    progress.push(r.value);
  }
  expect(tf.memory().numTensors).toBe(before);
  return { progress, result };
}

describe('what the KV cache saves', () => {
  let model: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    model = createSmallTransformer('causal', 5);
  });
  afterAll(() => model.dispose());

  it('counts P + L − 1 positions with the cache and L·P + L(L − 1)/2 without', () => {
    expect(positionsComputed('cache', 1, 128)).toBe(128);
    expect(positionsComputed('no-cache', 1, 128)).toBe(8256);
    expect(positionsComputed('no-cache', 3, 4)).toBe(3 + 4 + 5 + 6);
    expect(positionsComputed('cache', 3, 4)).toBe(3 + 1 + 1 + 1);
  });

  it('runs one position a token with the cache (after the prompt) and the whole prefix without, writing the same tokens', async () => {
    const prompt = Int32Array.of(3, 10, 11);
    const { progress, result } = await measure(model, prompt, 40);
    expect(result.sameTokens).toBe(true);
    expect(result.cache.map((c) => c.positionsComputed)).toEqual([3, ...Array<number>(39).fill(1)]);
    expect(result.noCache.map((c) => c.positionsComputed)).toEqual(Array.from({ length: 40 }, (_, i) => 3 + i));
    expect(result.cache.reduce((s, c) => s + c.positionsComputed, 0)).toBe(positionsComputed('cache', 3, 40));
    expect(result.noCache.reduce((s, c) => s + c.positionsComputed, 0)).toBe(positionsComputed('no-cache', 3, 40));
    for (const c of [...result.cache, ...result.noCache]) expect(Number.isFinite(c.ms) && c.ms >= 0).toBe(true);
    // Every timed token was reported as it happened, cached run first; the warm-up is not reported.
    expect(progress.map((p) => p.mode)).toEqual([...Array<string>(40).fill('cache'), ...Array<string>(40).fill('no-cache')]);
    expect(progress.map((p) => p.cost.index)).toEqual([...Array.from({ length: 40 }, (_, i) => i), ...Array.from({ length: 40 }, (_, i) => i)]);
  });

  it('stopped mid-run (Stop in the page), it frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const gen = measureKvCacheCost(model, Int32Array.of(3, 10), 30, TEXT_IDS);
    for (let i = 0; i < 10; i++) await gen.next(); // into the cached run: its KV cache is held
    expect((await gen.return(undefined as never)).done).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a length under 2, naming it', async () => {
    await expect(measure(model, Int32Array.of(3), 1)).rejects.toThrow('measureKvCacheCost: genLength must be an integer >= 2, got 1');
  });
});
