import { describe, expect, it } from 'vitest';
import { absorbingGraph, exactConcreteScore } from '@/lib/diffusion/discrete/sedd';
import {
  TOY_K, TOY_MASK, TOY_P0, empiricalPairs, pairName, toyConcreteScore, toyMarginal, toyTruth, totalVariation,
} from '@/lib/diffusion/discrete/sedd-toy';
import { runSeddToyJob, sampleToy } from '@/lib/diffusion/discrete/sedd-toy-job';

describe('the SEDD toy (two tokens over {a, b, c})', () => {
  it('its truth sums to one and names pairs', () => {
    const p = toyTruth();
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(pairName(0)).toBe('aa');
    expect(pairName(5)).toBe('bc');
    expect(p[5]).toBe(0.3);
  });

  it('marginals sum to one over all 16 noisy pairs, and at sigma 0 equal the truth', () => {
    for (const sigma of [0, 0.3, 2]) {
      let total = 0;
      for (let a = 0; a < TOY_K; a++) for (let b = 0; b < TOY_K; b++) total += toyMarginal([a, b], sigma);
      expect(total).toBeCloseTo(1, 12);
    }
    expect(toyMarginal([1, 2], 0)).toBeCloseTo(0.3, 12);
  });

  it('the concrete score matches the library\'s exactConcreteScore and a hand computation', async () => {
    const graph = absorbingGraph(TOY_K, TOY_MASK);
    const exact = exactConcreteScore(graph, TOY_P0.map((e) => ({ tokens: e.tokens, prob: e.prob })));
    for (const x of [[3, 3], [0, 3], [3, 1]]) {
      const mine = toyConcreteScore(x, 0.7);
      const ref = await exact(Int32Array.from(x), 0.5, 0.7);
      mine.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 10));
    }
    // x = (a, MASK): position 2 given a is a w.p. 0.8, b w.p. 0.2; ratio p(a, y)/p(a, MASK) = p(y | a) e^{-s}/(1 - e^{-s})
    const s = toyConcreteScore([0, 3], 0.7);
    const odds = Math.exp(-0.7) / (1 - Math.exp(-0.7));
    expect(s[TOY_K + 0]).toBeCloseTo(0.8 * odds, 10);
    expect(s[TOY_K + 1]).toBeCloseTo(0.2 * odds, 10);
    expect(s[TOY_K + 2]).toBeCloseTo(0, 12);
    expect(() => toyConcreteScore([2, 2], 0)).toThrow(/probability 0/);
  });

  it('empirical distributions and total variation', () => {
    const { probs, masked } = empiricalPairs([[0, 0], [0, 0], [1, 2], [3, 1]]);
    expect(masked).toBe(1);
    expect(probs[0]).toBe(0.5);
    expect(totalVariation([0.5, 0.5], [1, 0])).toBe(0.5);
  });

  it('Tweedie with the exact score samples the truth: TV below 0.04 with 64 steps and 4000 samples', async () => {
    // Two error sources. Sampling: the empirical distribution of 4 outcomes from 4000 draws is off by
    // about sum sqrt(p(1-p)/n)/2 ~ 0.013 in TV. Steps: both positions unmasked in the same step are
    // drawn independently (product of marginals, TV 0.57 from the truth at 1 step), which happens
    // with probability ~1/steps, so ~0.009 at 64 steps. 0.04 leaves room yet catches any real bias.
    const row = await sampleToy('tweedie', 64, 4000, 3);
    expect(row.masked).toBe(0);
    expect(row.tv).toBeLessThan(0.04);
    const few = await sampleToy('tweedie', 1, 4000, 3);
    expect(few.tv).toBeGreaterThan(0.5); // one step: the product of the marginals, not the joint
  });

  it('the job sweeps both samplers over step counts and reports rows', async () => {
    const rows = [];
    const run = runSeddToyJob({ steps: [1, 4, 16], samples: 500, seed: 1, schedule: 'log-linear' });
    let next = await run.next();
    while (!next.done) { rows.push(next.value); next = await run.next(); }
    expect(rows.map((r) => `${r.sampler}${r.steps}`)).toEqual(['euler1', 'tweedie1', 'euler4', 'tweedie4', 'euler16', 'tweedie16']);
    expect(next.value.rows).toHaveLength(6);
    for (const r of rows) expect(r.tv).toBeLessThan(0.6);
    console.log(rows.map((r) => `${r.sampler} ${r.steps} steps: TV ${r.tv.toFixed(3)}`).join('; '));
    await expect(runSeddToyJob({ steps: [0], samples: 500, seed: 1, schedule: 'log-linear' }).next()).rejects.toThrow(/steps must be a non-empty list/);
  });

  it('Euler equals Tweedie on the log-linear schedule (alpha linear in t) and differs on the geometric one', async () => {
    const a = await sampleToy('euler', 4, 2000, 5, 'log-linear');
    const b = await sampleToy('tweedie', 4, 2000, 5, 'log-linear');
    expect(a.probs).toEqual(b.probs);
    const c = await sampleToy('euler', 4, 2000, 5, 'geometric');
    const d = await sampleToy('tweedie', 4, 2000, 5, 'geometric');
    expect(c.probs).not.toEqual(d.probs);
    const e = await sampleToy('tweedie', 64, 2000, 5, 'geometric');
    console.log(`geometric, 4 steps: euler TV ${c.tv.toFixed(3)} (masked ${c.masked}), tweedie TV ${d.tv.toFixed(3)}; tweedie 64 steps TV ${e.tv.toFixed(3)}`);
  });
});
