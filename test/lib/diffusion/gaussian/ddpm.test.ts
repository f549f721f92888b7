import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { ddpmSigma, ddpmStep, epsMse, runToEnd, sampleDdpm, type DdpmVariance } from '@/lib/diffusion/gaussian/ddpm';
import { gaussianEpsOracle } from '@/lib/diffusion/gaussian/oracles';
import { DATA_MEAN, DATA_STD, moments } from './oracle-helpers';

describe('ddpm', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const schedule = linearSchedule(1000);

  it('the eps loss is the mean squared error and rejects mismatched shapes', async () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[1, 0], [0, 4]]);
    const l = epsMse(a, b);
    expect((await l.data())[0]).toBeCloseTo((0 + 4 + 9 + 0) / 4, 6);
    const c = tf.tensor2d([[1, 2, 3]]);
    expect(() => epsMse(a, c)).toThrow(/predicted shape/);
    tf.dispose([a, b, c, l]);
  });

  it('one ancestral step matches the equation by hand, with no noise at t = 1', async () => {
    const t = 400;
    const x = tf.tensor2d([[0.3, -1.2]]);
    const eps = tf.tensor2d([[0.5, 0.1]]);
    const z = tf.tensor2d([[1, -2]]);
    for (const variance of ['beta', 'posterior'] as DdpmVariance[]) {
      const out = ddpmStep(schedule, x, t, eps, z, variance);
      const got = await out.data();
      out.dispose();
      const b = schedule.betas[t];
      const sigma = Math.sqrt(variance === 'beta' ? b : (b * (1 - schedule.alphaBars[t - 1])) / (1 - schedule.alphaBars[t]));
      const expect0 = (0.3 - (b / Math.sqrt(1 - schedule.alphaBars[t])) * 0.5) / Math.sqrt(1 - b) + sigma * 1;
      const expect1 = (-1.2 - (b / Math.sqrt(1 - schedule.alphaBars[t])) * 0.1) / Math.sqrt(1 - b) + sigma * -2;
      expect(got[0]).toBeCloseTo(expect0, 5);
      expect(got[1]).toBeCloseTo(expect1, 5);
    }
    expect(ddpmSigma(schedule, 1, 'beta')).toBe(0);
    const last = ddpmStep(schedule, x, 1, eps, null, 'beta');
    const mean = (0.3 - (schedule.betas[1] / Math.sqrt(1 - schedule.alphaBars[1])) * 0.5) / Math.sqrt(schedule.alphas[1]);
    expect((await last.data())[0]).toBeCloseTo(mean, 5);
    expect(() => ddpmStep(schedule, x, 2, eps, null)).toThrow(/z \(noise\) is required/);
    tf.dispose([x, eps, z, last]);
  });

  it('ddpm with a perfect eps oracle recovers a 2D Gaussian data set (both variances)', async () => {
    const oracle = gaussianEpsOracle(schedule, DATA_MEAN, DATA_STD);
    const n = 2000;
    for (const variance of ['beta', 'posterior'] as DdpmVariance[]) {
      const before = tf.memory().numTensors;
      const x = await runToEnd(sampleDdpm({ epsModel: oracle, schedule, n, rng: createRng(21), variance, yieldEvery: 1000 }));
      expect(tf.memory().numTensors).toBe(before);
      const { mean, variance: v } = moments(x);
      for (let j = 0; j < 2; j++) {
        // sampling error of the mean is std / sqrt(2000) <= 0.011; of the variance about 3%
        expect(Math.abs(mean[j] - DATA_MEAN[j])).toBeLessThan(0.05);
        expect(Math.abs(v[j] / DATA_STD[j] ** 2 - 1)).toBeLessThan(0.15);
      }
    }
  });

  it('the sampler yields every step from x_T to x_0 and disposes everything when stopped early', async () => {
    const small = linearSchedule(20);
    const oracle = gaussianEpsOracle(small, [0, 0], [1, 1]);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    for await (const s of sampleDdpm({ epsModel: oracle, schedule: small, n: 5, rng: createRng(1) })) {
      expect(s.x.length).toBe(10);
      expect(s.total).toBe(20);
      seen.push(s.t);
    }
    expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => 20 - i));
    const gen = sampleDdpm({ epsModel: oracle, schedule: small, n: 5, rng: createRng(1), withX0Hat: true });
    await gen.next();
    const second = await gen.next();
    expect(second.value && 'x0Hat' in second.value ? second.value.x0Hat?.length : 0).toBe(10);
    await gen.return(new Float32Array());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an aborted signal stops the sampler with an error and frees its tensors', async () => {
    const small = linearSchedule(50);
    const oracle = gaussianEpsOracle(small, [0, 0], [1, 1]);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const gen = sampleDdpm({ epsModel: oracle, schedule: small, n: 4, rng: createRng(1), signal: controller.signal });
    await gen.next();
    await gen.next();
    controller.abort();
    await expect(gen.next()).rejects.toThrow(/aborted/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad sampler options, naming them', async () => {
    const oracle = gaussianEpsOracle(schedule, [0, 0], [1, 1]);
    await expect(sampleDdpm({ epsModel: oracle, schedule, n: 0, rng: createRng(1) }).next()).rejects.toThrow(/n must be a positive integer/);
    await expect(sampleDdpm({ epsModel: oracle, schedule, n: 2, rng: createRng(1), classLabels: new Int32Array(3) }).next()).rejects.toThrow(/classLabels/);
  });
});
