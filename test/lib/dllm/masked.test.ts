import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeMasked, type MaskedDecodeOptions } from '@/lib/dllm/masked';
import { runDecoder, type DecodeStep, type SpecialIds } from '@/lib/dllm/types';
import { createToySequenceModel, randomPrompts } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const ids: SpecialIds = { padId: 0, maskId: 1, eosId: 2 };

async function collect(model: SequenceModel, prompt: Int32Array, options: MaskedDecodeOptions) {
  const steps: DecodeStep[] = [];
  const before = tf.memory().numTensors;
  const result = await runDecoder(decodeMasked(model, prompt, options), (s) => steps.push(s));
  // Every run, in every test: no tensor outlives the decoder.
  expect(tf.memory().numTensors).toBe(before);
  return { steps, result };
}

describe('masked diffusion decoding (LLaDA low-confidence remasking)', () => {
  let toy: SequenceModel;
  let real: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    toy = createToySequenceModel({ attention: 'bidirectional', seed: 9, suppressIds: [0, 2] });
    real = createSmallTransformer('bidirectional', 31);
  });
  afterAll(() => {
    toy.dispose();
    real.dispose();
  });

  it('reveals k = L / steps tokens per step, split evenly, and fills every mask', async () => {
    const { steps, result } = await collect(toy, Int32Array.of(3, 4, 5), { ids, genLength: 10, rule: { kind: 'steps', perBlock: 4 } });
    expect(steps.map((s) => s.positionsDecoded.length)).toEqual([3, 3, 2, 2]);
    expect(result.nfe).toBe(4);
    expect(result.generated.length).toBe(10);
    expect(result.tokens.includes(ids.maskId)).toBe(false);
    const all = steps.flatMap((s) => Array.from(s.positionsDecoded)).sort((a, b) => a - b);
    expect(all).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('keeps the most confident predictions: each step reveals its highest-confidence positions', async () => {
    const { steps } = await collect(toy, Int32Array.of(3), { ids, genLength: 8, rule: { kind: 'steps', perBlock: 4 } });
    for (const s of steps) {
      const c = Array.from(s.confidences);
      expect(c).toEqual([...c].sort((a, b) => b - a));
      for (const x of c) expect(x).toBeGreaterThan(0);
    }
  });

  it('decodes blocks left to right, steps split per block', async () => {
    const { steps } = await collect(toy, Int32Array.of(3, 4), { ids, genLength: 12, blockLength: 4, rule: { kind: 'steps', perBlock: 2 } });
    expect(steps).toHaveLength(6);
    steps.forEach((s, i) => {
      const block = Math.floor(i / 2);
      for (const p of s.positionsDecoded) expect(Math.floor((p - 2) / 4)).toBe(block);
      expect(s.positionsDecoded.length).toBe(2);
    });
  });

  it('threshold decoding with tau > 1 equals one-token-per-step decoding', async () => {
    for (const prompt of randomPrompts(3, 1, 5, 12, 3, 37)) {
      const a = await collect(toy, prompt, { ids, genLength: 12, blockLength: 4, rule: { kind: 'threshold', tau: 1.01 } });
      const b = await collect(toy, prompt, { ids, genLength: 12, blockLength: 4 });
      expect(Array.from(a.result.tokens)).toEqual(Array.from(b.result.tokens));
      expect(a.result.nfe).toBe(12);
      expect(b.result.nfe).toBe(12);
    }
  });

  it('random remasking reveals the same counts but in a seeded random order', async () => {
    const opts: MaskedDecodeOptions = { ids, genLength: 12, rule: { kind: 'steps', perBlock: 6 }, remasking: 'random', seed: 4 };
    const a = await collect(toy, Int32Array.of(3), opts);
    const b = await collect(toy, Int32Array.of(3), opts);
    const c = await collect(toy, Int32Array.of(3), { ...opts, remasking: 'low-confidence' });
    expect(a.steps.map((s) => s.positionsDecoded.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(a.steps.map((s) => Array.from(s.positionsDecoded))).toEqual(b.steps.map((s) => Array.from(s.positionsDecoded)));
    expect(a.steps.map((s) => Array.from(s.positionsDecoded))).not.toEqual(c.steps.map((s) => Array.from(s.positionsDecoded)));
  });

  it('leaves tf.memory().numTensors unchanged after a full run', async () => {
    const before = tf.memory().numTensors;
    const { result } = await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, genLength: 32, blockLength: 8, rule: { kind: 'factor', factor: 1 } });
    expect(result.tokens.includes(TEXT_IDS.maskId)).toBe(false);
    await collect(real, Int32Array.of(5), { ids: TEXT_IDS, genLength: 16, temperature: 1, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('abort via generator.return() leaves tf.memory().numTensors unchanged', async () => {
    const before = tf.memory().numTensors;
    const gen = decodeMasked(toy, Int32Array.of(3, 4), { ids, genLength: 10 });
    await gen.next();
    await gen.next();
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks options at the boundary with errors naming the argument', async () => {
    const bad = async (o: object) => decodeMasked(toy, [3, 4], { ids, genLength: 8, ...o } as never).next();
    await expect(bad({ genLength: 0 })).rejects.toThrow(/genLength/);
    await expect(bad({ genLength: 63 })).rejects.toThrow(/maxLen/);
    await expect(bad({ blockLength: 9 })).rejects.toThrow(/blockLength/);
    await expect(bad({ remasking: 'sideways' })).rejects.toThrow(/remasking/);
    await expect(bad({ remasking: 'random', rule: { kind: 'threshold', tau: 0.9 } })).rejects.toThrow(/remasking/);
    await expect(bad({ ids: { ...ids, maskId: -1 } })).rejects.toThrow(/ids\.maskId/);
  });
});
