/**
 * The body of scripts/bench-train.ts (loaded after the resolve hook is registered).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { encodeBatch, generateExamples, maxTokensOfMix, type EncodedBatch } from '@/lib/data/text/corpus';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { createAdam } from '@/lib/training/adam';
import { defaultTrainerConfig, lossOnTargets, lossTargets, trainingMask, type Objective, type TrainerConfig } from '@/lib/training/trainer';
import { recipeBatch } from '@/lib/training/recipe';
import { TASK_STAGE_RECIPE } from '@/lib/training/recipes';

interface ShapeResult { objective: Objective; shape: string; rows: number; canvas: number; msPerStep: number; canvasTokensPerSecond: number; exampleTokensPerSecond: number }

async function timeSteps(model: Transformer, config: TrainerConfig, batch: EncodedBatch, steps: number): Promise<number> {
  const adam = createAdam(model.variables, config.adam);
  const targets = lossTargets(config, batch, 1);
  const mask = trainingMask(config, targets.positions.length);
  const times: number[] = [];
  try {
    for (let s = 0; s < steps + 2; s++) {
      const t0 = performance.now();
      const { value, grads } = tf.variableGrads(() => lossOnTargets(model, config, targets, mask), model.variables);
      await adam.apply(model.variables.map((v) => grads[v.name]), 1e-4);
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
      if (s >= 2) times.push(performance.now() - t0); // the first steps pay for kernel setup
    }
  } finally {
    adam.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function profileStep(model: Transformer, config: TrainerConfig, batch: EncodedBatch): Promise<Record<string, number>> {
  const targets = lossTargets(config, batch, 1);
  const mask = trainingMask(config, targets.positions.length);
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => lossOnTargets(model, config, targets, mask), model.variables);
    tf.dispose(Object.values(grads));
    return value;
  });
  const byName = new Map<string, number>();
  for (const k of info.kernels.filter((x) => !/scope/.test(x.name))) byName.set(k.name, (byName.get(k.name) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  return Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, Math.round(1000 * v / total) / 10]));
}

export async function main(argv: string[]): Promise<void> {
  const stepsFlag = argv.indexOf('--steps');
  const steps = stepsFlag >= 0 ? Number(argv[stepsFlag + 1]) : 5;
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();
  const results: ShapeResult[] = [];
  const profiles: Record<string, Record<string, number>> = {};
  for (const objective of ['ar', 'mdlm', 'bd3'] as Objective[]) {
    const base = defaultTrainerConfig(objective);
    const config: TrainerConfig = { ...base, model: { ...base.model, maxLen: LONG_MAX_LEN } };
    const model = createTransformer(config.model, initTransformerWeights(config.model, 1), { trainable: true });
    try {
      const shapes: { shape: string; batch: EncodedBatch }[] = [
        { shape: 'v3: 16 x 64, mixed corpus', batch: encodeBatch(generateExamples({ seed: 5, count: 16, split: 'train' }), 64) },
        ...TASK_STAGE_RECIPE.buckets.map((b) => ({ shape: `v4 ${b.name}`, batch: recipeBatch(TASK_STAGE_RECIPE, b, 5, objective !== 'mdlm', maxTokensOfMix) })),
      ];
      for (const { shape, batch } of shapes) {
        const ms = await timeSteps(model, config, batch, steps);
        const real = batch.length.reduce((a, b) => a + b, 0);
        const r: ShapeResult = { objective, shape, rows: batch.batch, canvas: batch.seqLen, msPerStep: Math.round(ms * 10) / 10, canvasTokensPerSecond: Math.round(batch.batch * batch.seqLen / ms * 1000), exampleTokensPerSecond: Math.round(real / ms * 1000) };
        results.push(r);
        console.log(`${objective.padEnd(5)} ${shape.padEnd(28)} ${String(r.rows).padStart(3)} x ${String(r.canvas).padStart(3)}  ${r.msPerStep.toFixed(0).padStart(6)} ms/step  ${String(r.canvasTokensPerSecond).padStart(6)} canvas tok/s  ${String(r.exampleTokensPerSecond).padStart(6)} example tok/s`);
        if (shape.startsWith('v3') || shape === 'v4 tasks') profiles[`${objective} ${shape}`] = await profileStep(model, config, shapes.find((s) => s.shape === shape)!.batch);
      }
    } finally {
      model.dispose();
    }
  }
  for (const [k, v] of Object.entries(profiles)) console.log(`${k}: ${Object.entries(v).map(([n, p]) => `${n} ${p}%`).join(', ')}`);
  const out = { when: new Date().toISOString(), backend: 'tfjs wasm (Node)', machine: `Node ${process.version}, ${os.cpus().length} CPU cores`, stepsTimed: steps, results, kernelShareByStep: profiles };
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/train.json', `${JSON.stringify(out, null, 2)}\n`);
}
