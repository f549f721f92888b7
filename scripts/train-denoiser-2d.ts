/**
 * Trains the 2D eps-denoisers shipped with the course and writes public/models/denoiser-2d/v1/:
 *   two-moons.bin           unconditional, two moons (lessons 03-05)
 *   gaussian-mixture.bin    class-conditional with a null class, 8-Gaussian mixture (lesson 06)
 *   manifest.json           config, seed, steps, loss curve, energy distances, sha256 per file
 * Seeded and run on the wasm backend in Node. Usage: npm run train:denoiser
 * MARBLE_ONLY=<id> retrains one model (other manifest entries are kept); MARBLE_TRAIN_STEPS=N is for
 * quick experiments only (the shipped files use the default).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';
import type { EpsModel } from '@/lib/diffusion/gaussian/types';
import type { Toy2dName } from '@/lib/data/toy-2d';
import type { MlpDenoiserConfig, TrainDenoiserConfig } from '@/lib/models/mlp-denoiser';

// tfjs-core's ESM build uses extension-less imports; this hook (shared with the other train scripts)
// lets Node resolve them. Everything that touches tfjs is imported after it, dynamically.
register('./train-resolve-hook.mjs', import.meta.url);
const tf = await import('@/lib/tensor/tf');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
const { createRng } = await import('@/lib/math/rng');
const { linearSchedule } = await import('@/lib/diffusion/gaussian/schedules');
const { normalArray } = await import('@/lib/diffusion/gaussian/forward');
const { runToEnd, sampleDdpm } = await import('@/lib/diffusion/gaussian/ddpm');
const { ddimTimesteps, sampleDdim } = await import('@/lib/diffusion/gaussian/ddim');
const { guidedEpsModel } = await import('@/lib/diffusion/gaussian/guidance');
const { sampleToy2d, GAUSSIAN_MIXTURE_2D } = await import('@/lib/data/toy-2d');
const { energyDistance } = await import('@/lib/metrics/energy-distance');
const { createMlpDenoiser, epsModelFromDenoiser, serializeMlpDenoiser, trainMlpDenoiser, nullClassOf } = await import('@/lib/models/mlp-denoiser');

const OUT_DIR = path.resolve(process.cwd(), 'public/models/denoiser-2d/v1');
const EVAL_N = 2000;
const STEPS = Number(process.env.MARBLE_TRAIN_STEPS ?? 8000);

async function startWasm(): Promise<void> {
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  await tf.ready();
}

const round = (x: number, d = 5) => Number(x.toFixed(d));

/** Mean loss over consecutive windows (a readable curve for the manifest and the lesson's plot). */
function lossCurve(losses: Float32Array, window: number): { step: number; loss: number }[] {
  const out: { step: number; loss: number }[] = [];
  for (let s = 0; s < losses.length; s += window) {
    const part = losses.subarray(s, Math.min(losses.length, s + window));
    out.push({ step: s + part.length, loss: round(part.reduce((a, b) => a + b, 0) / part.length) });
  }
  return out;
}

interface Job {
  id: string;
  dataset: Toy2dName;
  conditional: boolean;
  modelSeed: number;
  dataSeed: number;
  model: Partial<MlpDenoiserConfig>;
  train: Partial<TrainDenoiserConfig>;
}

const JOBS: Job[] = [
  { id: 'two-moons', dataset: 'two-moons', conditional: false, modelSeed: 11, dataSeed: 101, model: {}, train: { steps: STEPS, seed: 1001 } },
  { id: 'gaussian-mixture', dataset: 'gaussian-mixture', conditional: true, modelSeed: 12, dataSeed: 102, model: { numClasses: 8 }, train: { steps: STEPS, seed: 1002 } },
];

/** Fraction of samples nearest to their own class mean (for the mixture; 1/8 is chance). */
function classAccuracy(points: Float32Array, labels: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = -1, bestD = Infinity;
    GAUSSIAN_MIXTURE_2D.means.forEach((m, k) => {
      const d = (points[2 * i] - m[0]) ** 2 + (points[2 * i + 1] - m[1]) ** 2;
      if (d < bestD) { bestD = d; best = k; }
    });
    if (best === labels[i]) ok++;
  }
  return ok / labels.length;
}

async function main(): Promise<void> {
  await startWasm();
  await mkdir(OUT_DIR, { recursive: true });
  const schedule = linearSchedule(1000);
  const manifest: Record<string, unknown> = {
    format: 'marble-mlp-denoiser',
    version: 1,
    schedule: { kind: 'linear', T: 1000, betaStart: 1e-4, betaEnd: 0.02 },
    backend: tf.getBackend(),
    createdBy: 'scripts/train-denoiser-2d.ts',
    models: {} as Record<string, unknown>,
  };
  // MARBLE_ONLY=<id> retrains one model and keeps the other entries of an existing manifest.
  const only = process.env.MARBLE_ONLY;
  if (only) {
    try {
      const previous = JSON.parse(await readFile(path.join(OUT_DIR, 'manifest.json'), 'utf8'));
      Object.assign(manifest.models as Record<string, unknown>, previous.models ?? {});
    } catch {
      // no previous manifest: start fresh
    }
  }
  for (const job of JOBS.filter((j) => !only || j.id === only)) {
    const data = sampleToy2d(job.dataset, 20_000, createRng(job.dataSeed));
    const model = createMlpDenoiser({ ...job.model }, job.modelSeed);
    const t0 = performance.now();
    const { losses, config: trainConfig } = await trainMlpDenoiser(model, schedule, job.conditional ? data : { points: data.points }, job.train, {
      onStep: (s, l) => { if (s % 500 === 0) console.log(`${job.id} step ${s} loss ${l.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`); },
    });
    const trainSeconds = (performance.now() - t0) / 1000;

    // Evaluation: fresh data (another seed), noise baseline and a data-vs-data floor, all 2000 points.
    const evalRng = createRng(job.dataSeed + 7);
    const ref = sampleToy2d(job.dataset, EVAL_N, evalRng);
    const ref2 = sampleToy2d(job.dataset, EVAL_N, evalRng);
    const noise = normalArray(evalRng, EVAL_N * 2);
    const labels = job.conditional ? ref.labels : undefined;
    const eps: EpsModel = epsModelFromDenoiser(model);
    const e0 = performance.now();
    const ddpm = await runToEnd(sampleDdpm({ epsModel: eps, schedule, n: EVAL_N, rng: createRng(5), classLabels: labels, yieldEvery: 1000 }));
    const ddpmSeconds = (performance.now() - e0) / 1000;
    const ddim50 = await runToEnd(sampleDdim({ epsModel: eps, schedule, timesteps: ddimTimesteps(1000, 50), n: EVAL_N, rng: createRng(6), classLabels: labels, yieldEvery: 1000 }));
    const metrics: Record<string, unknown> = {
      evalPoints: EVAL_N,
      energyDistance: {
        ddpm1000: round(energyDistance(ddpm, ref.points)),
        ddim50: round(energyDistance(ddim50, ref.points)),
        noiseBaseline: round(energyDistance(noise, ref.points)),
        dataFloor: round(energyDistance(ref2.points, ref.points)),
      },
      ddpm1000Seconds: round(ddpmSeconds, 2),
    };
    if (job.conditional && labels) {
      const nullClass = nullClassOf(model.config);
      const guided: Record<string, unknown> = {};
      for (const w of [0, 1, 3]) {
        const g = w === 1 ? eps : guidedEpsModel(eps, nullClass, w);
        const x = await runToEnd(sampleDdim({ epsModel: g, schedule, timesteps: ddimTimesteps(1000, 50), n: EVAL_N, rng: createRng(8), classLabels: labels, yieldEvery: 1000 }));
        guided[`w${w}`] = { classAccuracy: round(classAccuracy(x, labels), 4), energyDistance: round(energyDistance(x, ref.points)) };
      }
      // Unconditional (null class) samples should match the whole mixture.
      const uncond = await runToEnd(sampleDdim({ epsModel: eps, schedule, timesteps: ddimTimesteps(1000, 50), n: EVAL_N, rng: createRng(9), classLabels: new Int32Array(EVAL_N).fill(nullClass), yieldEvery: 1000 }));
      metrics.guidanceDdim50 = guided;
      metrics.energyDistanceNullClassDdim50 = round(energyDistance(uncond, ref.points));
    }
    console.log(job.id, JSON.stringify(metrics));

    const { specs, data: weights } = await serializeMlpDenoiser(model);
    const bytes = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
    const file = `${job.id}.bin`;
    await writeFile(path.join(OUT_DIR, file), bytes);
    (manifest.models as Record<string, unknown>)[job.id] = {
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      config: model.config,
      weights: specs,
      dataset: { name: job.dataset, n: 20_000, seed: job.dataSeed },
      modelSeed: job.modelSeed,
      train: { ...trainConfig, wallSeconds: round(trainSeconds, 1), finalLoss: round(losses.subarray(-200).reduce((a, b) => a + b, 0) / Math.min(200, losses.length)), lossCurve: lossCurve(losses, 100) },
      metrics,
    };
    model.dispose();
    // Written after every model, so an interrupted run still leaves a consistent manifest.
    await writeFile(path.join(OUT_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    console.log(`wrote ${file} and ${OUT_DIR}/manifest.json`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
