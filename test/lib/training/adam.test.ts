import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createAdam } from '@/lib/training/adam';

describe('Adam', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('one step matches the hand-computed AdamW update, with decay on matrices only', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor2d([[1]])));
    const b = tf.tidy(() => tf.variable(tf.tensor1d([1])));
    const adam = createAdam([w, b], { beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.1, clipNorm: 0 });
    const g = [tf.tensor2d([[0.5]]), tf.tensor1d([-0.25])];
    await adam.apply(g, 0.1);
    // m = 0.1 g, v = 0.01 g^2; bias-corrected m/sqrt(v) = sign(g); w -= lr * (1 + wd * w)
    expect((await w.data())[0]).toBeCloseTo(1 - 0.1 - 0.1 * 0.1, 5);
    expect((await b.data())[0]).toBeCloseTo(1 + 0.1, 5);
    const state = await adam.exportState();
    expect(state.step).toBe(1);
    expect(state.m[0][0]).toBeCloseTo(0.05, 6);
    expect(state.v[0][0]).toBeCloseTo(0.0025, 6);
    adam.dispose();
    tf.dispose([w, b, ...g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('clips the global gradient norm', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0, 0])));
    const adam = createAdam([w], { beta1: 0, beta2: 0, epsilon: 0, weightDecay: 0, clipNorm: 1 });
    const g = [tf.tensor1d([3, 4])];
    expect(await adam.apply(g, 1)).toBeCloseTo(5, 5);
    // beta 0: the update is g / |g| elementwise = sign(g)
    expect(Array.from(await w.data())).toEqual([-1, -1]);
    adam.dispose();
    tf.dispose([w, ...g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
