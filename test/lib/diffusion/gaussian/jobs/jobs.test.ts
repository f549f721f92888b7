import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import type { JobContext } from '@/lib/runtime/protocol';
import { useNodeBackend } from '@/test/support/tf-node';
import { drain, publicContext } from '@/test/support/public-files';
import { trainDenoiserJob, type TrainResult } from '@/lib/diffusion/gaussian/jobs/train-denoiser-job';
import { sample2dJob, type Sample2dResult } from '@/lib/diffusion/gaussian/jobs/sample-2d-job';
import { scoreFieldJob } from '@/lib/diffusion/gaussian/jobs/score-field-job';
import { langevinJob } from '@/lib/diffusion/gaussian/jobs/langevin-job';
import { ANNEALED_LEVELS } from '@/lib/diffusion/gaussian/langevin-runs';
import { ddimInvertJob } from '@/lib/diffusion/gaussian/jobs/ddim-invert-job';
import { loadDenoiser } from '@/lib/diffusion/gaussian/jobs/model-source';


const pretrained = { kind: 'pretrained' as const, id: 'two-moons' };

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('gaussian jobs', () => {
  it('train-denoiser-2d lowers the loss from scratch and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const result: TrainResult = await drain(trainDenoiserJob({ dataset: 'two-moons', steps: 150, learningRate: 2e-3, batchSize: 128, seed: 3 }, publicContext), (p) => progress.push(p.loss));
    expect(progress).toHaveLength(150);
    expect(result.firstLoss).toBeGreaterThan(0.5); // an untrained net predicts eps ~ 0: loss ~ E|eps|^2 / 2 per coordinate ~ 1
    expect(result.lastLoss).toBeLessThan(0.75 * result.firstLoss);
    expect(Object.keys(result.weights.weights)).toContain('in.kernel');
    expect(tf.memory().numTensors).toBe(before);
  });

  it("train-denoiser-2d from the pretrained weights starts where fresh training ends: why lesson 03's lab starts fresh", async () => {
    const before = tf.memory().numTensors;
    const run = (init?: typeof pretrained) => drain(trainDenoiserJob({ dataset: 'two-moons', steps: 60, learningRate: 2e-3, batchSize: 128, seed: 3, init }, publicContext));
    const fresh = await run();
    const warm = await run(pretrained);
    console.log(`first/last tenth loss, fresh ${fresh.firstLoss.toFixed(3)} -> ${fresh.lastLoss.toFixed(3)}, pretrained ${warm.firstLoss.toFixed(3)} -> ${warm.lastLoss.toFixed(3)}`);
    expect(fresh.firstLoss).toBeGreaterThan(0.5);
    expect(fresh.firstLoss - fresh.lastLoss).toBeGreaterThan(0.15);
    // From the shipped weights the curve is flat and already below where 60 fresh steps end.
    expect(warm.firstLoss).toBeLessThan(fresh.lastLoss);
    expect(Math.abs(warm.firstLoss - warm.lastLoss)).toBeLessThan(0.1);
    // Seeded: the same fresh run twice gives the same losses.
    expect(Array.from((await run()).losses)).toEqual(Array.from(fresh.losses));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sample-2d with pretrained DDIM-20 beats noise by far and reports wall time', async () => {
    const before = tf.memory().numTensors;
    let frames = 0;
    const result: Sample2dResult = await drain(sample2dJob({ source: pretrained, dataset: 'two-moons', sampler: 'ddim', steps: 20, n: 500, frames: 5 }, publicContext), () => frames++);
    expect(frames).toBeGreaterThanOrEqual(5);
    const q = result.quality!;
    expect(q.noiseBaseline).toBeGreaterThan(0.03);
    expect(q.energyDistance).toBeLessThan(q.noiseBaseline / 4);
    expect(Math.abs(q.dataFloor)).toBeLessThan(0.01);
    expect(result.seconds).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sample-2d frees its tensors when cancelled mid-run', async () => {
    const before = tf.memory().numTensors;
    const gen = sample2dJob({ source: pretrained, dataset: 'two-moons', sampler: 'ddim', steps: 20, n: 100, frames: 20 }, publicContext);
    await gen.next();
    await gen.next();
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('guided sampling on the class-conditional mixture lands in the class', async () => {
    const result: Sample2dResult = await drain(sample2dJob({
      source: { kind: 'pretrained', id: 'gaussian-mixture' }, dataset: 'gaussian-mixture', sampler: 'ddim', steps: 20, n: 300, frames: 0,
      guidance: { w: 3, classLabel: 2 },
    }, publicContext));
    expect(result.fidelity!.accuracy).toBeGreaterThan(0.95);
    // Strong guidance collapses the spread along the ring (the data's is 0.2) and overshoots outwards.
    expect(result.fidelity!.sidewaysStd).toBeLessThan(0.1);
    expect(result.fidelity!.offset).toBeGreaterThan(0.1);
  });

  it('score-field-2d returns scores with eps = -sqrt(1 - abar) score', async () => {
    const before = tf.memory().numTensors;
    const r = await drain(scoreFieldJob({ source: pretrained, t: 100, gridSize: 5 }, publicContext));
    expect(r.points).toHaveLength(50);
    expect(r.scores).toHaveLength(50);
    const { model, schedule } = await loadDenoiser(pretrained, publicContext);
    const eps = tf.tidy(() => model.predictEps(tf.tensor2d(r.points, [25, 2]), 100));
    const e = await eps.data();
    eps.dispose();
    model.dispose();
    for (let i = 0; i < 50; i++) expect(e[i]).toBeCloseTo(-schedule.sqrtOneMinusAlphaBars[100] * r.scores[i], 4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('annealed langevin-2d moves noise towards the moons', async () => {
    const r = await drain(langevinJob({ source: pretrained, dataset: 'two-moons', levels: [...ANNEALED_LEVELS], stepsPerLevel: 10, stepSize: 0.2, n: 400, frames: 0 }, publicContext));
    expect(r.quality.energyDistance).toBeLessThan(r.quality.noiseBaseline / 3);
  });

  it('ddim-invert-2d round-trips points through noise', async () => {
    const before = tf.memory().numTensors;
    const points = new Float32Array([-0.7, 0.35, 0.7, -0.35]);
    const r = await drain(ddimInvertJob({ source: pretrained, points, steps: 50 }, publicContext));
    expect(r.up).toHaveLength(51);
    expect(r.down).toHaveLength(51);
    expect(Math.hypot(r.latent[0], r.latent[1])).toBeGreaterThan(0.3); // it really went somewhere
    expect(r.maxError).toBeLessThan(0.1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a corrupt weights file fails with a message naming the sha256 mismatch', async () => {
    const corrupt: JobContext = {
      async fetchBytes(url) {
        const bytes = await publicContext.fetchBytes(url);
        if (url.endsWith('.bin')) new Uint8Array(bytes)[10] ^= 0xff;
        return bytes;
      },
    };
    await expect(drain(sample2dJob({ source: pretrained, dataset: 'two-moons', sampler: 'ddim', steps: 10, n: 10 }, corrupt))).rejects.toThrow(/sha256/);
    const missing: JobContext = { fetchBytes: async (url) => { throw new Error(`Could not download ${url}: 404`); } };
    await expect(drain(sample2dJob({ source: pretrained, dataset: 'two-moons', sampler: 'ddim', steps: 10, n: 10 }, missing))).rejects.toThrow(/manifest\.json/);
  });
});
