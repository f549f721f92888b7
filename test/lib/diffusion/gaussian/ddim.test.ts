import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { normalArray } from '@/lib/diffusion/gaussian/forward';
import { ddpmStep, runToEnd } from '@/lib/diffusion/gaussian/ddpm';
import { DDIM_STEP_CHOICES, ddimStep, ddimTimesteps, invertDdim, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import { gaussianEpsOracle } from '@/lib/diffusion/gaussian/oracles';
import { DATA_MEAN, DATA_STD, moments } from './oracle-helpers';

describe('ddim', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const schedule = linearSchedule(1000);
  const oracle = gaussianEpsOracle(schedule, DATA_MEAN, DATA_STD);

  it('evenly spaced sub-sequences start at T, end at 1 and have the asked length', () => {
    for (const steps of DDIM_STEP_CHOICES) {
      const ts = ddimTimesteps(1000, steps);
      expect(ts.length).toBe(steps);
      expect(ts[0]).toBe(1000);
      expect(ts[ts.length - 1]).toBe(1);
      for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeLessThan(ts[i - 1]);
    }
    expect(ddimTimesteps(1000, 1)).toEqual([1000]);
    expect(() => ddimTimesteps(1000, 0)).toThrow(/steps must be an integer/);
  });

  it('ddim with eta 0 is deterministic: the rng only draws the start', async () => {
    const xStart = normalArray(createRng(5), 200);
    const ts = ddimTimesteps(1000, 20);
    const a = await runToEnd(sampleDdim({ epsModel: oracle, schedule, timesteps: ts, n: 100, rng: createRng(1), xStart }));
    const b = await runToEnd(sampleDdim({ epsModel: oracle, schedule, timesteps: ts, n: 100, rng: createRng(999), xStart }));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('ddim with eta 1 over every step is the ddpm step with the posterior variance', async () => {
    const x = tf.tensor2d([[0.4, -0.7], [1.2, 0.1]]);
    const eps = tf.tensor2d([[0.3, -0.2], [0.9, 0.5]]);
    const z = tf.tensor2d([[1, -1], [0.5, 2]]);
    for (const t of [2, 50, 500, 1000]) {
      const a = ddimStep(schedule, x, t, t - 1, eps, 1, z);
      const b = ddpmStep(schedule, x, t, eps, z, 'posterior');
      const [da, db] = [await a.data(), await b.data()];
      for (let i = 0; i < 4; i++) expect(da[i]).toBeCloseTo(db[i], 4);
      tf.dispose([a, b]);
    }
    tf.dispose([x, eps, z]);
  });

  it('ddim eta 0 with a Gaussian oracle maps each start point exactly as the linear ODE steps predict', async () => {
    // For x_0 ~ N(mu, s^2), eps is linear in x, so one DDIM jump t -> t' scales y = x - sqrt(abar) mu by
    // c = (sqrt(abar abar') s^2 + sqrt((1 - abar)(1 - abar'))) / (abar s^2 + 1 - abar). Recomputed in float64.
    // (c < 1 unless t' = t: few-step DDIM under-disperses sharp data; 1000 steps is nearly exact.)
    const n = 500;
    const xStart = normalArray(createRng(5), 2 * n);
    for (const steps of [10, 50, 1000]) {
      const ts = ddimTimesteps(1000, steps);
      const before = tf.memory().numTensors;
      const x = await runToEnd(sampleDdim({ epsModel: oracle, schedule, timesteps: ts, n, rng: createRng(31), xStart, yieldEvery: 1000 }));
      expect(tf.memory().numTensors).toBe(before);
      for (let j = 0; j < 2; j++) {
        const s2 = DATA_STD[j] ** 2;
        let c = 1;
        for (let i = 0; i < ts.length; i++) {
          const a = schedule.alphaBars[ts[i]];
          const ap = i + 1 < ts.length ? schedule.alphaBars[ts[i + 1]] : 1;
          c *= (Math.sqrt(a * ap) * s2 + Math.sqrt((1 - a) * (1 - ap))) / (a * s2 + 1 - a);
        }
        const shift = Math.sqrt(schedule.alphaBars[1000]) * DATA_MEAN[j];
        for (let i = 0; i < n; i++) {
          expect(x[2 * i + j]).toBeCloseTo(DATA_MEAN[j] + (xStart[2 * i + j] - shift) * c, 3);
        }
      }
      if (steps === 1000) {
        const { variance } = moments(x);
        for (let j = 0; j < 2; j++) expect(Math.abs(variance[j] / DATA_STD[j] ** 2 - 1)).toBeLessThan(0.1);
      }
    }
  });

  it('ddim eta 1 with a perfect oracle recovers the Gaussian data at 1000 steps', async () => {
    const x = await runToEnd(sampleDdim({ epsModel: oracle, schedule, timesteps: ddimTimesteps(1000, 1000), eta: 1, n: 2000, rng: createRng(31), yieldEvery: 1000 }));
    const { mean, variance } = moments(x);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(mean[j] - DATA_MEAN[j])).toBeLessThan(0.05);
      expect(Math.abs(variance[j] / DATA_STD[j] ** 2 - 1)).toBeLessThan(0.15);
    }
  });

  it('ddim inversion then decoding returns the data: max error 0.15 at 50 steps, 0.02 at 1000', async () => {
    const rng = createRng(8);
    const n = 200;
    const x0 = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) x0[2 * i + j] = DATA_MEAN[j] + DATA_STD[j] * rng.normal();
    // Measured: 0.13 at 50 steps, 0.065 at 100, 0.0066 at 1000 (the error is the inversion's use of
    // eps at the destination time, first order in the step size).
    for (const [steps, tol] of [[50, 0.15], [1000, 0.02]]) {
      const ts = ddimTimesteps(1000, steps);
      const before = tf.memory().numTensors;
      const latent = await runToEnd(invertDdim({ epsModel: oracle, schedule, x0, timesteps: ts, yieldEvery: 1000 }));
      // The latent of Gaussian data is close to standard normal: inversion really reached noise.
      expect(Math.abs(moments(latent).variance[0] - 1)).toBeLessThan(0.3);
      const back = await runToEnd(sampleDdim({ epsModel: oracle, schedule, timesteps: ts, n, rng: createRng(0), xStart: latent, yieldEvery: 1000 }));
      expect(tf.memory().numTensors).toBe(before);
      let maxErr = 0;
      for (let i = 0; i < x0.length; i++) maxErr = Math.max(maxErr, Math.abs(back[i] - x0[i]));
      expect(maxErr).toBeLessThan(tol);
    }
  });

  it('rejects sub-sequences that are not strictly descending timesteps', async () => {
    await expect(sampleDdim({ epsModel: oracle, schedule, timesteps: [10, 20], n: 2, rng: createRng(1) }).next()).rejects.toThrow(/strictly descending/);
    await expect(sampleDdim({ epsModel: oracle, schedule, timesteps: [1001], n: 2, rng: createRng(1) }).next()).rejects.toThrow(/timesteps\[0\]/);
    await expect(sampleDdim({ epsModel: oracle, schedule, timesteps: [10], eta: -1, n: 2, rng: createRng(1) }).next()).rejects.toThrow(/eta/);
  });
});
