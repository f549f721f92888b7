import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { BOS_ID, MASK_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { loadShippedModel } from '@/lib/dllm/lab/shipped-models';
import { nextTokenLogProbs } from '@/lib/dllm/next-token';
import { runNextToken } from '@/lib/dllm/next-token-job';
import { temperedTopKProbs } from '@/lib/dllm/sampling-distribution';
import { useNodeBackend } from '@/test/support/tf-node';

const context = {
  fetchBytes: async (url: string) => {
    const bytes = await readFile(path.join(process.cwd(), 'public', url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  },
};

beforeAll(async () => { await useNodeBackend('wasm'); });

describe("the autoregressive twin's next-token distribution (lesson 01's sampling figure)", () => {
  it('matches the last row of a full forward pass, sums to 1, bans [MASK], and leaks no tensor', async () => {
    const model = await loadShippedModel('ar', context.fetchBytes);
    const ids = [BOS_ID, ...VOCAB.encode('mia went to the ')];
    const before = tf.memory().numTensors;
    const logp = await nextTokenLogProbs(model, { ids, maskId: MASK_ID });
    expect(tf.memory().numTensors).toBe(before);
    const V = model.config.vocabSize;
    expect(logp.length).toBe(V);
    expect(logp[MASK_ID]).toBe(-Infinity);
    expect(Array.from(logp).reduce((a, l) => a + Math.exp(l), 0)).toBeCloseTo(1, 6);
    // Independent read of the same pass: the argmax of the raw last-row logits (mask aside).
    const out = model.forward({ tokens: tf.tensor2d([ids], [1, ids.length], 'int32'), positions: Int32Array.from(ids.keys()) });
    const all = await out.logits.data();
    tf.dispose([out.logits, ...out.kv.keys, ...out.kv.values]);
    const row = Array.from(all.slice((ids.length - 1) * V, ids.length * V)).map((v, i) => (i === MASK_ID ? -Infinity : v));
    expect(logp.indexOf(Math.max(...logp))).toBe(row.indexOf(Math.max(...row)));
  });

  it('the job runs the shipped model on a prompt and refuses bad input with a clear message', async () => {
    const gen = runNextToken({ prompt: 'rev:abc>' }, context);
    const done = await gen.next();
    expect(done.done).toBe(true);
    expect((done.value as { logProbs: number[] }).logProbs.length).toBe(VOCAB.size);
    await expect(runNextToken({ prompt: 'Ünknown' }, context).next()).rejects.toThrow(/unknown character "Ü"/);
    await expect(runNextToken({ prompt: 3 as unknown as string }, context).next()).rejects.toThrow(/prompt must be a string/);
    const model = await loadShippedModel('ar', context.fetchBytes);
    await expect(nextTokenLogProbs(model, { ids: [], maskId: MASK_ID })).rejects.toThrow(/ids must hold 1 to/);
  });

  it('temperature and top-k reshape it as the sampler does: sharper, flatter, cut to k, and bad settings refused', () => {
    const logits = [2, 1, 0, -1, -Infinity];
    const base = temperedTopKProbs(logits, 1, 0);
    expect(base[0]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1 + Math.exp(-1)), 12);
    expect(base[4]).toBe(0);
    expect(temperedTopKProbs(logits, 0.5, 0)[0]).toBeGreaterThan(base[0]);
    expect(temperedTopKProbs(logits, 2, 0)[0]).toBeLessThan(base[0]);
    const top2 = temperedTopKProbs(logits, 1, 2);
    expect(top2.filter((p) => p > 0).length).toBe(2);
    expect(top2[0]).toBeCloseTo(Math.exp(1) / (Math.exp(1) + 1), 12);
    expect(() => temperedTopKProbs(logits, 0, 0)).toThrow(/temperature must be a finite number > 0/);
    expect(() => temperedTopKProbs(logits, 1, -1)).toThrow(/k must be an integer >= 0/);
  });
});
