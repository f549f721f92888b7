import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { argmax, logSoftmaxRow, pickToken } from '@/lib/dllm/sampling';
import { concatKv, disposeKv, sliceKv } from '@/lib/dllm/kv-cache';

describe('token picking', () => {
  it('log softmax matches the equation and removes banned ids', () => {
    const logits = [0, 1, 2, Math.log(3)];
    const lp = logSoftmaxRow(logits, 0, 4, [1]);
    const z = 1 + Math.exp(2) + 3; // id 1 banned
    expect(lp[1]).toBe(-Infinity);
    expect(lp[0]).toBeCloseTo(-Math.log(z), 12);
    expect(lp[2]).toBeCloseTo(2 - Math.log(z), 12);
  });

  it('greedy picks the argmax of the row, never a banned id, and reports its probability', () => {
    const logits = Float32Array.of(0, 0, 0, /* row 1: */ 5, 1, 1);
    expect(pickToken(logits, 1, 3, { temperature: 0 })).toEqual({ token: 0, prob: expect.closeTo(Math.exp(5) / (Math.exp(5) + 2 * Math.E), 6) });
    expect(pickToken(logits, 1, 3, { temperature: 0, banned: [0] }).token).toBe(1);
    expect(argmax([1, 3, 3])).toBe(1);
  });

  it('samples with the softmax frequencies at temperature 1', () => {
    const logits = Float32Array.of(Math.log(0.5), Math.log(0.3), Math.log(0.2));
    const rng = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[pickToken(logits, 0, 3, { temperature: 1, rng }).token]++;
    expect(counts[0] / 20000).toBeCloseTo(0.5, 1);
    expect(counts[1] / 20000).toBeCloseTo(0.3, 1);
    expect(counts[2] / 20000).toBeCloseTo(0.2, 1);
  });

  it('top-k 1 is greedy at any temperature', () => {
    const logits = Float32Array.of(0.1, 0.3, 0.2);
    const rng = createRng(6);
    for (let i = 0; i < 50; i++) expect(pickToken(logits, 0, 3, { temperature: 5, topK: 1, rng }).token).toBe(1);
  });
});

describe('kv cache helpers', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('slice then concat gives back the cache, positions included', async () => {
    const before = tf.memory().numTensors;
    const keys = [tf.tensor4d(Float32Array.from({ length: 12 }, (_, i) => i), [1, 1, 6, 2])];
    const values = [tf.tensor4d(Float32Array.from({ length: 12 }, (_, i) => -i), [1, 1, 6, 2])];
    const kv = { keys, values, positions: Int32Array.of(10, 11, 12, 13, 14, 15) };
    const a = sliceKv(kv, 0, 2);
    const b = sliceKv(kv, 2, 4);
    const c = concatKv(a, b);
    expect(Array.from(c.positions)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(Array.from(await c.keys[0].data())).toEqual(Array.from(await keys[0].data()));
    expect(Array.from(await b.values[0].data())).toEqual([-4, -5, -6, -7, -8, -9, -10, -11]);
    [kv, a, b, c].forEach(disposeKv);
    expect(tf.memory().numTensors).toBe(before);
  });
});
