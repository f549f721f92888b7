import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { decodeWithArenaRule, type ArenaDecodeResult } from '@/lib/dllm/arena/decode';
import { factor, oneAtATime, threshold, topK } from '@/lib/dllm/arena/builtin-rules';
import { ArenaRuleError, validateCommits, type ArenaRule } from '@/lib/dllm/arena/rule';
import { decodeBlockDiffusion } from '@/lib/dllm/block';
import { runDecoder } from '@/lib/dllm/types';
import type { UnmaskRule } from '@/lib/dllm/parallel';
import { randomPrompts } from '@/test/support/toy-sequence-model';
import { createSmallTransformer, FIRST_TEXT_ID, TEXT_IDS } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

const pass = { candidates: [3, 4, 7].map((position) => ({ position, confidence: 0.5, entropy: 1, top: [] })) };

describe('arena rule validation', () => {
  it('accepts distinct candidate positions in any iterable and returns their indices', () => {
    expect(validateCommits([7, 3], pass)).toEqual([2, 0]);
    expect(validateCommits(new Set([4]), pass)).toEqual([1]);
    expect(validateCommits(Int32Array.from([3]), pass)).toEqual([0]);
  });

  it('refuses every way a rule can break the contract, with a sentence that says which', () => {
    expect(() => validateCommits(undefined, pass)).toThrow(/did you forget to return/);
    expect(() => validateCommits([], pass)).toThrow(/committed nothing/);
    expect(() => validateCommits([5], pass)).toThrow(/position 5, which is not a masked position of the current block \(those are 3, 4, 7\)/);
    expect(() => validateCommits([3, 3], pass)).toThrow(/position 3 twice/);
    expect(() => validateCommits([3.5], pass)).toThrow(/not an integer/);
    expect(() => validateCommits('3', pass)).toThrow(ArenaRuleError);
    expect(() => validateCommits(3, pass)).toThrow(/must return an array/);
  });
});

describe('decoding with an arena rule', () => {
  let model: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    model = createSmallTransformer('block-causal', 51, 8);
  });
  afterAll(() => model.dispose());

  async function arena(prompt: Int32Array, rule: ArenaRule): Promise<ArenaDecodeResult> {
    const before = tf.memory().numTensors;
    const result = await runDecoder(decodeWithArenaRule(model, prompt, { ids: TEXT_IDS, maxNewTokens: 32, rule }));
    expect(tf.memory().numTensors).toBe(before);
    return result;
  }

  it('built-in rules give the same tokens and passes as decodeBlockDiffusion with the matching rule', async () => {
    const pairs: [ArenaRule, UnmaskRule][] = [
      [oneAtATime, { kind: 'steps', perBlock: 8 }],
      [threshold(0.5), { kind: 'threshold', tau: 0.5 }],
      [threshold(0.9), { kind: 'threshold', tau: 0.9 }],
      [factor(1), { kind: 'factor', factor: 1 }],
      [topK(64), { kind: 'steps', perBlock: 1 }],
    ];
    for (const [i, prompt] of randomPrompts(5, 2, 20, 51, FIRST_TEXT_ID, 61).entries()) {
      const [rule, reference] = pairs[i];
      const mine = await arena(prompt, rule);
      const theirs = await runDecoder(decodeBlockDiffusion(model, prompt, { ids: TEXT_IDS, maxNewTokens: 32, rule: reference }));
      expect(Array.from(mine.tokens)).toEqual(Array.from(theirs.tokens));
      expect(mine.nfe).toBe(theirs.nfe);
    }
  });

  it('the rule sees every masked position of the block with its top guesses, and positions are answer-relative', async () => {
    const [prompt] = randomPrompts(1, 5, 5, 51, FIRST_TEXT_ID, 4);
    const seen: number[][] = [];
    await arena(prompt, (p) => {
      seen.push(p.candidates.map((c) => c.position));
      for (const c of p.candidates) {
        expect(c.top.length).toBe(3);
        expect(c.top[0].prob).toBeCloseTo(c.confidence, 12);
        expect(c.top[0].prob).toBeGreaterThanOrEqual(c.top[1].prob);
        expect(c.top.some((t) => t.token === TEXT_IDS.maskId)).toBe(false);
      }
      return [p.candidates[0].position];
    });
    // Prompt of 5: the first block (positions 0-7) leaves answer positions 0, 1, 2 masked.
    expect(seen[0]).toEqual([0, 1, 2]);
    expect(seen[3]).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a rule that throws, commits nothing or commits a wrong position stops decoding with the pass named, and frees every tensor', async () => {
    const [prompt] = randomPrompts(1, 4, 4, 51, FIRST_TEXT_ID, 9);
    const before = tf.memory().numTensors;
    await expect(runDecoder(decodeWithArenaRule(model, prompt, { ids: TEXT_IDS, maxNewTokens: 16, rule: () => { throw new TypeError('oops'); } }))).rejects.toThrow(/block 0, pass 0: the rule threw TypeError: oops/);
    await expect(runDecoder(decodeWithArenaRule(model, prompt, { ids: TEXT_IDS, maxNewTokens: 16, rule: (p) => (p.passInBlock < 2 ? [p.candidates[0].position] : []) }))).rejects.toThrow(/block 0, pass 2: the rule committed nothing/);
    await expect(runDecoder(decodeWithArenaRule(model, prompt, { ids: TEXT_IDS, maxNewTokens: 16, rule: () => [99] }))).rejects.toThrow(/position 99/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bidirectional model and a missing rule', async () => {
    const bi = createSmallTransformer('bidirectional', 2);
    await expect(runDecoder(decodeWithArenaRule(bi, Int32Array.from([5]), { ids: TEXT_IDS, maxNewTokens: 4, rule: oneAtATime }))).rejects.toThrow(/block-causal/);
    await expect(runDecoder(decodeWithArenaRule(model, Int32Array.from([5]), { ids: TEXT_IDS, maxNewTokens: 4, rule: undefined as never }))).rejects.toThrow(/options.rule must be a function/);
    bi.dispose();
  });
});
