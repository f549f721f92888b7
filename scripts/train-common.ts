/**
 * Shared command line of train-ar / train-mdlm / train-bd3: flags, progress bar, checkpoints in
 * .checkpoints/ (resumed automatically), and the shipped files in public/models/<name>/v<SHIPPED_LM_VERSION>/.
 * The training itself is lib/training/trainer.ts.
 *
 * Flags: --quick (seconds-long run of a tiny model, written under .checkpoints/), --steps N (the
 * schedule's length), --stop-after N (end after N steps, as a wall-time limit once did),
 * --max-minutes M (stop early; the manifest records the steps done), --budget-minutes M (time the
 * first warmup steps, then fix the step count to fill M minutes: how the shipped counts were chosen),
 * --checkpoint-every N,
 * --fresh (ignore checkpoints), --out DIR, --eval-per-task N.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import {
  defaultTrainerConfig, quickTrainerConfig, train, type Objective, type TrainerConfig, type TrainerState, type TrainResult,
} from '@/lib/training/trainer';
import { greedyAnswers, lowConfidenceAnswers, scoreAnswers } from '@/lib/training/evaluate';
import { generateExamples, maxTokensOfMix, DEFAULT_MIX, HELDOUT_FRACTION, SEQ_LEN } from '@/lib/data/text/corpus';
import { countParameters } from '@/lib/models/transformer/config';
import { createTransformer } from '@/lib/models/transformer/model';
import { extendPositionTable, weightShapes, type HostWeights } from '@/lib/models/transformer/init';
import type { CanvasSchedule } from '@/lib/training/canvas';
import type { TransformerConfig } from '@/lib/models/transformer/types';
import { packWeights, serializeWeights, WEIGHTS_FILE } from '@/lib/models/weights/format';
import { loadWeights, parseManifest } from '@/lib/models/weights/load';
import { SHIPPED_LM_VERSION, type ShippedModelName } from '@/lib/models/weights/shipped';
import type { DataRecipe } from '@/lib/training/recipe';

interface Flags { quick: boolean; steps?: number; stopAfter?: number; maxMinutes?: number; budgetMinutes?: number; checkpointEvery: number; fresh: boolean; out?: string; evalPerTask: number }

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false, checkpointEvery: 100, fresh: false, evalPerTask: 25 };
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number, got ${argv[i + 1]}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') flags.quick = true;
    else if (a === '--fresh') flags.fresh = true;
    else if (a === '--steps') flags.steps = Math.floor(num(i++, a));
    else if (a === '--stop-after') flags.stopAfter = Math.floor(num(i++, a));
    else if (a === '--max-minutes') flags.maxMinutes = num(i++, a);
    else if (a === '--budget-minutes') flags.budgetMinutes = num(i++, a);
    else if (a === '--checkpoint-every') flags.checkpointEvery = Math.floor(num(i++, a));
    else if (a === '--eval-per-task') flags.evalPerTask = Math.floor(num(i++, a));
    else if (a === '--out') flags.out = argv[++i];
    else throw new Error(`unknown flag ${a}`);
  }
  return flags;
}

async function startWasm(): Promise<void> {
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();
}

/** Checkpoint = state.json (step, losses, elapsed, config) + weights.bin + adam.bin. */
async function saveCheckpoint(dir: string, config: TrainerConfig, state: TrainerState, elapsedSeconds: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const order = weightShapes(config.model).map(([n]) => n);
  const w = packWeights(state.weights, order);
  const moments: Record<string, { shape: number[]; data: Float32Array }> = {};
  order.forEach((n, i) => {
    moments[`m:${n}`] = { shape: state.weights[n].shape, data: state.adam.m[i] };
    moments[`v:${n}`] = { shape: state.weights[n].shape, data: state.adam.v[i] };
  });
  const a = packWeights(moments, order.flatMap((n) => [`m:${n}`, `v:${n}`]), 'adam.bin');
  fs.writeFileSync(path.join(dir, 'weights.bin.tmp'), w.bytes);
  fs.writeFileSync(path.join(dir, 'adam.bin.tmp'), a.bytes);
  fs.writeFileSync(path.join(dir, 'state.json.tmp'), JSON.stringify({ config, step: state.step, adamStep: state.adam.step, losses: state.losses, initialHeldoutLoss: state.initialHeldoutLoss, elapsedSeconds, weights: w.tensors, adam: a.tensors }));
  for (const f of ['weights.bin', 'adam.bin', 'state.json']) fs.renameSync(path.join(dir, `${f}.tmp`), path.join(dir, f));
}

function readTable(bytes: Buffer, tensors: { name: string; shape: number[]; offset: number }[]) {
  const out: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const t of tensors) {
    const size = t.shape.reduce((x, y) => x * y, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = bytes.readFloatLE(t.offset + 4 * i);
    out[t.name] = { shape: t.shape, data };
  }
  return out;
}

function loadCheckpoint(dir: string, config: TrainerConfig): { state: TrainerState; elapsedSeconds: number } | null {
  const file = path.join(dir, 'state.json');
  if (!fs.existsSync(file)) return null;
  const meta = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The step count is part of the config: the cosine schedule depends on it.
  if (JSON.stringify(config) !== JSON.stringify(meta.config)) {
    console.error(`checkpoint in ${dir} was made with another config; use --fresh to start over`);
    process.exit(2);
  }
  const weights = readTable(fs.readFileSync(path.join(dir, 'weights.bin')), meta.weights);
  const moments = readTable(fs.readFileSync(path.join(dir, 'adam.bin')), meta.adam);
  const order = weightShapes(config.model).map(([n]) => n);
  return {
    state: { step: meta.step, weights, losses: meta.losses, initialHeldoutLoss: meta.initialHeldoutLoss, adam: { step: meta.adamStep, m: order.map((n) => moments[`m:${n}`].data), v: order.map((n) => moments[`v:${n}`].data) } },
    elapsedSeconds: meta.elapsedSeconds,
  };
}

function progressBar(step: number, total: number, loss: number, seconds: number): string {
  const width = 30;
  const filled = Math.round((step / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total} loss ${loss.toFixed(4)} ${seconds.toFixed(0)}s`;
}

/**
 * How the shipped model was trained: schedule length, the step it stopped at if earlier, changes to
 * the default model (e.g. a longer maxLen) and the peak lr, the canvas schedule, the shipped model
 * it starts from, the position table's width after training (new rows from the seeded init, never
 * trained), and the checkpoint folder under .checkpoints/ (default: the objective).
 */
export interface ShippedRun {
  steps: number;
  stopAfter?: number;
  model?: Partial<TransformerConfig>;
  lr?: number;
  canvas?: CanvasSchedule;
  /** Start from a shipped model's weights: the AR twin ('ar', current version) or a named model and version (a later stage). */
  initFrom?: 'ar' | { name: ShippedModelName; version: number };
  widenTo?: number;
  checkpoint?: string;
  /** Length-bucketed task-stage data (lib/training/recipes.ts). */
  recipe?: DataRecipe;
  /** The version written to public/models/<name>/v<N> (default SHIPPED_LM_VERSION). */
  version?: number;
  /** One line for the manifest: what this stage is and why. */
  stage?: string;
  /** The training examples' seed (default: the trainer's); a later stage takes a fresh one so it does not replay earlier stages' examples. */
  dataSeed?: number;
}

/**
 * Weights of the shipped model `name` (public/models/<name>/v<N>), checked by sha256, as the start of
 * another model's training (a diffusion model adapted from the AR twin, as DiffuLLaMA and Dream do).
 */
async function shippedStart(name: ShippedModelName, model: TransformerConfig, version = SHIPPED_LM_VERSION): Promise<{ weights: HostWeights; source: string }> {
  const dir = path.resolve('public/models', name, `v${version}`);
  const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const { attention: _a, blockSize: _b, ...mine } = model;
  const { attention: _c, blockSize: _d, ...theirs } = manifest.config;
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
    throw new Error(`cannot start from ${path.relative(process.cwd(), dir)}: its config ${JSON.stringify(theirs)} differs from ${JSON.stringify(mine)} beyond the attention pattern`);
  }
  const weights = await loadWeights(manifest, async (p) => { const b = fs.readFileSync(path.join(dir, p)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; });
  return { weights, source: `${path.relative(process.cwd(), dir)} (${manifest.steps} steps, weights sha256 ${manifest.files[0].sha256})` };
}

/** A --quick run's canvases: a 128-position table and short long canvases. */
const QUICK_CANVAS: CanvasSchedule = { baseLen: 64, longEvery: 2, minLong: 96, maxLong: 128, longStride: 32, longTokens: 256 };

/** A --quick run's recipe: the buckets whose canvases fit the quick model's positions. */
function quickRecipe(recipe: DataRecipe, maxLen: number): DataRecipe {
  const fits = (b: DataRecipe['buckets'][number]) => (b.canvas === 'fit' ? maxTokensOfMix(b.mix) : b.canvas) <= maxLen;
  return { ...recipe, buckets: recipe.buckets.filter(fits) };
}

/** One resumable training run: checkpoints in ckptDir, progress on stderr. */
async function runResumable(label: string, config: TrainerConfig, ckptDir: string, flags: Flags, initialWeights?: HostWeights): Promise<{ result: TrainResult; seconds: number }> {
  const resumed = flags.fresh ? null : loadCheckpoint(ckptDir, config);
  const priorSeconds = resumed?.elapsedSeconds ?? 0;
  const t0 = Date.now();
  const elapsed = () => priorSeconds + (Date.now() - t0) / 1000;
  console.error(`${label}: ${countParameters(config.model)} parameters, ${config.steps} steps, batch ${config.batchSize}, maxLen ${config.model.maxLen}${resumed ? `, resuming at step ${resumed.state.step}` : ''}`);
  let calibrationStart = Date.now();
  let planned = config;
  const result = await train(config, {
    resume: resumed?.state,
    initialWeights,
    checkpointEvery: flags.checkpointEvery,
    onCheckpoint: (state) => saveCheckpoint(ckptDir, planned, state, elapsed()),
    onStep: ({ step, loss }) => process.stderr.write(`\r${progressBar(step, planned.steps, loss, elapsed())}`),
    decideSteps: flags.budgetMinutes === undefined ? undefined : (done) => {
      // Time steps 5..20 (the first ones include warm-up compilation), then fill the budget.
      if (done === 5) calibrationStart = Date.now();
      if (done !== 20) return null;
      const perStep = (Date.now() - calibrationStart) / 15 / 1000;
      const steps = Math.max(config.warmupSteps, Math.floor(((flags.budgetMinutes as number) * 60 - elapsed()) / perStep) + 20);
      console.error(`\n${label}: ${perStep.toFixed(3)} s/step, planning ${steps} steps`);
      planned = { ...planned, steps };
      return steps;
    },
    shouldStop: (step) => (flags.stopAfter !== undefined && step >= flags.stopAfter)
      || (flags.maxMinutes !== undefined && (Date.now() - t0) / 60000 >= flags.maxMinutes),
  });
  console.error(`\n${label}: ${result.steps} steps in ${elapsed().toFixed(0)}s, train loss ${result.finalTrainLoss.toFixed(4)}, held-out loss ${result.heldoutLoss.toFixed(4)} (from ${result.initialHeldoutLoss.toFixed(4)})`);
  return { result, seconds: elapsed() };
}

/** Entry point of each train-*.ts script; with no flags it reproduces the shipped model. */
export async function runTraining(objective: Objective, shipped: ShippedRun | number): Promise<void> {
  const run: ShippedRun = typeof shipped === 'number' ? { steps: shipped } : shipped;
  const flags = parseFlags(process.argv.slice(2));
  if (!flags.quick && flags.steps === undefined && flags.budgetMinutes === undefined && flags.stopAfter === undefined) flags.stopAfter = run.stopAfter;
  await startWasm();
  let config = flags.quick ? quickTrainerConfig(objective) : defaultTrainerConfig(objective, { steps: run.steps });
  if (run.model) config = { ...config, model: { ...config.model, ...run.model, ...(flags.quick ? { maxLen: 128 } : {}) } };
  if (run.canvas) config = { ...config, canvas: flags.quick ? QUICK_CANVAS : run.canvas };
  if (run.lr && !flags.quick) config = { ...config, lr: run.lr };
  if (run.dataSeed !== undefined) config = { ...config, dataSeed: run.dataSeed };
  if (run.recipe) config = { ...config, recipe: flags.quick ? quickRecipe(run.recipe, config.model.maxLen) : run.recipe };
  if (flags.steps) config = { ...config, steps: flags.steps };
  const ckptDir = path.resolve('.checkpoints', flags.quick ? `${objective}-quick` : run.checkpoint ?? objective);
  const version = run.version ?? SHIPPED_LM_VERSION;
  const outDir = path.resolve(flags.out ?? (flags.quick ? path.join(ckptDir, 'model') : path.join('public/models', objective, `v${version}`)));

  const from = run.initFrom === 'ar' ? { name: 'ar' as const, version: SHIPPED_LM_VERSION } : run.initFrom;
  const start = from && !flags.quick ? await shippedStart(from.name, config.model, from.version) : undefined;
  const { result: trained, seconds: wallTimeSeconds } = await runResumable(objective, config, ckptDir, flags, start?.weights);
  config = trained.config;
  const trainedMaxLen = config.model.maxLen;
  let result = trained;
  if (run.widenTo && run.widenTo > trainedMaxLen) {
    config = { ...config, model: { ...config.model, maxLen: run.widenTo } };
    result = { ...trained, weights: extendPositionTable(trained.weights, config.model, config.seed) };
  }

  // Task accuracy on held-out prompts (stories excluded: they have no single right answer).
  const taskMix = { ...DEFAULT_MIX, story: 0, add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 };
  const evalExamples = generateExamples({ seed: config.heldoutSeed + 1, count: 4 * flags.evalPerTask, split: 'heldout', mix: taskMix });
  const model = createTransformer(config.model, result.weights);
  let accuracy;
  try {
    const answers = objective === 'ar'
      ? await greedyAnswers(model, evalExamples)
      : await lowConfidenceAnswers(model, evalExamples, 12, objective === 'bd3' ? config.model.blockSize : undefined);
    accuracy = scoreAnswers(evalExamples, answers);
  } finally {
    model.dispose();
  }
  console.error(`${objective}: task accuracy ${JSON.stringify(accuracy)}`);

  const order = weightShapes(config.model).map(([n]) => n);
  const { manifest, bytes } = await serializeWeights(result.weights, order, {
    name: objective,
    version,
    config: config.model,
    parameters: countParameters(config.model),
    seed: config.seed,
    steps: result.steps,
    data: {
      generator: 'lib/data/text/corpus.ts generateExamples (stories + add/rev/sort/kv tasks' + (config.recipe ? ' + long-answer copy/stretch tasks)' : ')'),
      ...(config.recipe ? {
        recipe: config.recipe,
        batchForStep: 'bucketForStep(recipe, dataSeed, step), then recipeBatch(recipe, bucket, stepSeed(dataSeed, step), objective !== "mdlm") (lib/training/recipe.ts): the same examples for every objective',
      } : {
        seqLen: SEQ_LEN,
        mix: DEFAULT_MIX,
        batchForStep: 'generateExamples({ seed: stepSeed(dataSeed, step), count: batchSize, split: "train" })',
      }),
      dataSeed: config.dataSeed,
      split: `held-out iff fnv1a(prompt + answer) % 1000 < ${HELDOUT_FRACTION * 1000}`,
      heldoutSeed: config.heldoutSeed,
      heldoutSize: config.heldoutSize,
    },
    training: {
      objective,
      script: `npm run train:${objective}`,
      batchSize: config.batchSize,
      lr: config.lr,
      warmupSteps: config.warmupSteps,
      minLrRatio: config.minLrRatio,
      schedule: 'linear warmup, cosine decay',
      adam: config.adam,
      tEps: config.tEps,
      ...(config.queryKeyInitStd !== undefined && !start ? { queryKeyInitStd: config.queryKeyInitStd } : {}),
      plannedSteps: trained.config.steps,
      ...(start ? { initialisedFrom: from?.name === objective ? `${start.source}: this model's previous version, trained on by this stage` : `${start.source}: the AR twin's weights, trained on as ${objective} (attention pattern and objective changed, nothing else)` } : {}),
      ...(run.stage ? { stage: run.stage } : {}),
      ...(config.canvas ? { canvas: config.canvas } : {}),
      ...(trainedMaxLen < config.model.maxLen ? {
        positionsWidened: `trained on ${trainedMaxLen} positions; rows ${trainedMaxLen}..${config.model.maxLen - 1} added from the seeded init and never trained (the causal twin stops at [EOS] long before them), so genLength 256 runs`,
      } : {}),
      wallTimeSeconds: Math.round(wallTimeSeconds),
      backend: 'tfjs wasm (Node)',
      reproduce: `npm run train:${objective}`,
      machine: `Node ${process.version}, ${os.cpus().length} CPU cores (${process.env.MARBLE_TRAIN_MACHINE_NOTE ?? 'shared with other work while training'})`,
    },
    metrics: {
      finalTrainLoss: result.finalTrainLoss,
      heldoutLoss: result.heldoutLoss,
      initialHeldoutLoss: result.initialHeldoutLoss,
      lossDefinition: objective === 'ar'
        ? 'mean next-token cross-entropy (nats) over answer tokens and [EOS]'
        : 'per-token NELBO estimate (nats): sum over masked of (1/t) -log p, divided by answer-region tokens (answer, [EOS], [PAD] tail)',
      taskAccuracy: accuracy,
      accuracyDecoding: objective === 'ar' ? 'greedy' : `low-confidence unmasking, 12 masks, one token per step${objective === 'bd3' ? ', blocks left to right' : ''}`,
    },
  });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, WEIGHTS_FILE), bytes);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Read back through the same loader the browser uses, so a bad file never ships.
  await loadWeights(manifest, async (p) => { const b = fs.readFileSync(path.join(outDir, p)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); });
  console.error(`${objective}: wrote ${outDir}`);
}
