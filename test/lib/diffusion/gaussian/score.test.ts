import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { runToEnd } from '@/lib/diffusion/gaussian/ddpm';
import { epsFromScore, sampleLangevin, scoreField, scoreFromEps, scoreFromEpsArray } from '@/lib/diffusion/gaussian/score';
import { gaussianEpsOracle, gaussianMixtureEpsOracle } from '@/lib/diffusion/gaussian/oracles';
import { DATA_MEAN, DATA_STD, moments } from './oracle-helpers';

describe('score and Langevin dynamics', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const schedule = linearSchedule(1000);
  const oracle = gaussianEpsOracle(schedule, DATA_MEAN, DATA_STD);

  it('the score from the oracle eps is the analytic Gaussian score -(x - sqrt(abar) mu) / v', async () => {
    const t = 250;
    const pts = new Float32Array([0.2, 0.4, -1, 2, 3, -0.5]);
    const s = await scoreField(oracle, schedule, pts, t);
    const a = schedule.alphaBars[t];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 2; j++) {
        const v = a * DATA_STD[j] ** 2 + 1 - a;
        expect(s[2 * i + j]).toBeCloseTo(-(pts[2 * i + j] - Math.sqrt(a) * DATA_MEAN[j]) / v, 4);
      }
    }
    const eps = new Float32Array([0.5, -1]);
    const arr = scoreFromEpsArray(schedule, eps, t);
    expect(arr[0]).toBeCloseTo(-0.5 / Math.sqrt(1 - a), 5);
    const e = tf.tensor2d(eps, [1, 2]);
    const back = epsFromScore(schedule, scoreFromEps(schedule, e, t), t);
    expect((await back.data())[1]).toBeCloseTo(-1, 5);
    tf.dispose([e, back]);
  });

  it('a one-component mixture oracle equals the Gaussian oracle', async () => {
    const mix = gaussianMixtureEpsOracle(schedule, { means: [[1, -0.5]], stds: [0.4], weights: [1] });
    const single = gaussianEpsOracle(schedule, [1, -0.5], [0.4, 0.4]);
    const x = tf.tensor2d([[0.3, 0.1], [2, -2]]);
    const [a, b] = [mix(x, 100), single(x, 100)];
    const [da, db] = [await a.data(), await b.data()];
    for (let i = 0; i < 4; i++) expect(da[i]).toBeCloseTo(db[i], 5);
    tf.dispose([x, a, b]);
  });

  it('Langevin dynamics with the oracle score samples the noisy marginal p_t', async () => {
    const t = 300;
    const before = tf.memory().numTensors;
    const x = await runToEnd(sampleLangevin({ epsModel: oracle, schedule, levels: [t], stepsPerLevel: 300, stepSize: 0.1, n: 2000, rng: createRng(4), yieldEvery: 100 }));
    expect(tf.memory().numTensors).toBe(before);
    const a = schedule.alphaBars[t];
    const { mean, variance } = moments(x);
    for (let j = 0; j < 2; j++) {
      const v = a * DATA_STD[j] ** 2 + 1 - a;
      // Langevin's discretisation inflates the variance by about delta / (4 v) < 3% here.
      expect(Math.abs(mean[j] - Math.sqrt(a) * DATA_MEAN[j])).toBeLessThan(0.06);
      expect(Math.abs(variance[j] / v - 1)).toBeLessThan(0.12);
    }
  });

  it('annealed Langevin over descending levels yields each update and rejects a bad step size', async () => {
    const steps: number[] = [];
    for await (const s of sampleLangevin({ epsModel: oracle, schedule, levels: [900, 500, 100], stepsPerLevel: 2, n: 3, rng: createRng(1) })) steps.push(s.t);
    expect(steps).toEqual([900, 900, 900, 500, 500, 100, 100]);
    await expect(sampleLangevin({ epsModel: oracle, schedule, levels: [10], stepSize: 0, n: 3, rng: createRng(1) }).next()).rejects.toThrow(/stepSize/);
  });
});
