import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import type { JobContext } from '@/lib/runtime/protocol';
import { useNodeBackend } from '@/test/support/tf-node';
import { drain, publicContext } from '@/test/support/public-files';
import { createJob } from '@/lib/jobs/registry';
import { latentSampleJob, type LatentSampleResult } from '@/lib/diffusion/gaussian/latent/latent-sample-job';
import { latentTrainJob, type LatentTrainResult } from '@/lib/diffusion/gaussian/latent/latent-train-job';


beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('latent guidance jobs', () => {
  it('latent-guidance-sample yields frames, returns decoded images with fidelity and diversity, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    let frames = 0;
    const r: LatentSampleResult = await drain(latentSampleJob({ classLabel: 3, w: 3, n: 32, steps: 20, frames: 4, seed: 2, reference: 50 }, publicContext), (f) => {
      frames++;
      expect(f.latents).toHaveLength(64);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(frames).toBeGreaterThanOrEqual(4);
    expect(r.images).toHaveLength(32 * 256);
    expect(r.latents).toHaveLength(64);
    expect(r.predicted).toHaveLength(32);
    // Guided at w = 3 the shipped model's 3s are read as 3s (manifest: 0.96 of 50, DDIM-50).
    expect(r.fidelity).toBeGreaterThan(0.8);
    expect(r.diversity).toBeGreaterThan(0);
    expect(r.dataDiversity).toBeGreaterThan(r.diversity * 0.5);
    expect(r.reference!.latents).toHaveLength(100);
    expect(r.reference!.labels).toHaveLength(50);
    expect(r.classNames[3]).toBe('3');
  });

  it('latent-guidance-sample frees its tensors when cancelled mid-run', async () => {
    const before = tf.memory().numTensors;
    const gen = latentSampleJob({ classLabel: 1, w: 1, n: 16, steps: 20, frames: 20 }, publicContext);
    await gen.next();
    await gen.next();
    await gen.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('bad parameters throw naming them', async () => {
    await expect(drain(latentSampleJob({ classLabel: 10, w: 1 }, publicContext))).rejects.toThrow(/classLabel must be an integer in \[0, 9\], got 10/);
    await expect(drain(latentSampleJob({ classLabel: 1, w: -1 }, publicContext))).rejects.toThrow(/w must be in \[0, 20\], got -1/);
    await expect(drain(latentSampleJob({ classLabel: 1, w: 1, n: 1 }, publicContext))).rejects.toThrow(/n must be an integer in \[2, 1024\]/);
    await expect(drain(latentTrainJob({ steps: 0 }, publicContext))).rejects.toThrow(/steps must be an integer in \[1, 100000\], got 0/);
  });

  it('a missing weights file fails with its name and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const broken: JobContext = {
      async fetchBytes(url) {
        if (url.endsWith('latent-denoiser.bin')) throw new Error(`Could not download ${url}: the server answered 404 Not Found`);
        return publicContext.fetchBytes(url);
      },
    };
    await expect(drain(latentSampleJob({ classLabel: 1, w: 1, n: 4, steps: 5 }, broken))).rejects.toThrow(/weights file \/models\/glyphs\/v1\/latent-denoiser\.bin is missing or unreadable/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('train-latent-denoiser lowers the loss from scratch, and its weights sample through the sample job', async () => {
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    const trained: LatentTrainResult = await drain(latentTrainJob({ steps: 150, batchSize: 128, dataSize: 600, seed: 4 }, publicContext), (p) => losses.push(p.loss));
    expect(tf.memory().numTensors).toBe(before);
    expect(losses).toHaveLength(150);
    // An untrained net predicts eps ~ 0 (loss ~ 1); 150 steps on 2D codes already learn a lot.
    expect(trained.firstLoss).toBeGreaterThan(0.5);
    expect(trained.lastLoss).toBeLessThan(0.75 * trained.firstLoss);
    const r: LatentSampleResult = await drain(latentSampleJob({ source: { kind: 'weights', value: trained.weights }, classLabel: 0, w: 3, n: 8, steps: 10, frames: 0 }, publicContext));
    expect(r.images).toHaveLength(8 * 256);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('both jobs are registered with the worker', async () => {
    const job = await createJob('latent-guidance-sample', { classLabel: 2, w: 0, n: 4, steps: 2, frames: 0 }, publicContext);
    const r = await drain(job as AsyncGenerator<unknown, LatentSampleResult>);
    expect(r.images).toHaveLength(4 * 256);
    expect(typeof (await createJob('train-latent-denoiser', { steps: 1 }, publicContext)).next).toBe('function');
  });
});
