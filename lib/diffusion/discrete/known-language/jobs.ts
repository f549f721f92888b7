/**
 * Worker jobs of the known-language models (lessons 08 and 09):
 * - 'known-language-train': train SEDD or MDLM from scratch or from the shipped weights, yielding every
 *   step's loss and a periodic held-out loss; returns the weights as typed arrays.
 * - 'known-language-ratios': learned vs true concrete score of a noisy input at time t (SEDD).
 * - 'known-language-sample': Euler and Tweedie samples at several step counts, with validity and time (SEDD).
 * - 'known-language-remasking': low-confidence vs random remasking on held-out prompts (MDLM).
 * A model comes from the shipped files (fetched through the job context and checked against the
 * manifest's sha256) or from weights a training job returned to the page.
 */
import { createRng } from '@/lib/math/rng';
import type { JobContext } from '@/lib/runtime/protocol';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { loadWeights, parseManifest } from '@/lib/models/weights/load';
import type { WeightsManifest } from '@/lib/models/weights/format';
import { checkPinnedManifest } from '@/lib/models/weights/pins';
import {
  decodeKnownLanguage, encodeKnownLanguage, entropyPerToken, productOfMarginalsValidity, sampleSequences, trueMaskedScores, validityRate,
} from '@/lib/data/known-language';
import { checkObjective, KNOWN_LANGUAGE_VOCAB, type KnownLanguageObjective, type KnownLanguageWeights } from './models';
import { createKnownLanguageTrainer, defaultKnownLanguageTrainConfig } from './train';
import {
  answerAccuracy, generationValidity, learnedMaskedScores, sampleKnownLanguageSedd, knownLanguageSchedule, KNOWN_LANGUAGE_REMASKING, KNOWN_LANGUAGE_SAMPLERS,
  type KnownLanguageRemasking, type KnownLanguageSampler, type KnownLanguageSchedule,
} from './sample';

export type KnownLanguageModelSource = { kind: 'pretrained'; objective: KnownLanguageObjective } | { kind: 'weights'; value: KnownLanguageWeights };

/** Folder of a shipped known-language model, served from public/ (scripts/train-known-language.ts writes it). */
export function knownLanguageModelUrl(objective: KnownLanguageObjective): string {
  return `/models/short-${checkObjective(objective, 'knownLanguageModelUrl')}/v1/`;
}

/** Fetches the manifest; errors name the file. */
export async function fetchKnownLanguageManifest(objective: KnownLanguageObjective, context: JobContext): Promise<WeightsManifest> {
  const url = `${knownLanguageModelUrl(objective)}manifest.json`;
  let bytes: ArrayBuffer;
  try {
    bytes = await context.fetchBytes(url);
  } catch (err) {
    throw new Error(`The pretrained manifest ${url} could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  }
  await checkPinnedManifest(url, bytes);
  try {
    return parseManifest(JSON.parse(new TextDecoder().decode(bytes)), url);
  } catch (err) {
    throw new Error(`The pretrained manifest ${url} is not a valid weights manifest (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The weights a source names, as host arrays (pretrained: fetched and sha256-checked). */
export async function knownLanguageWeightsOf(source: KnownLanguageModelSource, context: JobContext): Promise<KnownLanguageWeights> {
  if (!source || typeof source !== 'object') throw new Error('source must be { kind: "pretrained", objective } or { kind: "weights", value }');
  if (source.kind === 'weights') {
    checkObjective(source.value?.objective, 'source.value');
    return source.value;
  }
  if (source.kind !== 'pretrained') throw new Error(`source.kind must be 'pretrained' or 'weights', got ${String((source as { kind: unknown }).kind)}`);
  const objective = checkObjective(source.objective, 'source');
  const manifest = await fetchKnownLanguageManifest(objective, context);
  const base = knownLanguageModelUrl(objective);
  const weights = await loadWeights(manifest, (p) => context.fetchBytes(`${base}${p}`));
  return { objective, config: manifest.config, weights };
}

/** Builds the model (inference tensors). The caller disposes it. */
export async function loadKnownLanguageModel(source: KnownLanguageModelSource, context: JobContext): Promise<{ model: Transformer; objective: KnownLanguageObjective }> {
  const w = await knownLanguageWeightsOf(source, context);
  return { model: createTransformer(w.config, w.weights), objective: w.objective };
}

// ---------------------------------------------------------------------------------------------
// known-language-train

export interface KnownLanguageTrainParams {
  objective: KnownLanguageObjective;
  steps: number;
  /** Where the weights start: a seeded init, the shipped model, or earlier weights. */
  init: { kind: 'scratch' } | KnownLanguageModelSource;
  seed?: number;
  /** Held-out loss every this many steps (and at the end). Default 50. */
  heldoutEvery?: number;
}

export interface KnownLanguageTrainProgress {
  step: number;
  steps: number;
  loss: number;
  lr: number;
  /** Present on evaluation steps. */
  heldout?: number;
}

export interface KnownLanguageTrainJobResult {
  weights: KnownLanguageWeights;
  losses: number[];
  heldout: [number, number][];
  /** Mean loss over the first and last tenth of the run. */
  firstLoss: number;
  lastLoss: number;
  entropyFloor: number;
  seconds: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function* runKnownLanguageTrainJob(params: KnownLanguageTrainParams, context: JobContext): AsyncGenerator<KnownLanguageTrainProgress, KnownLanguageTrainJobResult, void> {
  const objective = checkObjective(params?.objective, 'known-language-train');
  if (!Number.isInteger(params.steps) || params.steps < 1 || params.steps > 20_000) throw new Error(`known-language-train: steps must be an integer in [1, 20000], got ${params.steps}`);
  const every = params.heldoutEvery ?? 50;
  if (!Number.isInteger(every) || every < 1) throw new Error(`known-language-train: heldoutEvery must be a positive integer, got ${params.heldoutEvery}`);
  const seed = params.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`known-language-train: seed must be an integer, got ${params.seed}`);
  const init = params.init?.kind === 'scratch' ? undefined : await knownLanguageWeightsOf(params.init, context);
  if (init && init.objective !== objective) throw new Error(`known-language-train: the starting weights are a ${init.objective} model, not ${objective}`);
  const config = defaultKnownLanguageTrainConfig(objective, { steps: params.steps, seed, heldoutSize: 128, warmupSteps: Math.min(40, Math.max(1, Math.floor(params.steps / 10))) });
  const started = performance.now();
  const trainer = createKnownLanguageTrainer(config, init?.weights);
  const losses: number[] = [];
  const heldout: [number, number][] = [];
  try {
    const first = await trainer.heldoutLoss();
    heldout.push([0, first]);
    yield { step: 0, steps: params.steps, loss: Number.NaN, lr: 0, heldout: first };
    while (trainer.stepsDone < params.steps) {
      const info = await trainer.step();
      losses.push(info.loss);
      const progress: KnownLanguageTrainProgress = { step: info.step, steps: params.steps, loss: info.loss, lr: info.lr };
      if (info.step % every === 0 || info.step === params.steps) {
        progress.heldout = await trainer.heldoutLoss();
        heldout.push([info.step, progress.heldout]);
      }
      yield progress;
    }
    const tenth = Math.max(1, Math.floor(losses.length / 10));
    return {
      weights: { objective, config: config.model, weights: await trainer.exportWeights() },
      losses,
      heldout,
      firstLoss: mean(losses.slice(0, tenth)),
      lastLoss: mean(losses.slice(-tenth)),
      entropyFloor: entropyPerToken(),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    trainer.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// known-language-ratios

export interface KnownLanguageRatiosParams {
  source: KnownLanguageModelSource;
  /** The noisy input: 16 characters, '▒' (or '_') for [MASK]. */
  text: string;
  /** Diffusion time in (0, 1]; sigma from the log-linear schedule the model was trained with. */
  t: number;
}

export interface KnownLanguageRatiosResult {
  text: string;
  t: number;
  sigma: number;
  /** Masked positions, in order. */
  masked: number[];
  /** Learned and true concrete scores, [len * vocab]; unmasked rows and the [MASK] column are 0. */
  learned: number[];
  truth: number[];
  vocab: number;
}

// eslint-disable-next-line require-yield -- one quick answer, no progress to report; jobs are generators by contract
export async function* runKnownLanguageRatiosJob(params: KnownLanguageRatiosParams, context: JobContext): AsyncGenerator<never, KnownLanguageRatiosResult, void> {
  const x = encodeKnownLanguage(params?.text ?? '');
  if (!(params.t > 0 && params.t <= 1)) throw new Error(`known-language-ratios: t must be in (0, 1], got ${params.t}`);
  const masked = Array.from(x.keys()).filter((l) => x[l] === KNOWN_LANGUAGE_VOCAB.mask);
  if (masked.length === 0) throw new Error('known-language-ratios: text must contain at least one [MASK] (▒ or _)');
  const sigma = knownLanguageSchedule('log-linear').sigma(params.t);
  const truth = trueMaskedScores(x, sigma); // throws (naming the input) when no sequence agrees with it
  const { model } = await loadKnownLanguageModel(params.source, context);
  try {
    const learned = await learnedMaskedScores(model, x, sigma);
    return { text: decodeKnownLanguage(x), t: params.t, sigma, masked, learned: Array.from(learned), truth: Array.from(truth), vocab: KNOWN_LANGUAGE_VOCAB.size };
  } finally {
    model.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// known-language-sample

export interface KnownLanguageSampleParams {
  source: KnownLanguageModelSource;
  steps: number[];
  /** Sequences per (sampler, steps) cell. */
  count: number;
  schedule: KnownLanguageSchedule;
  seed: number;
}

export interface KnownLanguageSampleRow {
  sampler: KnownLanguageSampler;
  steps: number;
  validity: number;
  /** The first few samples as text. */
  examples: string[];
  ms: number;
}

export interface KnownLanguageSampleResult {
  rows: KnownLanguageSampleRow[];
  count: number;
  /** Validity of sampling every position from its true marginal (1 step with a perfect model). */
  chance: number;
}

export async function* runKnownLanguageSampleJob(params: KnownLanguageSampleParams, context: JobContext): AsyncGenerator<KnownLanguageSampleRow, KnownLanguageSampleResult, void> {
  if (!params || !Array.isArray(params.steps) || params.steps.length === 0 || params.steps.some((s) => !Number.isInteger(s) || s < 1 || s > 256)) {
    throw new Error(`known-language-sample: steps must be a non-empty list of integers in [1, 256], got ${JSON.stringify(params?.steps)}`);
  }
  if (!Number.isInteger(params.count) || params.count < 1 || params.count > 1024) throw new Error(`known-language-sample: count must be an integer in [1, 1024], got ${params.count}`);
  if (!Number.isInteger(params.seed)) throw new Error(`known-language-sample: seed must be an integer, got ${params.seed}`);
  knownLanguageSchedule(params.schedule);
  const { model } = await loadKnownLanguageModel(params.source, context);
  const rows: KnownLanguageSampleRow[] = [];
  try {
    for (const steps of params.steps) {
      for (const sampler of KNOWN_LANGUAGE_SAMPLERS) {
        const start = performance.now();
        const tokens = await sampleKnownLanguageSedd(model, { sampler, steps, count: params.count, schedule: params.schedule, rng: createRng(params.seed * 7919 + steps) });
        const len = KNOWN_LANGUAGE_VOCAB.length;
        const examples = Array.from({ length: Math.min(4, params.count) }, (_, i) => decodeKnownLanguage(tokens.subarray(i * len, (i + 1) * len)));
        const row = { sampler, steps, validity: validityRate(tokens), examples, ms: performance.now() - start };
        rows.push(row);
        yield row;
      }
    }
    return { rows, count: params.count, chance: productOfMarginalsValidity() };
  } finally {
    model.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// known-language-remasking

export interface KnownLanguageRemaskingParams {
  source: KnownLanguageModelSource;
  /** Held-out prompts (answer accuracy) and generated sequences (validity) per rule. */
  count: number;
  tokensPerStep: number;
  seed: number;
}

export interface KnownLanguageRemaskingRow {
  remasking: KnownLanguageRemasking;
  /** Whole answer right, given the prompt (argmax decoding). */
  exact: number;
  /** Answer letters right. */
  letters: number;
  /** Valid sequences generated from all [MASK] (sampling). */
  validity: number;
  examples: string[];
  ms: number;
}

export interface KnownLanguageRemaskingResult {
  rows: KnownLanguageRemaskingRow[];
  count: number;
  tokensPerStep: number;
}

export async function* runKnownLanguageRemaskingJob(params: KnownLanguageRemaskingParams, context: JobContext): AsyncGenerator<KnownLanguageRemaskingRow, KnownLanguageRemaskingResult, void> {
  if (!params || !Number.isInteger(params.count) || params.count < 1 || params.count > 1024) throw new Error(`known-language-remasking: count must be an integer in [1, 1024], got ${params?.count}`);
  if (!Number.isInteger(params.tokensPerStep) || params.tokensPerStep < 1 || params.tokensPerStep > 16) throw new Error(`known-language-remasking: tokensPerStep must be an integer in [1, 16], got ${params.tokensPerStep}`);
  if (!Number.isInteger(params.seed)) throw new Error(`known-language-remasking: seed must be an integer, got ${params.seed}`);
  const { model } = await loadKnownLanguageModel(params.source, context);
  const prompts = sampleSequences(params.count, 'heldout', createRng(params.seed));
  const len = KNOWN_LANGUAGE_VOCAB.length;
  const rows: KnownLanguageRemaskingRow[] = [];
  try {
    for (const remasking of KNOWN_LANGUAGE_REMASKING) {
      const start = performance.now();
      const answer = await answerAccuracy(model, prompts, { tokensPerStep: params.tokensPerStep, remasking, temperature: 0, rng: createRng(params.seed + 1) });
      const generated = await generationValidity(model, params.count, { tokensPerStep: params.tokensPerStep, remasking, rng: createRng(params.seed + 2) });
      const examples = Array.from({ length: Math.min(3, params.count) }, (_, i) => decodeKnownLanguage(generated.decoded.subarray(i * len, (i + 1) * len)));
      const row = { remasking, exact: answer.exact, letters: answer.letters, validity: generated.validity, examples, ms: performance.now() - start };
      rows.push(row);
      yield row;
    }
    return { rows, count: params.count, tokensPerStep: params.tokensPerStep };
  } finally {
    model.dispose();
  }
}
