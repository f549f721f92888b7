import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';

describe('the tfjs entry point', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('runs on wasm in Node and has gradients registered', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([1, 2, 3]);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.square(v)))(x);
    // d/dx sum(x^2) = 2x
    expect(Array.from(await dx.data())).toEqual([2, 4, 6]);
    tf.dispose([x, dx]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
