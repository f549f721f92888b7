/**
 * Benchmarks the Gaussian samplers on the shipped two-moons denoiser (public/models/denoiser-2d/v1):
 * DDPM-1000 and DDIM-100/50/20/10 (eta 0), 2000 samples each, wall time and energy distance to
 * fresh data; plus training steps/s on each Node backend (wasm, cpu). Prints a table and writes
 * bench-results/diffusion.json. Usage: npm run bench:diffusion
 * Times are from one run on a shared machine: compare ratios within the run, not absolute seconds.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';
import type { MlpDenoiserWeightsEntry } from '@/lib/models/mlp-denoiser';
import type { SamplerStep } from '@/lib/diffusion/gaussian/types';

register('./train-resolve-hook.mjs', import.meta.url);
const tf = await import('@/lib/tensor/tf');
await import('@tensorflow/tfjs-backend-cpu');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
const { createRng } = await import('@/lib/math/rng');
const { linearSchedule } = await import('@/lib/diffusion/gaussian/schedules');
const { normalArray } = await import('@/lib/diffusion/gaussian/forward');
const { runToEnd, sampleDdpm } = await import('@/lib/diffusion/gaussian/ddpm');
const { ddimTimesteps, sampleDdim } = await import('@/lib/diffusion/gaussian/ddim');
const { sampleToy2d } = await import('@/lib/data/toy-2d');
const { energyDistance } = await import('@/lib/metrics/energy-distance');
const { createMlpDenoiser, createDenoiserOptimizer, epsModelFromDenoiser, loadMlpDenoiser, trainStep } = await import('@/lib/models/mlp-denoiser');

const MODEL_DIR = path.resolve(process.cwd(), 'public/models/denoiser-2d/v1');
const N = 2000;
const DDIM_STEPS = [100, 50, 20, 10];
const TRAIN_STEPS: Record<string, number> = { wasm: 100, cpu: 20 }; // cpu is ~10x slower: fewer steps, same estimate

interface Row { sampler: 'ddpm' | 'ddim'; steps: number; eta: number; seconds: number; energyDistance: number }

async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (name === 'wasm') setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
  await tf.ready();
}

async function timed(gen: AsyncGenerator<SamplerStep, Float32Array>): Promise<{ x: Float32Array; seconds: number }> {
  const t0 = performance.now();
  const x = await runToEnd(gen);
  return { x, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(MODEL_DIR, 'manifest.json'), 'utf8'));
  const entry = manifest.models['two-moons'] as MlpDenoiserWeightsEntry & { dataset: { name: 'two-moons' } };
  const bytes = await readFile(path.join(MODEL_DIR, entry.file));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const schedule = linearSchedule(manifest.schedule.T);

  // Training speed on each backend (a fresh model of the shipped config, the shipped batch size).
  const trainStepsPerSecond: Record<string, number> = {};
  const data = sampleToy2d('two-moons', 20_000, createRng(1));
  for (const backend of ['wasm', 'cpu'] as const) {
    await useBackend(backend);
    const model = createMlpDenoiser(entry.config, 1);
    const opt = createDenoiserOptimizer({ learningRate: 1e-3, adamEpsilon: 1e-7 });
    const rng = createRng(2);
    for (let i = 0; i < 5; i++) await trainStep(model, opt, schedule, data, rng, { batchSize: 256, pUncond: 0 }); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < TRAIN_STEPS[backend]; i++) await trainStep(model, opt, schedule, data, rng, { batchSize: 256, pUncond: 0 });
    trainStepsPerSecond[backend] = Number((TRAIN_STEPS[backend] / ((performance.now() - t0) / 1000)).toFixed(2));
    opt.dispose();
    model.dispose();
    console.log(`training on ${backend}: ${trainStepsPerSecond[backend]} steps/s (batch 256)`);
  }

  // Sampling on wasm, the fast Node backend (cpu would take minutes per DDPM run).
  await useBackend('wasm');
  const model = await loadMlpDenoiser(entry, buffer);
  const eps = epsModelFromDenoiser(model);
  const evalRng = createRng(4242);
  const ref = sampleToy2d('two-moons', N, evalRng).points;
  const floor = energyDistance(sampleToy2d('two-moons', N, evalRng).points, ref);
  const noise = energyDistance(normalArray(evalRng, 2 * N), ref);
  const rows: Row[] = [];
  // Warm-up so the first timed run does not pay for kernel setup.
  await runToEnd(sampleDdim({ epsModel: eps, schedule, timesteps: ddimTimesteps(1000, 5), n: N, rng: createRng(1) }));
  const ddpm = await timed(sampleDdpm({ epsModel: eps, schedule, n: N, rng: createRng(7), yieldEvery: 1000 }));
  rows.push({ sampler: 'ddpm', steps: schedule.T, eta: 1, seconds: ddpm.seconds, energyDistance: energyDistance(ddpm.x, ref) });
  for (const steps of DDIM_STEPS) {
    const r = await timed(sampleDdim({ epsModel: eps, schedule, timesteps: ddimTimesteps(schedule.T, steps), eta: 0, n: N, rng: createRng(7), yieldEvery: 1000 }));
    rows.push({ sampler: 'ddim', steps, eta: 0, seconds: r.seconds, energyDistance: energyDistance(r.x, ref) });
  }
  model.dispose();

  const base = rows[0];
  console.log(`\ntwo-moons denoiser, ${N} samples, backend wasm; energy distance: data-vs-data floor ${floor.toFixed(5)}, N(0, I) noise ${noise.toFixed(5)}`);
  // Near the data-vs-data floor a ratio of energy distances is noise over noise, so quality is shown
  // as a fraction of the noise baseline (0% = indistinguishable from data at this sample size).
  console.log('| sampler | steps | eta | seconds | speed-up vs DDPM | energy distance | % of noise baseline |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.sampler} | ${r.steps} | ${r.eta} | ${r.seconds.toFixed(2)} | ${(base.seconds / r.seconds).toFixed(1)}x | ${r.energyDistance.toFixed(5)} | ${((100 * r.energyDistance) / noise).toFixed(1)}% |`);
  }
  const out = {
    backend: 'wasm',
    model: 'public/models/denoiser-2d/v1/two-moons.bin',
    samples: N,
    note: 'ddpm uses the posterior variance (eta 1 in the row stands for the stochastic sampler); ddim rows are eta 0. One run on a shared machine: compare ratios, not absolute seconds.',
    energyDistanceFloor: Number(floor.toFixed(6)),
    energyDistanceNoise: Number(noise.toFixed(6)),
    trainStepsPerSecond,
    rows: rows.map((r) => ({ ...r, seconds: Number(r.seconds.toFixed(3)), energyDistance: Number(r.energyDistance.toFixed(6)) })),
  };
  await mkdir(path.resolve(process.cwd(), 'bench-results'), { recursive: true });
  await writeFile(path.resolve(process.cwd(), 'bench-results/diffusion.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote bench-results/diffusion.json');
}

main().catch((err) => { console.error(err); process.exit(1); });
