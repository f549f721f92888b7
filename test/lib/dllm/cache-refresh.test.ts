import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeWithRefreshPolicy, type RefreshInfo } from '@/lib/dllm/cache-refresh';
import { decodeFastDllm } from '@/lib/dllm/fast-dllm';
import { decodeMasked } from '@/lib/dllm/masked';
import { decodeBlockDiffusion } from '@/lib/dllm/block';
import { passCost } from '@/lib/dllm/pass-cost';
import { runDecoder, type DecodeStep } from '@/lib/dllm/types';
import { randomPrompts } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

describe('a dual cache refreshed by a policy', () => {
  let model: SequenceModel;
  let bd3: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    model = createSmallTransformer('bidirectional', 41);
    bd3 = createSmallTransformer('block-causal', 42, 8);
  });
  afterAll(() => {
    model.dispose();
    bd3.dispose();
  });

  const base = { ids: TEXT_IDS, genLength: 24, blockLength: 8, rule: { kind: 'steps', perBlock: 8 } } as const;

  it('policy "never" is exactly the Fast-dLLM dual cache and policy "always" exactly uncached decoding', async () => {
    for (const prompt of randomPrompts(3, 3, 12, 51, FIRST_TEXT_ID, 21)) {
      const before = tf.memory().numTensors;
      const never = await runDecoder(decodeWithRefreshPolicy(model, prompt, { ...base, policy: () => false }));
      const always = await runDecoder(decodeWithRefreshPolicy(model, prompt, { ...base, policy: () => true }));
      expect(tf.memory().numTensors).toBe(before);
      const dual = await runDecoder(decodeFastDllm(model, prompt, { ...base, cache: 'dual' }));
      const uncached = await runDecoder(decodeMasked(model, prompt, base));
      expect(Array.from(never.tokens)).toEqual(Array.from(dual.tokens));
      expect(Array.from(always.tokens)).toEqual(Array.from(uncached.tokens));
    }
  });

  it('the policy sees the tokens committed since the last refresh, and a non-boolean answer is refused', async () => {
    const seen: RefreshInfo[] = [];
    const [prompt] = randomPrompts(1, 5, 5, 51, FIRST_TEXT_ID, 3);
    await runDecoder(decodeWithRefreshPolicy(model, prompt, { ...base, rule: { kind: 'steps', perBlock: 4 }, policy: (info) => { seen.push(info); return info.committedSinceRefresh >= 4; } }));
    // 4 steps per block of 8: steps 1..3 reach the policy; a refresh at step 2 resets the count.
    expect(seen.map((s) => s.committedSinceRefresh).slice(0, 3)).toEqual([2, 4, 2]);
    expect(seen.map((s) => s.stepInBlock).slice(0, 3)).toEqual([1, 2, 3]);
    const before = tf.memory().numTensors;
    await expect(runDecoder(decodeWithRefreshPolicy(model, prompt, { ...base, policy: (() => 'yes') as never }))).rejects.toThrow(/must return true or false/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passCost gives the positions every decoder really runs, pass by pass', async () => {
    const costs = async (decoder: AsyncGenerator<DecodeStep, unknown, void>) => {
      const out: number[] = [];
      await runDecoder(decoder as never, (s: DecodeStep) => out.push(s.positionsComputed ?? -1));
      return out;
    };
    for (const prompt of randomPrompts(4, 3, 20, 51, FIRST_TEXT_ID, 77)) {
      const p = prompt.length;
      const expected = (scheme: 'none' | 'prefix' | 'dual', steps: number) => Array.from({ length: steps }, (_, i) => passCost(scheme, p, 24, 8, Math.floor(i / 8), i % 8));
      expect(await costs(decodeFastDllm(model, prompt, { ...base, cache: 'none' }))).toEqual(expected('none', 24));
      expect(await costs(decodeFastDllm(model, prompt, { ...base, cache: 'prefix' }))).toEqual(expected('prefix', 24));
      expect(await costs(decodeFastDllm(model, prompt, { ...base, cache: 'dual' }))).toEqual(expected('dual', 24));
      const exact = await costs(decodeBlockDiffusion(bd3, prompt, { ids: { ...TEXT_IDS, eosId: 0 }, maxNewTokens: 24 }));
      // Block diffusion's blocks: every masked position of a block takes one pass.
      const first = Math.floor(p / 8) * 8;
      const want: number[] = [];
      for (let b = 0; first + b * 8 < p + 24; b++) {
        const start = first + b * 8;
        const masked = Math.min(start + 8, p + 24) - Math.max(start, p);
        for (let s = 0; s < masked; s++) want.push(passCost('exact', p, 24, 8, b, s));
      }
      expect(exact.slice(0, want.length)).toEqual(want.slice(0, exact.length));
    }
  });
});
