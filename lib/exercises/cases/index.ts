/**
 * The cases each code exercise is checked on, by id, built on first use and kept. Imported by the
 * cell worker (and tests) only: the builders use the library, tfjs included, which the page never loads.
 */
import { absorbingPosteriorCases, maskedDiffusionLossCases, scoreEntropyCases } from './discrete';
import { ddimStepCases, ddpmStepCases, gaussianScoreCases, guidedEpsCases, noisyAtCases } from './gaussian';
import { forwardPassesCases, topKProbsCases } from './autoregression';
import { blockCausalMaskCases, factorCountCases, passCostCases } from './fast';
import { groupAdvantagesCases } from './post-training';
import type { ExerciseCases } from './shared';

export type { ExerciseCases } from './shared';

const BUILDERS: Readonly<Record<string, () => ExerciseCases | Promise<ExerciseCases>>> = {
  'forward-passes': forwardPassesCases,
  'top-k-probs': topKProbsCases,
  'noisy-at': noisyAtCases,
  'ddpm-step': ddpmStepCases,
  'gaussian-score': gaussianScoreCases,
  'ddim-step': ddimStepCases,
  'guided-eps': guidedEpsCases,
  'absorbing-posterior': absorbingPosteriorCases,
  'score-entropy': scoreEntropyCases,
  'masked-diffusion-loss': maskedDiffusionLossCases,
  'block-causal-mask': blockCausalMaskCases,
  'pass-cost': passCostCases,
  'factor-count': factorCountCases,
  'group-advantages': groupAdvantagesCases,
};

export const EXERCISES_WITH_CASES: readonly string[] = Object.keys(BUILDERS);

const built = new Map<string, Promise<ExerciseCases>>();

/** The cases of exercise `id`, or null if it has none. */
export function exerciseCases(id: string): Promise<ExerciseCases> | null {
  if (!Object.prototype.hasOwnProperty.call(BUILDERS, id)) return null;
  let cases = built.get(id);
  if (!cases) {
    cases = Promise.resolve().then(BUILDERS[id]);
    built.set(id, cases);
  }
  return cases;
}
