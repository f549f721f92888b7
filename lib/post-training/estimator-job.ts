/**
 * Worker job 'logprob-estimator' (lesson 13's LogProbEstimator): for held-out mirror-task cases,
 * the exact log p(o | q) against d1's one-pass estimate (at a prompt-mask rate) and the unbiased
 * masked-diffusion bound estimate, all with the language's exact conditionals.
 */
import { createRng } from '@/lib/math/rng';
import { decodeKnownLanguage } from '@/lib/data/known-language';
import { compareEstimators, type DrawSummary } from './logprob-estimator';
import { MIRROR_TASK, mirrorPrompts } from './mirror-task';

export interface EstimatorJobParams {
  /** Prompt-mask rate of the one-pass estimate, in [0, 0.9]. */
  rate: number;
  /** Held-out cases. */
  cases: number;
  /** Draws of each estimator per case. */
  draws: number;
  seed: number;
}

export interface EstimatorCaseRow {
  prompt: string;
  sequence: string;
  exact: number;
  onePass: DrawSummary;
  bound: DrawSummary;
}

export interface EstimatorJobResult {
  rate: number;
  rows: EstimatorCaseRow[];
  /** Mean over cases of (estimate mean - exact). */
  onePassBias: number;
  boundBias: number;
  /** Standard error of boundBias (is it 0 within noise?). */
  boundBiasSe: number;
  /** Mean over cases of the per-draw standard deviation. */
  onePassSd: number;
  boundSd: number;
}

export async function* runEstimatorJob(params: EstimatorJobParams): AsyncGenerator<EstimatorCaseRow, EstimatorJobResult, void> {
  if (!params || !(params.rate >= 0 && params.rate <= 0.9)) throw new Error(`logprob-estimator: rate must be in [0, 0.9], got ${params?.rate}`);
  if (!Number.isInteger(params.cases) || params.cases < 1 || params.cases > 256) throw new Error(`logprob-estimator: cases must be an integer in [1, 256], got ${params.cases}`);
  if (!Number.isInteger(params.draws) || params.draws < 2 || params.draws > 1000) throw new Error(`logprob-estimator: draws must be an integer in [2, 1000], got ${params.draws}`);
  if (!Number.isInteger(params.seed)) throw new Error(`logprob-estimator: seed must be an integer, got ${params.seed}`);
  const prompts = mirrorPrompts(params.cases, 'heldout', MIRROR_TASK, createRng(params.seed));
  const rng = createRng(params.seed + 1);
  const len = prompts.tokens.length / prompts.count;
  const rows: EstimatorCaseRow[] = [];
  for (let i = 0; i < prompts.count; i++) {
    const sequence = prompts.source.slice(i * len, (i + 1) * len);
    const given = prompts.given.slice(i * len, (i + 1) * len);
    const r = compareEstimators({ sequence, given }, { rate: params.rate, draws: params.draws, rng });
    const row = { prompt: decodeKnownLanguage(prompts.tokens.subarray(i * len, (i + 1) * len)), sequence: decodeKnownLanguage(sequence), ...r };
    rows.push(row);
    yield row;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const boundErrors = rows.map((r) => r.bound.mean - r.exact);
  const boundBias = mean(boundErrors);
  const spread = Math.sqrt(boundErrors.reduce((a, e) => a + (e - boundBias) ** 2, 0) / Math.max(1, rows.length - 1));
  return {
    rate: params.rate,
    rows,
    onePassBias: mean(rows.map((r) => r.onePass.mean - r.exact)),
    boundBias,
    boundBiasSe: spread / Math.sqrt(rows.length),
    onePassSd: mean(rows.map((r) => r.onePass.sd)),
    boundSd: mean(rows.map((r) => r.bound.sd)),
  };
}
