/**
 * Trains the two known-language models (SEDD and MDLM on lib/data/known-language.ts), measures them on
 * held-out data and writes public/models/short-sedd/v1 and public/models/short-mdlm/v1 in the
 * shipped weights format. Entry: scripts/train-known-language.ts (`npm run train:known-language`).
 *
 * Flags: --quick (seconds: few steps, small evaluation, written under .checkpoints/known-language-quick/),
 * --steps N (both models), --out DIR (parent of short-sedd/ and short-mdlm/), --only sedd|mdlm.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import {
  entropyPerToken, posteriorGivenUnmasked, productOfMarginalsValidity, sampleSequences, KNOWN_LANGUAGE, validityRate,
} from '@/lib/data/known-language';
import { countParameters } from '@/lib/models/transformer/config';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { weightShapes } from '@/lib/models/transformer/init';
import { serializeWeights, WEIGHTS_FILE } from '@/lib/models/weights/format';
import { loadWeights } from '@/lib/models/weights/load';
import { createKnownLanguageTrainer, defaultKnownLanguageTrainConfig, noiseBatch, quickKnownLanguageTrainConfig, type KnownLanguageTrainConfig } from '@/lib/diffusion/discrete/known-language/train';
import { KNOWN_LANGUAGE_VOCAB, knownLanguageLogits, type KnownLanguageObjective } from '@/lib/diffusion/discrete/known-language/models';
import { answerAccuracy, generationValidity, sampleKnownLanguageSedd, KNOWN_LANGUAGE_REMASKING, KNOWN_LANGUAGE_SAMPLERS } from '@/lib/diffusion/discrete/known-language/sample';

/** Steps of the shipped models: about 2 minutes each on one busy wasm core (120 ms a step). */
export const SHIPPED_STEPS = 1000;

interface Flags { quick: boolean; steps?: number; out?: string; only?: KnownLanguageObjective }

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') flags.quick = true;
    else if (a === '--steps') {
      flags.steps = Number(argv[++i]);
      if (!Number.isInteger(flags.steps) || flags.steps < 1) throw new Error(`--steps needs a positive integer, got ${argv[i]}`);
    } else if (a === '--out') flags.out = argv[++i];
    else if (a === '--only') {
      const v = argv[++i];
      if (v !== 'sedd' && v !== 'mdlm') throw new Error(`--only needs sedd or mdlm, got ${v}`);
      flags.only = v;
    } else throw new Error(`unknown flag ${a}`);
  }
  return flags;
}

/** Mean total variation between the model's normalised exp(h) and the true posterior, and its mean mass sum exp(h), over masked held-out positions. */
async function ratioError(model: Transformer, config: KnownLanguageTrainConfig, count: number): Promise<{ meanTv: number; meanMass: number; positions: number }> {
  const rng = createRng(config.heldoutSeed + 11);
  const noised = noiseBatch(sampleSequences(count, 'heldout', rng), 'sedd', config.tEps, rng);
  const h = await knownLanguageLogits(model, noised.xt);
  const { length: len, size: vocab, mask } = KNOWN_LANGUAGE_VOCAB;
  let tv = 0;
  let mass = 0;
  let positions = 0;
  for (let r = 0; r < count; r++) {
    const x = noised.xt.subarray(r * len, (r + 1) * len);
    if (!x.includes(mask)) continue;
    const post = posteriorGivenUnmasked(x);
    for (let l = 0; l < len; l++) {
      if (x[l] !== mask) continue;
      const row = (r * len + l) * vocab;
      let sum = 0;
      for (let y = 0; y < vocab; y++) if (y !== mask) sum += Math.exp(h[row + y]);
      let d = 0;
      for (let y = 0; y < vocab; y++) if (y !== mask) d += Math.abs(Math.exp(h[row + y]) / sum - post[l * vocab + y]);
      tv += d / 2;
      mass += sum;
      positions++;
    }
  }
  return { meanTv: tv / positions, meanMass: mass / positions, positions };
}

async function seddMetrics(model: Transformer, config: KnownLanguageTrainConfig, quick: boolean) {
  const count = quick ? 32 : 256;
  const steps = quick ? [4, 16] : [2, 4, 8, 16, 32, 64];
  const validity: Record<string, Record<string, Record<number, number>>> = {};
  for (const schedule of ['geometric', 'log-linear'] as const) {
    validity[schedule] = {};
    for (const sampler of KNOWN_LANGUAGE_SAMPLERS) {
      validity[schedule][sampler] = {};
      for (const s of steps) {
        const samples = await sampleKnownLanguageSedd(model, { sampler, steps: s, count, schedule, rng: createRng(config.heldoutSeed * 1000 + s) });
        validity[schedule][sampler][s] = validityRate(samples);
      }
    }
  }
  return { sampleValidity: validity, samplesPerCell: count, ratios: await ratioError(model, config, quick ? 16 : 128) };
}

async function mdlmMetrics(model: Transformer, config: KnownLanguageTrainConfig, quick: boolean) {
  const count = quick ? 32 : 256;
  const prompts = sampleSequences(count, 'heldout', createRng(config.heldoutSeed + 1));
  const answer: Record<string, Record<number, { exact: number; letters: number }>> = {};
  const generation: Record<string, Record<number, number>> = {};
  for (const remasking of KNOWN_LANGUAGE_REMASKING) {
    answer[remasking] = {};
    generation[remasking] = {};
    for (const k of [1, 2, 4, 8]) {
      const score = await answerAccuracy(model, prompts, { tokensPerStep: k, remasking, temperature: 0, rng: createRng(3) });
      answer[remasking][k] = { exact: score.exact, letters: score.letters };
      generation[remasking][k] = (await generationValidity(model, count, { tokensPerStep: k, remasking, rng: createRng(4 + k) })).validity;
    }
  }
  return {
    answerAccuracy: answer,
    answerDecoding: 'prompt and separator given, the 7 answer letters and the end masked; argmax, k tokens per step',
    generationValidity: generation,
    generationDecoding: 'all 16 positions masked; sample at temperature 1, k tokens per step',
    instances: count,
  };
}

async function trainOne(objective: KnownLanguageObjective, flags: Flags, outRoot: string): Promise<number> {
  let config = flags.quick ? quickKnownLanguageTrainConfig(objective) : defaultKnownLanguageTrainConfig(objective, { steps: SHIPPED_STEPS });
  if (flags.steps) config = { ...config, steps: flags.steps };
  const t0 = Date.now();
  const trainer = createKnownLanguageTrainer(config);
  let weights;
  let initialHeldoutLoss: number;
  let heldoutLoss: number;
  const losses: number[] = [];
  try {
    initialHeldoutLoss = await trainer.heldoutLoss();
    console.error(`short-${objective}: ${countParameters(config.model)} parameters, ${config.steps} steps, batch ${config.batchSize}, held-out loss ${initialHeldoutLoss.toFixed(4)}`);
    while (trainer.stepsDone < config.steps) {
      const info = await trainer.step();
      losses.push(info.loss);
      if (info.step % 50 === 0 || info.step === config.steps) process.stderr.write(`\rshort-${objective}: step ${info.step}/${config.steps} loss ${info.loss.toFixed(4)} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }
    heldoutLoss = await trainer.heldoutLoss();
    weights = await trainer.exportWeights();
  } finally {
    trainer.dispose();
  }
  const trainSeconds = (Date.now() - t0) / 1000;
  const tail = losses.slice(-50);
  const finalTrainLoss = tail.reduce((a, b) => a + b, 0) / tail.length;
  console.error(`\nshort-${objective}: ${trainSeconds.toFixed(0)}s, train loss ${finalTrainLoss.toFixed(4)}, held-out ${heldoutLoss.toFixed(4)} (from ${initialHeldoutLoss.toFixed(4)}; entropy floor ${entropyPerToken().toFixed(4)})`);

  const model = createTransformer(config.model, weights);
  let extra;
  try {
    extra = objective === 'sedd' ? await seddMetrics(model, config, flags.quick) : await mdlmMetrics(model, config, flags.quick);
  } finally {
    model.dispose();
  }
  console.error(`short-${objective}: ${JSON.stringify(extra)}`);

  const name = `short-${objective}`;
  const order = weightShapes(config.model).map(([n]) => n);
  const { manifest, bytes } = await serializeWeights(weights, order, {
    name,
    version: 1,
    config: config.model,
    parameters: countParameters(config.model),
    seed: config.seed,
    steps: config.steps,
    data: {
      generator: 'lib/data/known-language.ts: prompt of 7 letters (a-e) from a Markov chain (repeat w.p. 0.5), "|", the prompt reversed, "."',
      language: KNOWN_LANGUAGE,
      support: KNOWN_LANGUAGE.letters ** KNOWN_LANGUAGE.promptLength,
      split: 'held-out iff fnv1a(prompt) % 5 == 0 (about 20% of prompts; train and held-out never share a prompt)',
      batchForStep: 'sampleSequences(batchSize, "train", createRng(stepSeed(dataSeed, step)))',
      dataSeed: config.dataSeed,
      heldoutSeed: config.heldoutSeed,
      heldoutSize: config.heldoutSize,
    },
    training: {
      objective,
      script: 'npm run train:known-language',
      loss: objective === 'sedd'
        ? 'denoising score entropy, absorbing graph, log-linear noise (eps = tEps), log s = h - log(e^sigma - 1), per token'
        : 'MDLM NELBO, alpha_t = 1 - t: (1/t) sum over masked of -log p, per token',
      batchSize: config.batchSize,
      lr: config.lr,
      warmupSteps: config.warmupSteps,
      minLrRatio: config.minLrRatio,
      schedule: 'linear warmup, cosine decay',
      adam: config.adam,
      tEps: config.tEps,
      wallTimeSeconds: Math.round(trainSeconds),
      backend: 'tfjs wasm (Node)',
    },
    metrics: {
      finalTrainLoss,
      heldoutLoss,
      initialHeldoutLoss,
      entropyFloorPerToken: entropyPerToken(),
      lossDefinition: 'per-token bound on -log p_0(x) in nats (the entropy floor is the best any model can do)',
      chanceValidity: productOfMarginalsValidity(),
      chanceDefinition: 'every position drawn independently from its true marginal (one tau-leaping step with a perfect model)',
      ...extra,
    },
  });
  const outDir = path.join(outRoot, name, 'v1');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, WEIGHTS_FILE), bytes);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Read back through the loader the browser uses, so a bad file never ships.
  await loadWeights(manifest, async (p) => { const b = fs.readFileSync(path.join(outDir, p)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); });
  console.error(`short-${objective}: wrote ${outDir} (${bytes.byteLength} bytes)`);
  return trainSeconds;
}

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();
  const outRoot = path.resolve(flags.out ?? (flags.quick ? '.checkpoints/known-language-quick' : 'public/models'));
  const t0 = Date.now();
  for (const objective of flags.only ? [flags.only] : (['sedd', 'mdlm'] as const)) await trainOne(objective, flags, outRoot);
  console.error(`train-known-language: done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
