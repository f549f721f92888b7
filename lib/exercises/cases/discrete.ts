/**
 * Cases for lessons 07-09, with expected values from lib/diffusion/discrete: D3PM's posterior on the
 * absorbing matrices, SEDD's scoreEntropy on the absorbing graph, MDLM's maskedCrossEntropy with
 * the linear schedule's NELBO weight.
 */
import { createRng } from '@/lib/math/rng';
import { closedFormCumulative, posterior, transitionMatrix } from '@/lib/diffusion/discrete/d3pm';
import { absorbingGraph, scoreEntropy } from '@/lib/diffusion/discrete/sedd';
import { linearSchedule, maskedCrossEntropy, nelboWeight } from '@/lib/diffusion/discrete/mdlm';
import { plain, type ExerciseCases } from './shared';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function absorbingPosteriorCases(): ExerciseCases {
  const k = 6, mask = k - 1;
  const settings: [number, number, number, number, string][] = [
    [mask, 2, 0.1, 0.8, 'x_t is [MASK], early (most tokens still clean at t - 1)'],
    [mask, 0, 0.5, 0.3, 'x_t is [MASK], late'],
    [3, 3, 0.2, 0.6, 'x_t is a clean token'],
    [mask, 4, 1, 0.5, 'beta_t = 1: everything is masked at this step'],
    [mask, 1, 0.05, 1, 'the first step (abar_{t-1} = 1)'],
  ];
  return {
    compare: { tolerance: 1e-9 },
    cases: settings.map(([xt, x0, betaT, keepPrev, what]) => ({
      args: [xt, x0, k, betaT, keepPrev],
      expected: plain(posterior(transitionMatrix('absorbing', k, betaT), closedFormCumulative('absorbing', k, keepPrev), k, xt, x0)),
      label: `${what}: xt = ${xt}, x0 = ${x0}, k = ${k}, betaT = ${betaT}, keepPrev = ${keepPrev}`,
    })),
  };
}

export function scoreEntropyCases(): ExerciseCases {
  const rng = createRng(808);
  const k = 5;
  const graph = absorbingGraph(k);
  const truth = (x0: number, sigma: number) => Array.from({ length: k }, (_, y) => (y === x0 ? 1 / Math.expm1(sigma) : y === k - 1 ? 1 : 0.001));
  const randomScore = () => Array.from({ length: k }, () => round3(0.05 + 2 * rng.next()));
  const settings: [number[], number, number, string][] = [
    [randomScore(), 0, 0.5, 'a random score, sigma 0.5'],
    [randomScore(), 2, 2, 'a random score, sigma 2'],
    [randomScore(), 3, 0.1, 'a random score, little noise (sigma 0.1)'],
    [truth(1, 1), 1, 1, 'the true ratio on x0, almost 0 elsewhere (the loss is nearly 0)'],
  ];
  return {
    compare: { tolerance: 1e-9 },
    cases: settings.map(([score, x0, sigma, what]) => ({
      args: [score, x0, sigma],
      expected: scoreEntropy(graph, { xt: k - 1, x0, sigma, dsigma: 1, score }),
      label: `${what}: x0 = ${x0}, score [${score.map((s) => round3(s)).join(', ')}]`,
    })),
  };
}

export function maskedDiffusionLossCases(): ExerciseCases {
  const rng = createRng(909);
  const vocab = 4, maskId = 3, len = 6;
  const logSoftmax = (row: number[]) => {
    const max = Math.max(...row);
    const z = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    return row.map((v) => round3(v - z));
  };
  const settings: [number, number, string][] = [[0.5, 0.5, 't = 0.5'], [0.1, 0.1, 't = 0.1 (the weight is 10)'], [0.9, 0.9, 't = 0.9'], [1, 1, 't = 1: everything masked'], [0.3, 0, 'nothing masked']];
  return {
    compare: { tolerance: 1e-9 },
    cases: settings.map(([t, maskRate, what]) => {
      const targets = Array.from({ length: len }, () => rng.int(maskId));
      const noisy = targets.map((x) => (rng.next() < maskRate ? maskId : x));
      const logProbs = targets.map(() => logSoftmax([rng.normal(), rng.normal(), rng.normal(), -Infinity].map((v, i) => (i === maskId ? -Infinity : v))));
      const expected = maskedCrossEntropy({ logProbs: logProbs.flat(), targets, noisy, vocab, maskId, weight: nelboWeight(linearSchedule, t) });
      return { args: [logProbs, targets, noisy, maskId, t], expected, label: `${what}: targets [${targets.join(', ')}], noisy [${noisy.join(', ')}]` };
    }),
  };
}
