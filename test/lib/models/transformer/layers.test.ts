import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { gelu, layerNorm, linear } from '@/lib/models/transformer/layers';

describe('transformer layers', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('linear has the same value and gradients as a plain matMul', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[1, 2, 3], [-1, 0.5, 2]]);
    const w = tf.tensor2d([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]);
    const up = tf.tensor2d([[1, -2], [0.5, 3]]);
    const f = (g: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(g(a, b), up));
    const mine = tf.grads(f(linear))([x, w]);
    const ref = tf.grads(f((a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)))([x, w]);
    for (let i = 0; i < 2; i++) {
      const [a, b] = [await mine[i].data(), await ref[i].data()];
      a.forEach((v, j) => expect(v).toBeCloseTo(b[j], 5));
    }
    const y = linear(x, w);
    expect(Array.from(await y.data())[0]).toBeCloseTo(0.1 + 0.6 - 1.5, 5);
    tf.dispose([x, w, up, y, ...mine, ...ref]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('layerNorm normalises the last axis and gelu matches its tanh formula', async () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => layerNorm(tf.tensor2d([[1, 2, 3, 4]]), tf.ones([4]), tf.zeros([4])));
    const v = Array.from(await out.data());
    const sd = Math.sqrt(1.25 + 1e-5);
    [-1.5, -0.5, 0.5, 1.5].forEach((c, i) => expect(v[i]).toBeCloseTo(c / sd, 4));
    const g = tf.tidy(() => gelu(tf.tensor1d([-1, 0, 2])));
    const ref = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    Array.from(await g.data()).forEach((y, i) => expect(y).toBeCloseTo(ref([-1, 0, 2][i]), 5));
    tf.dispose([out, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
