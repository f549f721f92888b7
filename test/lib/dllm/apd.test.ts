import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeApd, type ApdOptions, type ApdStep } from '@/lib/dllm/apd';
import { decodeAutoregressive } from '@/lib/dllm/ar';
import { runDecoder, type SpecialIds } from '@/lib/dllm/types';
import { createToySequenceModel, randomPrompts, withForcedToken } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const ids: SpecialIds = { padId: 0, maskId: 1, eosId: 2 };

async function collect(dllm: SequenceModel, ar: SequenceModel, prompt: Int32Array, options: ApdOptions) {
  const steps: ApdStep[] = [];
  const before = tf.memory().numTensors;
  const result = await runDecoder(decodeApd(dllm, ar, prompt, options), (s) => steps.push(s));
  // Every run, in every test: no tensor outlives the decoder.
  expect(tf.memory().numTensors).toBe(before);
  return { steps, result };
}

describe('APD: dLLM proposals checked by the AR twin', () => {
  let dllm: SequenceModel;
  let ar: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    dllm = createToySequenceModel({ attention: 'bidirectional', seed: 51, suppressIds: [0, 2] });
    ar = createToySequenceModel({ attention: 'causal', seed: 52, suppressIds: [0, 2] });
  });
  afterAll(() => {
    dllm.dispose();
    ar.dispose();
  });

  it('with R = 0 gives exactly greedy autoregressive decoding', async () => {
    for (const prompt of randomPrompts(3, 1, 6, 12, 3, 53)) {
      const apd = await collect(dllm, ar, prompt, { ids, maxNewTokens: 20, mixtureWeight: 0, lookahead: 6 });
      const greedy = await runDecoder(decodeAutoregressive(ar, prompt, { ids, maxNewTokens: 20 }));
      expect(Array.from(apd.result.tokens)).toEqual(Array.from(greedy.tokens));
    }
  });

  it('with R = 1 accepts all W proposals each iteration', async () => {
    const { steps, result } = await collect(dllm, ar, Int32Array.of(3, 4), { ids, maxNewTokens: 20, mixtureWeight: 1, lookahead: 8 });
    expect(steps.map((s) => s.positionsDecoded.length)).toEqual([8, 8, 4]);
    expect(result.nfeDllm).toBe(3);
    expect(result.nfeAr).toBe(3);
    expect(result.nfe).toBe(6);
  });

  it('accepts at least one token per iteration and never more than the lookahead', async () => {
    const { steps, result } = await collect(dllm, ar, Int32Array.of(5), { ids, maxNewTokens: 30, mixtureWeight: 0.5, lookahead: 4 });
    for (const s of steps) {
      expect(s.positionsDecoded.length).toBeGreaterThanOrEqual(1);
      expect(s.positionsDecoded.length).toBeLessThanOrEqual(4);
      expect(s.acceptedProposals).toBeLessThanOrEqual(s.positionsDecoded.length);
    }
    expect(result.generated.length).toBe(30);
  });

  it('samples reproducibly with temperature from the seed', async () => {
    const opts: ApdOptions = { ids, maxNewTokens: 16, temperature: 1, seed: 9 };
    const a = await collect(dllm, ar, Int32Array.of(5), opts);
    const b = await collect(dllm, ar, Int32Array.of(5), opts);
    expect(Array.from(a.result.tokens)).toEqual(Array.from(b.result.tokens));
  });

  it('stops at eos', async () => {
    const d = withForcedToken(dllm, 7, ids.eosId);
    const a = withForcedToken(ar, 6, ids.eosId); // causal shift: row 6 predicts position 7
    const { result } = await collect(d, a, Int32Array.of(3, 4), { ids, maxNewTokens: 30, lookahead: 4 });
    expect(result.stoppedAtEos).toBe(true);
    expect(result.tokens.length).toBe(8);
    expect(result.generated.length).toBe(5);
  });

  it('leaves tf.memory().numTensors unchanged after a full run (real transformers)', async () => {
    const realD = createSmallTransformer('bidirectional', 61);
    const realA = createSmallTransformer('causal', 62);
    const before = tf.memory().numTensors;
    await collect(realD, realA, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, maxNewTokens: 30 });
    expect(tf.memory().numTensors).toBe(before);
    realD.dispose();
    realA.dispose();
  });

  it('abort via generator.return() leaves tf.memory().numTensors unchanged', async () => {
    const before = tf.memory().numTensors;
    const gen = decodeApd(dllm, ar, Int32Array.of(3, 4), { ids, maxNewTokens: 30, lookahead: 2 });
    await gen.next();
    await gen.next();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks options at the boundary with errors naming the argument', async () => {
    const bad = async (o: object, d = dllm, a = ar) => decodeApd(d, a, [3], { ids, maxNewTokens: 8, ...o } as never).next();
    await expect(bad({ lookahead: 0 })).rejects.toThrow(/lookahead/);
    await expect(bad({ mixtureWeight: 1.5 })).rejects.toThrow(/mixtureWeight/);
    await expect(bad({}, ar, ar)).rejects.toThrow(/dllm/);
    await expect(bad({}, dllm, dllm)).rejects.toThrow(/ar must/);
  });
});
