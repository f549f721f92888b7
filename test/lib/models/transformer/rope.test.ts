import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { applyRope, ropeTables } from '@/lib/models/transformer/rope';
import { countParameters, defaultTransformerConfig, validateConfig } from '@/lib/models/transformer/config';
import { weightShapes } from '@/lib/models/transformer/init';

describe('rotary positions', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('tables turn pair i by position * 10000^(-2i/headDim), in the rotate-half layout', () => {
    const { cos, sin } = ropeTables([0, 3], 4);
    // position 0: no rotation
    expect(Array.from(cos.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(sin.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    // position 3: pair 0 turns by 3 rad, pair 1 by 3 * 10000^(-1/2) = 0.03 rad; dims i and i + 2 share an angle
    expect(cos[4]).toBeCloseTo(Math.cos(3), 6);
    expect(sin[5]).toBeCloseTo(Math.sin(0.03), 6);
    expect(cos[6]).toBe(cos[4]);
    expect(sin[7]).toBe(sin[5]);
    expect(() => ropeTables([0], 3)).toThrow(/headDim must be a positive even integer/);
  });

  it('rotation keeps lengths and makes q.k depend on the offset only', async () => {
    const before = tf.memory().numTensors;
    const headDim = 8;
    const q = tf.tensor4d(Array.from({ length: headDim }, (_, i) => Math.sin(i + 1)), [1, 1, 1, headDim]);
    const k = tf.tensor4d(Array.from({ length: headDim }, (_, i) => Math.cos(2 * i)), [1, 1, 1, headDim]);
    const score = async (qPos: number, kPos: number) => {
      const tq = ropeTables([qPos], headDim);
      const tk = ropeTables([kPos], headDim);
      const s = tf.tidy(() => {
        const rq = applyRope(q, tf.tensor2d(tq.cos, [1, headDim]), tf.tensor2d(tq.sin, [1, headDim]));
        const rk = applyRope(k, tf.tensor2d(tk.cos, [1, headDim]), tf.tensor2d(tk.sin, [1, headDim]));
        return tf.stack([tf.sum(tf.mul(rq, rk)), tf.sum(tf.square(rq)), tf.sum(tf.square(q))]);
      });
      const v = await s.data();
      s.dispose();
      return v;
    };
    const [s1, n1, n0] = await score(5, 2);
    const [s2] = await score(105, 102);
    const [s3] = await score(6, 2);
    expect(s1).toBeCloseTo(s2, 4);
    expect(Math.abs(s1 - s3)).toBeGreaterThan(1e-3);
    expect(n1).toBeCloseTo(n0, 5);
    tf.dispose([q, k]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a rope model has no position table, so its size does not grow with maxLen', () => {
    const learned = defaultTransformerConfig('bidirectional');
    const rope = { ...learned, positionEncoding: 'rope' as const, maxLen: 320 };
    expect(weightShapes(rope).map(([n]) => n)).not.toContain('pos_emb');
    expect(countParameters(learned) - countParameters(rope)).toBe(learned.maxLen * learned.dModel);
    expect(() => validateConfig({ ...learned, positionEncoding: 'alibi' as never })).toThrow(/positionEncoding must be learned or rope/);
  });
});
