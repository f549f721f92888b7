import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeAutoregressive, type ArDecodeStep } from '@/lib/dllm/ar';
import { runDecoder, type SpecialIds } from '@/lib/dllm/types';
import { createToySequenceModel, randomPrompts, withForcedToken } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const ids: SpecialIds = { padId: 0, maskId: 1, eosId: 2 };

async function collect(model: SequenceModel, prompt: Int32Array, options: Parameters<typeof decodeAutoregressive>[2]) {
  const steps: ArDecodeStep[] = [];
  const before = tf.memory().numTensors;
  const result = await runDecoder(decodeAutoregressive(model, prompt, options), (s) => steps.push(s));
  // Every run, in every test: no tensor outlives the decoder.
  expect(tf.memory().numTensors).toBe(before);
  return { steps, result };
}

describe('autoregressive decoding', () => {
  let toy: SequenceModel;
  let real: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    toy = createToySequenceModel({ attention: 'causal', seed: 3, suppressIds: [0, 2] });
    real = createSmallTransformer('causal', 11);
  });
  afterAll(() => {
    toy.dispose();
    real.dispose();
  });

  it('with KV cache gives the same logits as full recompute within 1e-4 (toy model)', async () => {
    for (const prompt of randomPrompts(3, 1, 6, 12, 3, 7)) {
      // The toy model never predicts eos or pad: every run has full length, every step is compared.
      const opts = { ids, maxNewTokens: 20, returnLogits: true };
      const cached = await collect(toy, prompt, { ...opts, useCache: true });
      const full = await collect(toy, prompt, { ...opts, useCache: false });
      expect(cached.steps.length).toBe(full.steps.length);
      cached.steps.forEach((s, i) => {
        const a = s.logits as Float32Array;
        const b = full.steps[i].logits as Float32Array;
        for (let v = 0; v < a.length; v++) expect(Math.abs(a[v] - b[v])).toBeLessThan(1e-4);
      });
      expect(Array.from(cached.result.tokens)).toEqual(Array.from(full.result.tokens));
    }
  });

  it('with KV cache gives the same logits as full recompute within 1e-4 (real transformer, random init)', async () => {
    for (const prompt of randomPrompts(2, 2, 10, 51, FIRST_TEXT_ID, 8)) {
      const opts = { ids: TEXT_IDS, maxNewTokens: 24, returnLogits: true };
      const cached = await collect(real, prompt, { ...opts, useCache: true });
      const full = await collect(real, prompt, { ...opts, useCache: false });
      const n = Math.min(cached.steps.length, full.steps.length);
      for (let i = 0; i < n; i++) {
        const a = cached.steps[i].logits as Float32Array;
        const b = full.steps[i].logits as Float32Array;
        let worst = 0;
        for (let v = 0; v < a.length; v++) worst = Math.max(worst, Math.abs(a[v] - b[v]));
        expect(worst).toBeLessThan(1e-4);
      }
      expect(Array.from(cached.result.tokens)).toEqual(Array.from(full.result.tokens));
    }
  });

  it('counts one forward pass per token and caches all but the newest position', async () => {
    const prompt = Int32Array.of(3, 4, 5);
    const { steps, result } = await collect(toy, prompt, { ids, maxNewTokens: 5 });
    expect(result.nfe).toBe(5);
    expect(steps.map((s) => s.cachedUpTo)).toEqual([0, 3, 4, 5, 6]);
    expect(steps.map((s) => s.positionsComputed)).toEqual([3, 1, 1, 1, 1]);
    expect(steps.map((s) => s.positionsDecoded[0])).toEqual([3, 4, 5, 6, 7]);
    expect(steps[1].tokens[5]).toBe(ids.maskId);
  });

  it('stops at eos', async () => {
    const forced = withForcedToken(toy, 6, ids.eosId);
    const { result } = await collect(forced, Int32Array.of(3, 4), { ids, maxNewTokens: 20 });
    expect(result.stoppedAtEos).toBe(true);
    // The row at position 6 predicts position 7 (causal shift): eos lands at 7.
    expect(result.generated.length).toBe(5);
    expect(result.tokens.length).toBe(8);
    expect(result.tokens[7]).toBe(ids.eosId);
    expect(result.nfe).toBe(6);
  });

  it('with ignoreEos writes every token past eos (fixed-length cost demos)', async () => {
    const forced = withForcedToken(toy, 6, ids.eosId);
    const { steps, result } = await collect(forced, Int32Array.of(3, 4), { ids, maxNewTokens: 20, ignoreEos: true });
    expect(result.tokens.length).toBe(22);
    expect(result.tokens[7]).toBe(ids.eosId);
    expect(result.nfe).toBe(20);
    expect(steps.map((s) => s.positionsDecoded[0])).toEqual(Array.from({ length: 20 }, (_, i) => 2 + i));
  });

  it('samples reproducibly from the seed with temperature and top-k', async () => {
    const opts = { ids, maxNewTokens: 12, temperature: 1.5, topK: 4, seed: 42 };
    const a = await collect(toy, Int32Array.of(5), opts);
    const b = await collect(toy, Int32Array.of(5), opts);
    const c = await collect(toy, Int32Array.of(5), { ...opts, seed: 43 });
    expect(Array.from(a.result.tokens)).toEqual(Array.from(b.result.tokens));
    expect(Array.from(a.result.tokens)).not.toEqual(Array.from(c.result.tokens));
    expect(a.result.tokens.includes(ids.maskId)).toBe(false);
  });

  it('leaves tf.memory().numTensors unchanged after a full run, cached and uncached', async () => {
    const before = tf.memory().numTensors;
    await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, maxNewTokens: 10 });
    await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, maxNewTokens: 10, useCache: false });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('abort via generator.return() leaves tf.memory().numTensors unchanged', async () => {
    const before = tf.memory().numTensors;
    const gen = decodeAutoregressive(toy, Int32Array.of(3, 4), { ids, maxNewTokens: 10 });
    await gen.next();
    await gen.next();
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the cache is alive mid-run
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks options at the boundary with errors naming the argument', async () => {
    const bad = async (prompt: number[], o: object, model: SequenceModel = toy) =>
      decodeAutoregressive(model, prompt, { ids, maxNewTokens: 4, ...o } as never).next();
    await expect(bad([3], { maxNewTokens: 0 })).rejects.toThrow(/maxNewTokens/);
    await expect(bad([3], { maxNewTokens: 70 })).rejects.toThrow(/genLength|maxLen/);
    await expect(bad([], {})).rejects.toThrow(/prompt/);
    await expect(bad([3, 99], {})).rejects.toThrow(/prompt\[1\]/);
    await expect(bad([3], { temperature: -1 })).rejects.toThrow(/temperature/);
    await expect(bad([3], { ids: { ...ids, eosId: 12 } })).rejects.toThrow(/ids\.eosId/);
    await expect(bad([3], {}, createToySequenceModel({ attention: 'bidirectional' }))).rejects.toThrow(/causal/);
  });
});
