import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import {
  absorbingBetas, linearKeepBetas, absorbingTransition, closedFormCumulative, corruptSequence, createD3pm, cumulativeKeep,
  cumulativeTransitions, forwardTrajectory, identityMatrix, linearBetas, marginal, matmul, matrixRow, posterior,
  rowSums, uniformTransition, vecmat, type D3pmKind,
} from '@/lib/diffusion/discrete/d3pm';

const kinds: D3pmKind[] = ['uniform', 'absorbing'];

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
}

describe('d3pm matrix helpers', () => {
  it('matmul with the identity is the identity map and rowSums adds rows', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    expectClose(matmul(a, identityMatrix(2), 2), a);
    // [[1,2],[3,4]]^2 = [[7,10],[15,22]]
    expectClose(matmul(a, a, 2), [7, 10, 15, 22]);
    expectClose(rowSums(a, 2), [3, 7]);
    expectClose(vecmat([1, 1], a, 2), [4, 6]);
  });
});

describe('d3pm transition matrices', () => {
  it('uniform and absorbing one-step matrices are row-stochastic for several K, b and mask positions', () => {
    for (const k of [2, 3, 5]) {
      for (const beta of [0, 0.1, 0.5, 1]) {
        expectClose(rowSums(uniformTransition(k, beta), k), new Float64Array(k).fill(1));
        for (let mask = 0; mask < k; mask++) {
          const q = absorbingTransition(k, beta, mask);
          expectClose(rowSums(q, k), new Float64Array(k).fill(1));
          expect(q[mask * k + mask]).toBe(1); // [MASK] absorbs
        }
      }
    }
  });

  it('uniform Q_t has 1 - b + b/K on the diagonal and b/K elsewhere', () => {
    const q = uniformTransition(4, 0.2);
    expect(q[0]).toBeCloseTo(0.8 + 0.05, 14);
    expect(q[1]).toBeCloseTo(0.05, 14);
  });

  it('products of one-step matrices match the closed form at several t, for both kinds', () => {
    const k = 4;
    for (const kind of kinds) {
      for (const betas of [linearBetas(12, 0.02, 0.4), absorbingBetas(12)]) {
        for (const mask of [k - 1, 1]) {
          const products = cumulativeTransitions(kind, k, betas, mask);
          const keep = cumulativeKeep(betas);
          for (const t of [0, 1, 3, 7, 11, 12]) {
            expectClose(products[t], closedFormCumulative(kind, k, keep[t], mask), 1e-12);
            expectClose(rowSums(products[t], k), new Float64Array(k).fill(1), 1e-12);
            for (let x0 = 0; x0 < k; x0++) expectClose(marginal(kind, k, x0, keep[t], mask), matrixRow(products[t], k, x0), 1e-12);
          }
        }
      }
    }
  });

  it('the absorbing schedule 1/(T - t + 1) masks a token with probability exactly t/T', () => {
    const T = 10;
    const keep = cumulativeKeep(absorbingBetas(T));
    for (let t = 0; t <= T; t++) expect(1 - keep[t]).toBeCloseTo(t / T, 12);
    const p = marginal('absorbing', 3, 0, keep[4]);
    expectClose(p, [0.6, 0, 0.4], 1e-12); // 1 - prod(1 - b) = 4/10 on [MASK]
  });
});

describe('d3pm posterior', () => {
  it('sums to one and matches Bayes rule on the enumerated joint for K = 3', () => {
    const k = 3;
    for (const kind of kinds) {
      const betas = kind === 'absorbing' ? absorbingBetas(6) : linearBetas(6, 0.1, 0.6);
      const products = cumulativeTransitions(kind, k, betas);
      const d = createD3pm({ kind, k, betas });
      for (let t = 1; t <= 6; t++) {
        const qt = d.step(t);
        for (let x0 = 0; x0 < k; x0++) {
          for (let xt = 0; xt < k; xt++) {
            // joint over x_{t-1} given x0, from matrix products only: Qbar_{t-1}[x0, j] Q_t[j, xt]
            const joint = Array.from({ length: k }, (_, j) => products[t - 1][x0 * k + j] * qt[j * k + xt]);
            const z = joint.reduce((a, b) => a + b, 0);
            // the normaliser is q(x_t | x_0) from the product Qbar_t
            expect(z).toBeCloseTo(products[t][x0 * k + xt], 12);
            if (z === 0) {
              expect(() => d.posterior(xt, x0, t)).toThrow(/xt/);
              continue;
            }
            const post = d.posterior(xt, x0, t);
            expect(post.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
            expectClose(post, joint.map((j) => j / z), 1e-12);
          }
        }
      }
    }
  });

  it('the x0-parameterised reverse step with a one-hot prediction is the posterior', () => {
    const d = createD3pm({ kind: 'uniform', k: 3, betas: linearBetas(5, 0.1, 0.5) });
    expectClose(d.reverseFromX0(2, [0, 1, 0], 3), d.posterior(2, 1, 3), 1e-14);
    const mix = d.reverseFromX0(2, [0.5, 0.5, 0], 3);
    expect(mix.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('absorbing posterior from [MASK] unmasks to x0 with the right probability', () => {
    // q(x_{t-1} = x0 | x_t = MASK, x0) = abar_{t-1} b_t / (1 - abar_t)
    const T = 8;
    const d = createD3pm({ kind: 'absorbing', k: 4, betas: absorbingBetas(T) });
    const t = 5;
    const expected = (d.keep[t - 1] * d.betas[t - 1]) / (1 - d.keep[t]);
    expect(d.posterior(3, 1, t)[1]).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(1 / t, 12); // with this schedule, one of the t masked-so-far steps
  });
});

describe('d3pm corruption', () => {
  it('the same seed gives nested corruptions across t, clean at 0 and all [MASK] at T', () => {
    const d = createD3pm({ kind: 'absorbing', k: 6, betas: absorbingBetas(20) });
    const x0 = Int32Array.from({ length: 200 }, (_, i) => i % 5);
    let prev = corruptSequence(d, x0, 0, createRng(3));
    expect(Array.from(prev)).toEqual(Array.from(x0));
    for (let t = 1; t <= 20; t++) {
      const xt = corruptSequence(d, x0, t, createRng(3));
      for (let i = 0; i < xt.length; i++) if (prev[i] === 5) expect(xt[i]).toBe(5);
      prev = xt;
    }
    expect(Array.from(prev).every((v) => v === 5)).toBe(true);
  });

  it('corrupted fractions match 1 - abar_t within sampling error, for both kinds', () => {
    const n = 20000;
    const x0 = new Int32Array(n); // all token 0
    for (const kind of kinds) {
      const d = createD3pm({ kind, k: 4, betas: linearBetas(10, 0.05, 0.3) });
      const t = 4;
      const p = d.marginal(0, t);
      for (const sample of [corruptSequence(d, x0, t, createRng(11)), forwardTrajectory(d, x0, createRng(12))[t]]) {
        const counts = new Float64Array(4);
        for (const v of sample) counts[v]++;
        for (let j = 0; j < 4; j++) {
          const sd = Math.sqrt((p[j] * (1 - p[j])) / n);
          expect(Math.abs(counts[j] / n - p[j])).toBeLessThan(4 * sd + 1e-12);
        }
      }
    }
  });
});

describe('d3pm boundary checks', () => {
  it('throws with errors naming the argument', () => {
    expect(() => uniformTransition(0, 0.1)).toThrow(/k must be a positive integer/);
    expect(() => uniformTransition(3, 1.5)).toThrow(/beta must be in \[0, 1\]/);
    expect(() => absorbingTransition(3, 0.1, 3)).toThrow(/maskIndex/);
    expect(() => matmul(new Float64Array(3), new Float64Array(4), 2)).toThrow(/a must have length 4/);
    expect(() => linearBetas(0)).toThrow(/steps/);
    const d = createD3pm({ kind: 'uniform', k: 3, betas: linearBetas(4) });
    expect(() => d.step(0)).toThrow(/t must be an integer in \[1, 4\]/);
    expect(() => d.marginal(3, 1)).toThrow(/x0/);
    expect(() => posterior(d.step(1), d.cumulative(0), 3, 5, 0)).toThrow(/xt/);
    expect(() => corruptSequence(d, [0, 7], 1, createRng(1))).toThrow(/tokens\[1\]/);
    expect(() => createD3pm({ kind: 'gaussian' as D3pmKind, k: 3, betas: [0.1] })).toThrow(/kind/);
    expect(() => createD3pm({ kind: 'uniform', k: 3, betas: [] })).toThrow(/betas/);
  });

  it('linearKeepBetas makes abar_t = 1 - t/T, and absorbingBetas is the same schedule', () => {
    const keep = cumulativeKeep(linearKeepBetas(8));
    for (let t = 0; t <= 8; t++) expect(keep[t]).toBeCloseTo(1 - t / 8, 12);
    expect(absorbingBetas).toBe(linearKeepBetas);
  });
});
