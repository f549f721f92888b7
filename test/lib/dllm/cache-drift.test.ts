import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { measureCacheDrift, type CacheDriftOptions, type DriftStep, type DriftSummary } from '@/lib/dllm/cache-drift';
import { decodeFastDllm } from '@/lib/dllm/fast-dllm';
import { runDecoder } from '@/lib/dllm/types';
import { randomPrompts } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

async function collect(model: SequenceModel, prompt: Int32Array, options: CacheDriftOptions) {
  const before = tf.memory().numTensors;
  const steps: DriftStep[] = [];
  const decoder = measureCacheDrift(model, prompt, options);
  let summary: DriftSummary;
  for (;;) {
    const next = await decoder.next();
    if (next.done) {
      summary = next.value;
      break;
    }
    steps.push(next.value);
  }
  expect(tf.memory().numTensors).toBe(before);
  return { steps, summary };
}

describe('cache drift', () => {
  let bidirectional: SequenceModel;
  let blockCausal: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    bidirectional = createSmallTransformer('bidirectional', 31);
    blockCausal = createSmallTransformer('block-causal', 32, 8);
  });
  afterAll(() => {
    bidirectional.dispose();
    blockCausal.dispose();
  });

  it('is zero for the exact prefix cache of a block-causal model (blocks on block boundaries)', async () => {
    for (const prompt of randomPrompts(3, 8, 8, 51, FIRST_TEXT_ID, 5).concat(randomPrompts(2, 16, 16, 51, FIRST_TEXT_ID, 6))) {
      const { steps, summary } = await collect(blockCausal, prompt, { ids: TEXT_IDS, genLength: 24, blockLength: 8, cache: 'prefix', rule: { kind: 'steps', perBlock: 4 } });
      expect(steps.length).toBe(12);
      expect(steps.some((s) => !s.refreshed && s.blockStart > 0)).toBe(true);
      expect(summary.maxDrift).toBeLessThan(1e-5);
    }
  });

  it('is positive for the approximate caches of a bidirectional model, and zero on every refresh pass', async () => {
    for (const cache of ['prefix', 'dual'] as const) {
      const [prompt] = randomPrompts(1, 6, 6, 51, FIRST_TEXT_ID, 8);
      const { steps, summary } = await collect(bidirectional, prompt, { ids: TEXT_IDS, genLength: 24, blockLength: 8, cache, rule: { kind: 'steps', perBlock: 8 } });
      expect(summary.maxDrift).toBeGreaterThan(1e-3);
      for (const s of steps.filter((x) => x.refreshed)) expect(s.maxDrift).toBe(0);
      // The block itself is never served from the cache: its drift cells are NaN.
      const total = s0(steps).tokens.length;
      const later = steps.find((s) => !s.refreshed)!;
      for (let p = later.blockStart; p < later.blockEnd; p++) expect(Number.isNaN(later.drift[p])).toBe(true);
      if (cache === 'prefix') expect(Number.isNaN(later.drift[total - 1])).toBe(true);
      else if (later.blockEnd < total) expect(Number.isNaN(later.drift[total - 1])).toBe(false);
    }
  });

  it('decodes the same tokens as decodeFastDllm with the same cache (the extra pass only measures)', async () => {
    for (const [i, prompt] of randomPrompts(3, 3, 12, 51, FIRST_TEXT_ID, 12).entries()) {
      const cache = i % 2 ? 'prefix' : 'dual';
      const options = { ids: TEXT_IDS, genLength: 16, blockLength: 8, cache, rule: { kind: 'threshold', tau: 0.5 } } as const;
      const drift = await collect(bidirectional, prompt, options);
      const plain = await runDecoder(decodeFastDllm(bidirectional, prompt, options));
      expect(Array.from(drift.summary.tokens)).toEqual(Array.from(plain.tokens));
    }
  });

  it('refuses a causal model and an unknown cache', async () => {
    const ar = createSmallTransformer('causal', 3);
    await expect(collect(ar, Int32Array.from([5, 6]), { ids: TEXT_IDS, genLength: 4, cache: 'prefix' })).rejects.toThrow(/bidirectional or block-causal/);
    await expect(collect(bidirectional, Int32Array.from([5, 6]), { ids: TEXT_IDS, genLength: 4, cache: 'none' as never })).rejects.toThrow(/'prefix' or 'dual'/);
    ar.dispose();
  });
});

function s0(steps: DriftStep[]): DriftStep {
  return steps[0];
}
