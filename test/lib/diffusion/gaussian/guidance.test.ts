import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { runToEnd } from '@/lib/diffusion/gaussian/ddpm';
import { ddimTimesteps, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import { guidedEps, guidedEpsModel } from '@/lib/diffusion/gaussian/guidance';
import { gaussianMixtureEpsOracle } from '@/lib/diffusion/gaussian/oracles';

// Convention: eps = eps(x, none) + w (eps(x, c) - eps(x, none)); w = 0 unconditional, w = 1 conditional.
describe('classifier-free guidance', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const schedule = linearSchedule(1000);
  const mix = { means: [[-2, 0], [2, 0], [0, 2]], stds: [0.3, 0.3, 0.3], weights: [1, 1, 1] };
  const oracle = gaussianMixtureEpsOracle(schedule, mix);
  const NULL = 3;

  it('w = 0 gives the unconditional prediction, w = 1 the conditional one, w = 2 extrapolates', async () => {
    const u = tf.tensor2d([[1, 2]]);
    const c = tf.tensor2d([[3, -1]]);
    const read = async (w: number) => { const g = guidedEps(u, c, w); const d = Array.from(await g.data()); g.dispose(); return d; };
    expect(await read(0)).toEqual([1, 2]);
    expect(await read(1)).toEqual([3, -1]);
    expect(await read(2)).toEqual([5, -4]);
    expect(() => guidedEps(u, c, NaN)).toThrow(/w \(guidance scale\)/);
    tf.dispose([u, c]);
  });

  it('the guided model at w = 0 and w = 1 equals the model called with the null class and with the class', async () => {
    const x = tf.tensor2d([[0.1, 0.5], [1.5, -0.2], [-1, 1]]);
    const labels = new Int32Array([0, 1, 2]);
    const before = tf.memory().numTensors;
    for (const [w, callLabels] of [[0, new Int32Array(3).fill(NULL)], [1, labels]] as const) {
      const g = guidedEpsModel(oracle, NULL, w)(x, 200, labels);
      const ref = oracle(x, 200, callLabels);
      const [dg, dr] = [await g.data(), await ref.data()];
      for (let i = 0; i < 6; i++) expect(dg[i]).toBeCloseTo(dr[i], 5);
      tf.dispose([g, ref]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(() => guidedEpsModel(oracle, NULL, 1)(x, 200)).toThrow(/classLabels are required/);
    x.dispose();
  });

  it('stronger guidance puts more samples on their own class', async () => {
    const n = 300;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const hits = async (w: number) => {
      const x = await runToEnd(sampleDdim({ epsModel: guidedEpsModel(oracle, NULL, w), schedule, timesteps: ddimTimesteps(1000, 20), n, rng: createRng(2), classLabels: labels, yieldEvery: 100 }));
      let ok = 0;
      for (let i = 0; i < n; i++) {
        const d = mix.means.map((m) => (x[2 * i] - m[0]) ** 2 + (x[2 * i + 1] - m[1]) ** 2);
        if (d.indexOf(Math.min(...d)) === labels[i]) ok++;
      }
      return ok / n;
    };
    const [h0, h1] = [await hits(0), await hits(1)];
    expect(h0).toBeLessThan(0.6); // unconditional: about 1/3 by chance
    expect(h1).toBeGreaterThan(0.95); // the exact conditional eps lands on the class
  });
});
