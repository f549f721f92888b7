import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { normalArray } from '@/lib/diffusion/gaussian/forward';
import { runToEnd, sampleDdpm } from '@/lib/diffusion/gaussian/ddpm';
import { sampleToy2d } from '@/lib/data/toy-2d';
import { energyDistance } from '@/lib/metrics/energy-distance';
import {
  createDenoiserOptimizer, createMlpDenoiser, epsModelFromDenoiser, loadMlpDenoiser, parseMlpDenoiserWeights,
  cosineLearningRate, resolveMlpDenoiserConfig, resolveTrainDenoiserConfig, serializeMlpDenoiser, sha256Hex, trainMlpDenoiser, trainStep,
} from '@/lib/models/mlp-denoiser';

const SMALL = { hidden: 32, depth: 2, timeEmbedDim: 16 };

async function predict(model: ReturnType<typeof createMlpDenoiser>, x: Float32Array, t: number, labels?: Int32Array): Promise<Float32Array> {
  const xt = tf.tensor2d(x, [x.length / 2, 2]);
  const out = model.predictEps(xt, t, labels);
  const v = Float32Array.from(await out.data());
  tf.dispose([xt, out]);
  return v;
}

describe('mlp eps-denoiser', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const x = new Float32Array([0.1, -0.3, 1.2, 0.8, -2, 0.5]);

  it('the same seed builds the same model, predictions are [n, dim], and dispose frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const a = createMlpDenoiser(SMALL, 7);
    const b = createMlpDenoiser(SMALL, 7);
    const c = createMlpDenoiser(SMALL, 8);
    const [pa, pb, pc] = [await predict(a, x, 500), await predict(b, x, 500), await predict(c, x, 500)];
    expect(pa.length).toBe(6);
    expect(Array.from(pa)).toEqual(Array.from(pb));
    expect(Array.from(pa)).not.toEqual(Array.from(pc));
    // different timesteps give different predictions (the time embedding reaches the output)
    expect(Array.from(await predict(a, x, 10))).not.toEqual(Array.from(pa));
    [a, b, c].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('serialising then loading gives identical predictions, and a wrong sha256 is refused', async () => {
    const model = createMlpDenoiser({ ...SMALL, numClasses: 3 }, 3);
    const { specs, data } = await serializeMlpDenoiser(model);
    const bytes = data.buffer.slice(0) as ArrayBuffer;
    const entry = { config: model.config, file: 'm.bin', sha256: await sha256Hex(bytes), weights: specs };
    const loaded = await loadMlpDenoiser(entry, bytes);
    const labels = new Int32Array([0, 2, 3]);
    expect(Array.from(await predict(loaded, x, 42, labels))).toEqual(Array.from(await predict(model, x, 42, labels)));
    await expect(loadMlpDenoiser({ ...entry, sha256: '0'.repeat(64) }, bytes)).rejects.toThrow(/sha256 of m.bin/);
    expect(() => parseMlpDenoiserWeights({ config: model.config, weights: specs.slice(1) }, bytes)).toThrow(/has no "in.kernel"/);
    model.dispose();
    loaded.dispose();
  });

  it('a class-conditional model treats missing labels as the null class and rejects bad inputs', async () => {
    const model = createMlpDenoiser({ ...SMALL, numClasses: 2 }, 4);
    expect(Array.from(await predict(model, x, 100))).toEqual(Array.from(await predict(model, x, 100, new Int32Array([2, 2, 2]))));
    expect(Array.from(await predict(model, x, 100, new Int32Array([0, 0, 0])))).not.toEqual(Array.from(await predict(model, x, 100)));
    const xt = tf.tensor2d(x, [3, 2]);
    expect(() => model.predictEps(xt, 100, new Int32Array([0, 3, 0]))).toThrow(/classLabels must be in \[0, 2\]/);
    expect(() => model.predictEps(xt, 0)).toThrow(/t must be integers in \[1, 1000\]/);
    expect(() => resolveMlpDenoiserConfig({ hidden: 0 })).toThrow(/MlpDenoiserConfig.hidden/);
    expect(() => resolveTrainDenoiserConfig({ pUncond: 2 })).toThrow(/pUncond/);
    xt.dispose();
    model.dispose();
  });

  it('a training step is reproducible from the seed, needs labels for a conditional model, and leaks nothing', async () => {
    const schedule = linearSchedule(1000);
    const data = sampleToy2d('two-moons', 500, createRng(1));
    const run = async () => {
      const model = createMlpDenoiser(SMALL, 1);
      const opt = createDenoiserOptimizer({ learningRate: 1e-3, adamEpsilon: 1e-7 });
      const rng = createRng(2);
      const losses = [];
      for (let i = 0; i < 3; i++) losses.push(await trainStep(model, opt, schedule, data, rng, { batchSize: 64, pUncond: 0 }));
      opt.dispose();
      model.dispose();
      return losses;
    };
    const before = tf.memory().numTensors;
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(tf.memory().numTensors).toBe(before);
    const cond = createMlpDenoiser({ ...SMALL, numClasses: 2 }, 1);
    const opt = createDenoiserOptimizer({ learningRate: 1e-3, adamEpsilon: 1e-7 });
    await expect(trainStep(cond, opt, schedule, { points: data.points }, createRng(1))).rejects.toThrow(/data.labels/);
    opt.dispose();
    cond.dispose();
  });

  it('the learning rate decays along a cosine from lr to lr * finalFraction', () => {
    expect(cosineLearningRate(1e-3, 0.05, 0, 101)).toBeCloseTo(1e-3, 12);
    expect(cosineLearningRate(1e-3, 0.05, 50, 101)).toBeCloseTo(1e-3 * (0.05 + 0.95 * 0.5), 12);
    expect(cosineLearningRate(1e-3, 0.05, 100, 101)).toBeCloseTo(5e-5, 12);
  });

  it('a short seeded training run on the 8-Gaussian mixture samples far closer to the data than noise is', async () => {
    const schedule = linearSchedule(1000);
    const data = sampleToy2d('gaussian-mixture', 5000, createRng(11));
    const model = createMlpDenoiser({ hidden: 64, depth: 2, timeEmbedDim: 16 }, 5);
    const before = tf.memory().numTensors;
    const { losses } = await trainMlpDenoiser(model, schedule, { points: data.points }, { steps: 600, batchSize: 128, learningRate: 3e-3, seed: 6 });
    const n = 800;
    const samples = await runToEnd(sampleDdpm({ epsModel: epsModelFromDenoiser(model), schedule, n, rng: createRng(7), yieldEvery: 1000 }));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    const ref = sampleToy2d('gaussian-mixture', n, createRng(12)).points;
    const ed = energyDistance(samples, ref);
    const noise = energyDistance(normalArray(createRng(13), 2 * n), ref);
    const early = losses.slice(0, 50).reduce((a, b) => a + b, 0) / 50;
    const late = losses.slice(-50).reduce((a, b) => a + b, 0) / 50;
    expect(late).toBeLessThan(early);
    // Measured on wasm: ED 0.050 vs 0.238 for N(0, I) noise (0.21 of it); the data-vs-data floor at
    // n = 800 is ~0.005. A third of the noise baseline leaves room for backend rounding yet fails
    // for a model that has not learned the eight modes.
    expect(ed).toBeLessThan(0.35 * noise);
  });
});
