import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { makeSchedule } from '@/lib/diffusion/gaussian/schedules';
import { normalArray } from '@/lib/diffusion/gaussian/forward';
import { runToEnd } from '@/lib/diffusion/gaussian/ddpm';
import { ddimTimesteps, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import { GAUSSIAN_MIXTURE_2D, sampleToy2d } from '@/lib/data/toy-2d';
import { energyDistance } from '@/lib/metrics/energy-distance';
import { epsModelFromDenoiser, loadMlpDenoiser, type MlpDenoiserManifest } from '@/lib/models/mlp-denoiser';

const DIR = path.resolve(process.cwd(), 'public/models/denoiser-2d/v1');

function readEntry(manifest: MlpDenoiserManifest, id: string) {
  const entry = manifest.models[id];
  const bytes = readFileSync(path.join(DIR, entry.file));
  return { entry, buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

describe('the shipped 2D denoisers (public/models/denoiser-2d/v1)', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as MlpDenoiserManifest;
  const schedule = makeSchedule(manifest.schedule);

  it('the two-moons model loads with its checksum and samples close to the data with DDIM-20', async () => {
    const { entry, buffer } = readEntry(manifest, 'two-moons');
    const before = tf.memory().numTensors;
    const model = await loadMlpDenoiser(entry, buffer);
    const n = 600;
    const x = await runToEnd(sampleDdim({ epsModel: epsModelFromDenoiser(model), schedule, timesteps: ddimTimesteps(schedule.T, 20), n, rng: createRng(3), yieldEvery: 100 }));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const ref = sampleToy2d('two-moons', n, createRng(4)).points;
    // Measured at 2000 points: DDIM-20 about 0.008 against 0.050 for noise.
    expect(energyDistance(x, ref)).toBeLessThan(0.4 * energyDistance(normalArray(createRng(5), 2 * n), ref));
  });

  it('the class-conditional mixture model puts samples on the asked class', async () => {
    const { entry, buffer } = readEntry(manifest, 'gaussian-mixture');
    const model = await loadMlpDenoiser(entry, buffer);
    expect(model.config.numClasses).toBe(8);
    const n = 160;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 8);
    const x = await runToEnd(sampleDdim({ epsModel: epsModelFromDenoiser(model), schedule, timesteps: ddimTimesteps(schedule.T, 20), n, rng: createRng(6), classLabels: labels, yieldEvery: 100 }));
    model.dispose();
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const d = GAUSSIAN_MIXTURE_2D.means.map((m) => (x[2 * i] - m[0]) ** 2 + (x[2 * i + 1] - m[1]) ** 2);
      if (d.indexOf(Math.min(...d)) === labels[i]) ok++;
    }
    expect(ok / n).toBeGreaterThan(0.95);
  });
});
