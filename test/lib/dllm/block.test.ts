import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeBlockDiffusion, type BlockDecodeOptions } from '@/lib/dllm/block';
import { runDecoder, type DecodeStep, type SpecialIds } from '@/lib/dllm/types';
import { createToySequenceModel, randomPrompts, withForcedToken } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const ids: SpecialIds = { padId: 0, maskId: 1, eosId: 2 };

async function collect(model: SequenceModel, prompt: Int32Array, options: BlockDecodeOptions) {
  const steps: DecodeStep[] = [];
  const before = tf.memory().numTensors;
  const result = await runDecoder(decodeBlockDiffusion(model, prompt, options), (s) => steps.push(s));
  // Every run, in every test: no tensor outlives the decoder.
  expect(tf.memory().numTensors).toBe(before);
  return { steps, result };
}

describe('block diffusion decoding', () => {
  let toy: SequenceModel;
  let real: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    toy = createToySequenceModel({ attention: 'block-causal', blockSize: 4, seed: 5, suppressIds: [0, 2] });
    real = createSmallTransformer('block-causal', 21, 8);
  });
  afterAll(() => {
    toy.dispose();
    real.dispose();
  });

  it('block prefix cache gives token-identical output to uncached decoding on random prompts (toy model)', async () => {
    const rules: BlockDecodeOptions['rule'][] = [undefined, { kind: 'steps', perBlock: 2 }, { kind: 'threshold', tau: 0.5 }];
    for (const [i, prompt] of randomPrompts(6, 1, 9, 12, 3, 17).entries()) {
      const opts: BlockDecodeOptions = { ids, maxNewTokens: 20, rule: rules[i % 3] };
      const cached = await collect(toy, prompt, { ...opts, useCache: true });
      const uncached = await collect(toy, prompt, { ...opts, useCache: false });
      expect(Array.from(cached.result.tokens)).toEqual(Array.from(uncached.result.tokens));
      expect(cached.steps.map((s) => Array.from(s.positionsDecoded))).toEqual(uncached.steps.map((s) => Array.from(s.positionsDecoded)));
      expect(cached.result.nfe).toBe(uncached.result.nfe);
    }
  });

  it('block prefix cache gives token-identical output to uncached decoding on random prompts (real transformer)', async () => {
    for (const prompt of randomPrompts(4, 1, 20, 51, FIRST_TEXT_ID, 23)) {
      const opts: BlockDecodeOptions = { ids: TEXT_IDS, maxNewTokens: 64 - prompt.length, rule: { kind: 'steps', perBlock: 4 } };
      const cached = await collect(real, prompt, { ...opts, useCache: true });
      const uncached = await collect(real, prompt, { ...opts, useCache: false });
      expect(Array.from(cached.result.tokens)).toEqual(Array.from(uncached.result.tokens));
    }
  });

  it('caches whole blocks as they complete and decodes blocks left to right', async () => {
    const { steps } = await collect(toy, Int32Array.of(3, 4, 5, 6, 7, 8), { ids, maxNewTokens: 10 });
    // prompt 6 tokens, block 4: first block [4, 8) shares the prompt's tail (positions 6, 7 masked).
    expect(steps.map((s) => s.cachedUpTo)).toEqual([4, 4, 8, 8, 8, 8, 12, 12, 12, 12]);
    // First pass of a block also runs the clean tokens not yet cached; later passes only the block.
    expect(steps.map((s) => s.positionsComputed)).toEqual([8, 4, 8, 4, 4, 4, 8, 4, 4, 4]);
    const blockOf = steps.map((s) => Math.floor(s.positionsDecoded[0] / 4));
    expect(blockOf).toEqual([...blockOf].sort((a, b) => a - b));
    expect(steps.at(-1)?.tokens.includes(ids.maskId)).toBe(false);
  });

  it('threshold decoding with tau > 1 equals one-token-per-step decoding', async () => {
    for (const prompt of randomPrompts(3, 2, 7, 12, 3, 29)) {
      const a = await collect(toy, prompt, { ids, maxNewTokens: 16, rule: { kind: 'threshold', tau: 1.5 } });
      const b = await collect(toy, prompt, { ids, maxNewTokens: 16 });
      expect(Array.from(a.result.tokens)).toEqual(Array.from(b.result.tokens));
      expect(a.steps.every((s) => s.positionsDecoded.length === 1)).toBe(true);
      expect(a.result.nfe).toBe(16);
    }
  });

  it('parallel rules reveal several tokens per pass', async () => {
    const conf = createToySequenceModel({ attention: 'block-causal', blockSize: 8, seed: 5, logitScale: 30, suppressIds: [0, 2] });
    const { result } = await collect(conf, Int32Array.of(3), { ids, maxNewTokens: 31, rule: { kind: 'factor', factor: 1 } });
    expect(result.generated.length).toBe(31);
    expect(result.nfe).toBeLessThan(31);
    conf.dispose();
  });

  it('stops after the block holding eos: variable length', async () => {
    const forced = withForcedToken(toy, 9, ids.eosId);
    const { result } = await collect(forced, Int32Array.of(3, 4), { ids, maxNewTokens: 40 });
    expect(result.stoppedAtEos).toBe(true);
    expect(result.tokens.length).toBe(12); // blocks [8, 12) holds eos at 9
    expect(result.generated.length).toBe(7);
  });

  it('leaves tf.memory().numTensors unchanged after a full run', async () => {
    const before = tf.memory().numTensors;
    await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, maxNewTokens: 30, rule: { kind: 'threshold', tau: 0.9 } });
    await collect(real, Int32Array.of(5, 6, 7), { ids: TEXT_IDS, maxNewTokens: 30, useCache: false });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('abort via generator.return() leaves tf.memory().numTensors unchanged', async () => {
    const before = tf.memory().numTensors;
    const gen = decodeBlockDiffusion(toy, Int32Array.of(3, 4, 5, 6, 7), { ids, maxNewTokens: 20 });
    for (let i = 0; i < 6; i++) await gen.next();
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the prefix cache is alive mid-run
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks options at the boundary with errors naming the argument', async () => {
    const bad = async (o: object, model: SequenceModel = toy) =>
      decodeBlockDiffusion(model, [3, 4], { ids, maxNewTokens: 8, ...o } as never).next();
    await expect(bad({ blockSize: 8 })).rejects.toThrow(/blockSize/);
    await expect(bad({ maxNewTokens: 63 })).rejects.toThrow(/maxLen/);
    await expect(bad({ rule: { kind: 'threshold' } })).rejects.toThrow(/rule\.tau/);
    await expect(bad({ ids: undefined })).rejects.toThrow(/ids/);
    await expect(bad({}, createToySequenceModel({ attention: 'causal' }))).rejects.toThrow(/block-causal/);
    await expect(decodeBlockDiffusion(toy, [3, 1], { ids, maxNewTokens: 4 }).next()).rejects.toThrow(/prompt\[1\]/);
  });
});
