import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeFastDllm, measureCacheAgreement, type FastDllmOptions } from '@/lib/dllm/fast-dllm';
import { decodeMasked } from '@/lib/dllm/masked';
import { runDecoder, type DecodeStep, type SpecialIds } from '@/lib/dllm/types';
import { createToySequenceModel, randomPrompts } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const ids: SpecialIds = { padId: 0, maskId: 1, eosId: 2 };

/** Counts the query positions the model is run on (the cost a cache saves). */
function counting(model: SequenceModel) {
  const counter = { positions: 0 };
  const wrapped: SequenceModel = {
    config: model.config,
    forward(input) {
      counter.positions += input.positions.length;
      return model.forward(input);
    },
    dispose: () => model.dispose(),
  };
  return { wrapped, counter };
}

async function collect(model: SequenceModel, prompt: Int32Array, options: FastDllmOptions) {
  const steps: DecodeStep[] = [];
  const before = tf.memory().numTensors;
  const result = await runDecoder(decodeFastDllm(model, prompt, options), (s) => steps.push(s));
  // Every run, in every test: no tensor outlives the decoder.
  expect(tf.memory().numTensors).toBe(before);
  return { steps, result };
}

describe('Fast-dLLM prefix and dual caches', () => {
  let toy: SequenceModel;
  let real: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    toy = createToySequenceModel({ attention: 'bidirectional', seed: 13, suppressIds: [0, 2] });
    real = createSmallTransformer('bidirectional', 41);
  });
  afterAll(() => {
    toy.dispose();
    real.dispose();
  });

  it("with cache 'none' is exactly decodeMasked", async () => {
    const opts: FastDllmOptions = { ids, genLength: 12, blockLength: 4, rule: { kind: 'threshold', tau: 0.3 }, cache: 'none' };
    const a = await collect(toy, Int32Array.of(3, 4), opts);
    const b = await runDecoder(decodeMasked(toy, Int32Array.of(3, 4), opts));
    expect(Array.from(a.result.tokens)).toEqual(Array.from(b.tokens));
    expect(a.result.nfe).toBe(b.nfe);
  });

  it('with one step per block equals uncached decoding exactly (each block uses only its refresh pass)', async () => {
    for (const cache of ['prefix', 'dual'] as const) {
      for (const prompt of randomPrompts(3, 1, 6, 12, 3, 43)) {
        const opts: FastDllmOptions = { ids, genLength: 16, blockLength: 4, rule: { kind: 'steps', perBlock: 1 }, cache };
        const cached = await collect(toy, prompt, opts);
        const uncached = await collect(toy, prompt, { ...opts, cache: 'none' });
        expect(Array.from(cached.result.tokens)).toEqual(Array.from(uncached.result.tokens));
      }
    }
  });

  it('refreshes at each block start and runs less of the sequence on later steps', async () => {
    const prompt = Int32Array.of(3, 4, 5, 6);
    const base: FastDllmOptions = { ids, genLength: 16, blockLength: 4, cache: 'none' };
    const runs: Record<string, { positions: number; steps: DecodeStep[] }> = {};
    for (const cache of ['none', 'prefix', 'dual'] as const) {
      const { wrapped, counter } = counting(toy);
      const { steps } = await collect(wrapped, prompt, { ...base, cache });
      runs[cache] = { positions: counter.positions, steps };
    }
    // 16 steps of one token; per block: 1 full pass (20 positions) then 3 cached passes.
    expect(runs.none.positions).toBe(16 * 20);
    expect(runs.dual.positions).toBe(4 * 20 + 12 * 4);
    expect(runs.prefix.positions).toBe(4 * 20 + 3 * (16 + 12 + 8 + 4));
    expect(runs.dual.steps.map((s) => s.cachedUpTo)).toEqual([0, 4, 4, 4, 0, 8, 8, 8, 0, 12, 12, 12, 0, 16, 16, 16]);
    for (const cache of ['none', 'prefix', 'dual']) {
      const reported = runs[cache].steps.reduce((sum, s) => sum + (s.positionsComputed ?? 0), 0);
      expect(reported).toBe(runs[cache].positions);
    }
  });

  it('measures agreement with uncached decoding as fractions', async () => {
    const prompts = randomPrompts(3, 2, 8, 51, FIRST_TEXT_ID, 47);
    const opts: FastDllmOptions = { ids: TEXT_IDS, genLength: 24, blockLength: 8, rule: { kind: 'threshold', tau: 0.9 }, cache: 'dual' };
    const agreement = await measureCacheAgreement(real, prompts, opts);
    for (const f of [agreement.tokenAgreement, agreement.sequenceAgreement, agreement.answerAgreement]) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(1);
    }
    expect(agreement.results).toHaveLength(3);
    expect(agreement.tokenAgreement).toBeGreaterThan(0.5); // a 2-layer random model drifts little
  });

  it('leaves tf.memory().numTensors unchanged after full runs of both caches', async () => {
    const before = tf.memory().numTensors;
    for (const cache of ['prefix', 'dual'] as const) {
      await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, genLength: 24, blockLength: 8, rule: { kind: 'factor', factor: 1 }, cache });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('abort via generator.return() leaves tf.memory().numTensors unchanged', async () => {
    const before = tf.memory().numTensors;
    const gen = decodeFastDllm(toy, Int32Array.of(3, 4), { ids, genLength: 12, blockLength: 4, cache: 'dual' });
    for (let i = 0; i < 6; i++) await gen.next();
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the dual cache is alive mid-block
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks options at the boundary with errors naming the argument', async () => {
    await expect(decodeFastDllm(toy, [3], { ids, genLength: 8, cache: 'triple' } as never).next()).rejects.toThrow(/cache/);
    const causal = createToySequenceModel({ attention: 'causal' });
    await expect(decodeFastDllm(causal, [3], { ids, genLength: 8, cache: 'dual' }).next()).rejects.toThrow(/bidirectional/);
    causal.dispose();
    await expect(measureCacheAgreement(toy, [], { ids, genLength: 8, cache: 'dual' })).rejects.toThrow(/prompts/);
  });
});
