import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { forwardMarginal, normalArray, qSample, qSampleArray } from '@/lib/diffusion/gaussian/forward';

describe('forward process q(x_t | x_0)', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const schedule = linearSchedule(1000);

  it('q_sample has mean sqrt(abar_t) x_0 and variance 1 - abar_t', () => {
    const n = 20_000;
    const t = 300;
    const x0 = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) { x0[2 * i] = 1.5; x0[2 * i + 1] = -2; }
    const xt = qSampleArray(schedule, x0, t, normalArray(createRng(3), 2 * n));
    const { signal, std } = forwardMarginal(schedule, t);
    for (const [j, x0j] of [[0, 1.5], [1, -2]]) {
      let s = 0, ss = 0;
      for (let i = 0; i < n; i++) { s += xt[2 * i + j]; ss += xt[2 * i + j] ** 2; }
      const mean = s / n;
      const variance = ss / n - mean * mean;
      // standard error of the mean is std / sqrt(n) ~ 0.006; of the variance ~ var * sqrt(2 / n) ~ 0.01 var
      expect(Math.abs(mean - signal * x0j)).toBeLessThan(0.03);
      expect(Math.abs(variance / (std * std) - 1)).toBeLessThan(0.05);
    }
  });

  it('the tensor form matches the typed-array form per row and leaks nothing', async () => {
    const rng = createRng(4);
    const n = 64;
    const x0 = normalArray(rng, 2 * n);
    const eps = normalArray(rng, 2 * n);
    const ts = Int32Array.from({ length: n }, (_, i) => 1 + ((i * 37) % 1000));
    const expected = qSampleArray(schedule, x0, ts, eps);
    const before = tf.memory().numTensors;
    const a = tf.tensor2d(x0, [n, 2]);
    const b = tf.tensor2d(eps, [n, 2]);
    const out = qSample(schedule, a, ts, b);
    const got = await out.data();
    tf.dispose([a, b, out]);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 2 * n; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
  });

  it('t = 0 returns the data and bad inputs are named', () => {
    const x0 = new Float32Array([1, 2, 3, 4]);
    expect(Array.from(qSampleArray(schedule, x0, 0, new Float32Array(4).fill(9)))).toEqual([1, 2, 3, 4]);
    expect(() => qSampleArray(schedule, x0, 1, new Float32Array(2))).toThrow(/noise length/);
    expect(() => qSampleArray(schedule, x0, 1001, new Float32Array(4))).toThrow(/t must be an integer in \[0, 1000\]/);
  });
});
