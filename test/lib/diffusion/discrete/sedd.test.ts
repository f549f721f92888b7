import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import {
  absorbingGraph, eulerStep, exactConcreteScore, geometricNoise, logLinearNoise, sampleSeddEuler, sampleSeddTweedie,
  scoreEntropy, scoreEntropyLoss, transitionProbs, trueRatios, tweedieProbs, tweedieStep, uniformGraph,
  type ScoreFn, type SeddGraph, type SeddStep,
} from '@/lib/diffusion/discrete/sedd';

describe('sedd noise schedules', () => {
  it('sigma prime matches a central finite difference of sigma, and the endpoints are right', () => {
    const geo = geometricNoise(1e-4, 20);
    const ll = logLinearNoise(1e-3);
    for (const s of [geo, ll]) {
      for (const t of [0.1, 0.3, 0.5, 0.9]) {
        const h = 1e-6;
        const fd = (s.sigma(t + h) - s.sigma(t - h)) / (2 * h);
        expect(Math.abs(s.dsigma(t) - fd) / fd).toBeLessThan(1e-6);
      }
    }
    expect(geo.sigma(0)).toBeCloseTo(1e-4, 12);
    expect(geo.sigma(1)).toBeCloseTo(20, 10);
    expect(ll.sigma(0)).toBe(0);
    // log-linear on the absorbing graph: P(still clean) = e^{-sigma} = 1 - (1 - eps) t
    expect(Math.exp(-ll.sigma(0.4))).toBeCloseTo(1 - 0.999 * 0.4, 12);
  });
});

describe('sedd transition probabilities', () => {
  const graphs: SeddGraph[] = [absorbingGraph(4), absorbingGraph(4, 0), uniformGraph(4)];

  it('sum to one and form a semigroup: p(s1) p(s2) = p(s1 + s2)', () => {
    for (const g of graphs) {
      for (let x0 = 0; x0 < 4; x0++) {
        const direct = transitionProbs(g, x0, 0.7 + 0.4);
        const a = transitionProbs(g, x0, 0.7);
        const composed = new Float64Array(4);
        for (let z = 0; z < 4; z++) {
          const b = transitionProbs(g, z, 0.4);
          for (let y = 0; y < 4; y++) composed[y] += a[z] * b[y];
        }
        expect(direct.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        for (let y = 0; y < 4; y++) expect(composed[y]).toBeCloseTo(direct[y], 12);
      }
    }
  });

  it('absorbing ratio at [MASK] for the true token is 1 / (e^sigma - 1)', () => {
    const r = trueRatios(absorbingGraph(5), 4, 2, 0.8);
    expect(r[2]).toBeCloseTo(1 / Math.expm1(0.8), 12);
    expect(r[0]).toBe(0);
  });
});

describe('sedd score entropy', () => {
  it('is zero at the true ratios and positive elsewhere (seeded random checks, both graphs)', () => {
    const rng = createRng(5);
    for (const g of [absorbingGraph(6), uniformGraph(6)]) {
      for (let trial = 0; trial < 200; trial++) {
        const x0 = g.kind === 'absorbing' ? rng.int(5) : rng.int(6);
        const sigma = 0.05 + 3 * rng.next();
        const xt = g.kind === 'absorbing' ? (rng.next() < 0.5 ? 5 : x0) : rng.int(6);
        const r = trueRatios(g, xt, x0, sigma);
        const args = { xt, x0, sigma, dsigma: 1.3 };
        expect(Math.abs(scoreEntropy(g, { ...args, score: r }))).toBeLessThan(1e-12);
        const perturbed = r.map((v) => v * Math.exp(0.5 * rng.normal()) + (v === 0 ? rng.next() : 0));
        const loss = scoreEntropy(g, { ...args, score: perturbed });
        const positionCounts = g.kind === 'uniform' || xt === 5;
        if (positionCounts) expect(loss).toBeGreaterThan(0);
        else expect(loss).toBe(0); // absorbing: unmasked positions carry no loss
      }
    }
  });

  it('rejects a negative score and a wrong length, naming the argument', () => {
    const g = absorbingGraph(3);
    expect(() => scoreEntropy(g, { xt: 2, x0: 0, sigma: 1, dsigma: 1, score: [1, -1, 0] })).toThrow(/score\[1\]/);
    expect(() => scoreEntropy(g, { xt: 2, x0: 0, sigma: 1, dsigma: 1, score: [1, 1] })).toThrow(/score must have length 3/);
    expect(() => transitionProbs(g, 3, 1)).toThrow(/x0/);
    expect(() => transitionProbs(g, 0, -1)).toThrow(/sigma/);
    expect(() => logLinearNoise(0)).toThrow(/eps/);
    expect(() => geometricNoise(1, 0.5)).toThrow(/sigmaMax/);
  });
});

describe('sedd batched score entropy on tensors', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('matches the per-position loss summed over positions and leaks no tensors', async () => {
    const rng = createRng(9);
    const [b, len, k] = [3, 5, 4];
    for (const g of [absorbingGraph(k), uniformGraph(k)]) {
      const before = tf.memory().numTensors;
      const x0 = Int32Array.from({ length: b * len }, () => rng.int(g.kind === 'absorbing' ? k - 1 : k));
      const xt = Int32Array.from(x0, (v) => (rng.next() < 0.5 ? (g.kind === 'absorbing' ? k - 1 : rng.int(k)) : v));
      const logScore = Float32Array.from({ length: b * len * k }, () => rng.normal());
      const sigma = Float32Array.from({ length: b }, () => 0.2 + rng.next());
      const dsigma = Float32Array.from({ length: b }, () => 0.5 + rng.next());
      let expected = 0;
      for (let i = 0; i < b; i++) {
        for (let l = 0; l < len; l++) {
          const p = i * len + l;
          const score = Array.from(logScore.subarray(p * k, (p + 1) * k), Math.exp);
          expected += scoreEntropy(g, { xt: xt[p], x0: x0[p], sigma: sigma[i], dsigma: dsigma[i], score });
        }
      }
      expected /= b;
      const inputs = {
        logScore: tf.tensor3d(logScore, [b, len, k]),
        xt: tf.tensor2d(xt, [b, len], 'int32'),
        x0: tf.tensor2d(x0, [b, len], 'int32'),
        sigma: tf.tensor1d(sigma),
        dsigma: tf.tensor1d(dsigma),
      };
      const loss = scoreEntropyLoss(g, inputs);
      const value = (await loss.data())[0];
      expect(Math.abs(value - expected) / Math.abs(expected)).toBeLessThan(1e-4);
      // the gradient wrt log-scores is finite everywhere
      const grad = tf.grad((ls: tf.Tensor) => scoreEntropyLoss(g, { ...inputs, logScore: ls as tf.Tensor3D }))(inputs.logScore);
      expect(Array.from(await grad.data()).every(Number.isFinite)).toBe(true);
      tf.dispose([loss, grad, ...Object.values(inputs)]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('checks tensor shapes, naming the argument', () => {
    const before = tf.memory().numTensors;
    const t = {
      logScore: tf.zeros([2, 3, 4]) as tf.Tensor3D, xt: tf.zeros([2, 2], 'int32') as tf.Tensor2D,
      x0: tf.zeros([2, 3], 'int32') as tf.Tensor2D, sigma: tf.ones([2]) as tf.Tensor1D, dsigma: tf.ones([2]) as tf.Tensor1D,
    };
    expect(() => scoreEntropyLoss(absorbingGraph(4), t)).toThrow(/xt must be \[2, 3\]/);
    expect(() => scoreEntropyLoss(absorbingGraph(5), t)).toThrow(/logScore must be/);
    tf.dispose(Object.values(t));
    expect(tf.memory().numTensors).toBe(before);
  });
});

// A tiny known distribution: 2 positions over tokens {0, 1, 2}, strongly correlated so that a
// sampler ignoring the correlation would fail. Sum = 1.
const P0 = [
  [0.30, 0.02, 0.03],
  [0.05, 0.20, 0.05],
  [0.02, 0.03, 0.30],
];
const support = P0.flatMap((row, a) => row.map((prob, b) => ({ tokens: [a, b], prob })));

/** Absorbing exact score by Bayes on x0 (independent of the library's route): for masked l,
 * s_y = alpha/(1 - alpha) P(x0_l = y | x_t), alpha = e^{-sigma}; unmasked x_t fixes its x0. */
const bayesScore: ScoreFn = (tokens, _t, sigma) => {
  const alpha = Math.exp(-sigma);
  const consistent = support.filter((e) => e.tokens.every((v, l) => tokens[l] === 3 || tokens[l] === v));
  const z = consistent.reduce((s, e) => s + e.prob, 0);
  const out = new Float64Array(2 * 4);
  for (let l = 0; l < 2; l++) {
    if (tokens[l] !== 3) continue;
    for (const e of consistent) out[l * 4 + e.tokens[l]] += (alpha / (1 - alpha)) * (e.prob / z);
  }
  return out;
};

async function lastTokens(gen: AsyncGenerator<SeddStep>): Promise<SeddStep[]> {
  const steps: SeddStep[] = [];
  for await (const s of gen) steps.push(s);
  return steps;
}

/** Total variation between the empirical distribution of pairs and P0. */
function tvToP0(samples: Int32Array[]): number {
  const counts = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const s of samples) counts[s[0]][s[1]]++;
  let tv = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) tv += Math.abs(counts[a][b] / samples.length - P0[a][b]);
  return tv / 2;
}

// E|p̂_i - p_i| <= sqrt(p_i (1 - p_i) / N) and sum_i sqrt(p_i (1 - p_i)) <= sqrt(M - 1) over M = 9
// outcomes (Cauchy-Schwarz), so E[TV] <= 0.5 sqrt(8 / N); allow 3x that for fluctuation plus 1/steps
// for the time discretisation (two positions unmasking in the same step lose their correlation).
const tvBound = (n: number, steps: number) => 3 * 0.5 * Math.sqrt(8 / n) + 1 / steps;

describe('sedd samplers on a known distribution', () => {
  const graph = absorbingGraph(4);
  const schedule = logLinearNoise(1e-3);

  it('the library exact score agrees with Bayes rule on every masked state', async () => {
    const lib = exactConcreteScore(graph, support);
    for (const tokens of [[3, 3], [0, 3], [3, 2], [1, 3]]) {
      const x = Int32Array.from(tokens);
      const a = await lib(x, 0.5, schedule.sigma(0.5));
      const b = await bayesScore(x, 0.5, schedule.sigma(0.5));
      // entries y != x_t of masked positions (the entry y = x_t is 1 by definition, p_t(x)/p_t(x))
      for (let i = 0; i < 8; i++) if (tokens[Math.floor(i / 4)] === 3 && i % 4 !== 3) expect(a[i]).toBeCloseTo(b[i], 12);
    }
  });

  it('Tweedie tau-leaping driven by the exact score reproduces p0 (TV below the sampling bound)', async () => {
    const n = 8000, steps = 100;
    const rng = createRng(2024);
    const samples: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      const run = await lastTokens(sampleSeddTweedie({ graph, schedule, score: bayesScore, length: 2, steps, rng }));
      if (i === 0) {
        expect(run.length).toBe(steps + 1);
        expect(Array.from(run[0].tokens)).toEqual([3, 3]);
        expect(run[0].t).toBe(1);
        expect(run[steps].t).toBe(0);
      }
      samples.push(run[steps].tokens);
    }
    expect(samples.every((s) => s[0] !== 3 && s[1] !== 3)).toBe(true);
    const tv = tvToP0(samples);
    console.info(`SEDD Tweedie (absorbing, exact score): TV = ${tv.toFixed(4)}, bound ${tvBound(n, steps).toFixed(4)}, N = ${n}`);
    expect(tv).toBeLessThan(tvBound(n, steps));
    // Power check: the product of p0's marginals (correlation lost) is far outside the bound.
    const rowM = P0.map((r) => r.reduce((s, v) => s + v, 0));
    const colM = [0, 1, 2].map((b) => P0.reduce((s, r) => s + r[b], 0));
    let tvIndep = 0;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) tvIndep += Math.abs(rowM[a] * colM[b] - P0[a][b]) / 2;
    expect(tvIndep).toBeGreaterThan(3 * tvBound(n, steps));
  });

  it('Euler tau-leaping driven by the exact score also reproduces p0', async () => {
    const n = 4000, steps = 200;
    const rng = createRng(77);
    const samples: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      const run = await lastTokens(sampleSeddEuler({ graph, schedule, score: bayesScore, length: 2, steps, rng }));
      samples.push(run[steps].tokens);
    }
    const tv = tvToP0(samples);
    console.info(`SEDD Euler (absorbing, exact score): TV = ${tv.toFixed(4)}, bound ${tvBound(n, steps).toFixed(4)}, N = ${n}`);
    expect(tv).toBeLessThan(tvBound(n, steps));
  });

  it('on the uniform graph, Tweedie with the exact score reproduces p0', async () => {
    const uni = uniformGraph(3);
    const n = 4000, steps = 100;
    const score = exactConcreteScore(uni, support);
    const rng = createRng(31);
    const samples: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      const run = await lastTokens(sampleSeddTweedie({ graph: uni, schedule: geometricNoise(1e-4, 20), score, length: 2, steps, rng }));
      samples.push(run[steps].tokens);
    }
    const tv = tvToP0(samples);
    console.info(`SEDD Tweedie (uniform, exact score): TV = ${tv.toFixed(4)}, bound ${tvBound(n, steps).toFixed(4)}, N = ${n}`);
    expect(tv).toBeLessThan(tvBound(n, steps));
  });

  it('the absorbing Tweedie step from [MASK] stays masked with probability (1 - alpha_s)/(1 - alpha_t)', () => {
    const sT = schedule.sigma(0.6), sS = schedule.sigma(0.4);
    const p = tweedieProbs(graph, 3, (bayesScore(Int32Array.from([3, 3]), 0.6, sT) as Float64Array).subarray(0, 4), sT, sS);
    const [aT, aS] = [Math.exp(-sT), Math.exp(-sS)];
    expect(p[3]).toBeCloseTo((1 - aS) / (1 - aT), 12);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('single sequence steps: Tweedie to zero noise unmasks everything, an Euler step of length 0 changes nothing', () => {
    const rng = createRng(4);
    const x = Int32Array.from([3, 3]);
    const s = bayesScore(x, 0.5, schedule.sigma(0.5)) as Float64Array;
    const clean = tweedieStep(graph, x, s, schedule.sigma(0.5), 0, rng);
    expect(Array.from(clean).every((v) => v !== 3)).toBe(true);
    expect(Array.from(eulerStep(graph, x, s, 0, schedule.dsigma(0.5), rng))).toEqual([3, 3]);
    expect(() => eulerStep(graph, x, s.subarray(0, 4), 0.1, 1, rng)).toThrow(/score must have length 8/);
  });

  it('rejects bad sampler options, naming the argument', async () => {
    const rng = createRng(1);
    await expect(lastTokens(sampleSeddTweedie({ graph, schedule, score: bayesScore, length: 2, steps: 0, rng }))).rejects.toThrow(/steps/);
    await expect(lastTokens(sampleSeddTweedie({ graph, schedule, score: bayesScore, length: 2, steps: 4, rng, initial: Int32Array.from([0, 9]) }))).rejects.toThrow(/initial\[1\]/);
    await expect(lastTokens(sampleSeddEuler({ graph, schedule, score: () => new Float64Array(3), length: 2, steps: 4, rng }))).rejects.toThrow(/score\(\.\.\.\) must have length 8/);
  });
});
