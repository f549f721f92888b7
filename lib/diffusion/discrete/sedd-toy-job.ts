/**
 * The 'sedd-toy-sample' worker job (lesson 08): sample the toy two-token distribution with the SEDD
 * Euler and Tweedie tau-leaping samplers driven by the EXACT concrete score, at several step counts,
 * and measure the total variation distance of the samples to the truth. Runs in the worker because
 * the samplers' module also holds the tfjs loss.
 */
import { createRng } from '@/lib/math/rng';
import { absorbingGraph, exactConcreteScore, geometricNoise, logLinearNoise, sampleSeddEuler, sampleSeddTweedie } from './sedd';
import { TOY_K, TOY_LEN, TOY_MASK, TOY_P0, empiricalPairs, toyTruth, totalVariation } from './sedd-toy';

export type SeddSamplerName = 'euler' | 'tweedie';
/** log-linear: the masked fraction grows linearly in t (then Euler and Tweedie coincide); geometric: sigma_min^(1-t) sigma_max^t. */
export type SeddToySchedule = 'log-linear' | 'geometric';

export interface SeddToyParams {
  steps: number[];
  schedule: SeddToySchedule;
  samples: number;
  seed: number;
}

export interface SeddToyRow {
  sampler: SeddSamplerName;
  steps: number;
  /** Empirical distribution of the 9 clean pairs. */
  probs: number[];
  /** Samples that still held [MASK] at the end. */
  masked: number;
  tv: number;
}

export interface SeddToyResult {
  truth: number[];
  rows: SeddToyRow[];
  samples: number;
}

/** Draws `samples` sequences with one sampler; each sequence is its own sampler run. */
export async function sampleToy(sampler: SeddSamplerName, steps: number, samples: number, seed: number, scheduleName: SeddToySchedule = 'log-linear'): Promise<SeddToyRow> {
  const graph = absorbingGraph(TOY_K, TOY_MASK);
  const score = exactConcreteScore(graph, TOY_P0.map((e) => ({ tokens: e.tokens, prob: e.prob })));
  const schedule = scheduleName === 'geometric' ? geometricNoise() : logLinearNoise();
  const rng = createRng(seed);
  const out: Int32Array[] = [];
  const run = sampler === 'euler' ? sampleSeddEuler : sampleSeddTweedie;
  for (let i = 0; i < samples; i++) {
    let last: Int32Array | null = null;
    for await (const step of run({ graph, schedule, score, length: TOY_LEN, steps, rng })) last = step.tokens;
    out.push(last!);
  }
  const { probs, masked } = empiricalPairs(out);
  return { sampler, steps, probs: Array.from(probs), masked, tv: totalVariation(probs, toyTruth()) };
}

export async function* runSeddToyJob(params: SeddToyParams): AsyncGenerator<SeddToyRow, SeddToyResult, void> {
  if (!params || !Array.isArray(params.steps) || params.steps.length === 0 || params.steps.some((s) => !Number.isInteger(s) || s < 1 || s > 256)) {
    throw new Error(`sedd-toy-sample: steps must be a non-empty list of integers in [1, 256], got ${JSON.stringify(params?.steps)}`);
  }
  if (!Number.isInteger(params.samples) || params.samples < 10 || params.samples > 20_000) throw new Error(`sedd-toy-sample: samples must be an integer in [10, 20000], got ${params.samples}`);
  if (!Number.isInteger(params.seed)) throw new Error(`sedd-toy-sample: seed must be an integer, got ${params.seed}`);
  if (params.schedule !== 'log-linear' && params.schedule !== 'geometric') throw new Error(`sedd-toy-sample: schedule must be 'log-linear' or 'geometric', got ${String(params.schedule)}`);
  const rows: SeddToyRow[] = [];
  for (const steps of params.steps) {
    for (const sampler of ['euler', 'tweedie'] as const) {
      const row = await sampleToy(sampler, steps, params.samples, params.seed, params.schedule);
      rows.push(row);
      yield row;
    }
  }
  return { truth: Array.from(toyTruth()), rows, samples: params.samples };
}
