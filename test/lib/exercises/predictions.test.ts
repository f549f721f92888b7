import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { cosineSchedule, linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { ddimSigma } from '@/lib/diffusion/gaussian/ddim';
import { langevinStep } from '@/lib/diffusion/gaussian/score';
import { closedFormCumulative, posterior, transitionMatrix } from '@/lib/diffusion/discrete/d3pm';
import { TOY_P0 } from '@/lib/diffusion/discrete/sedd-toy';
import { COURSE_PATH } from '@/lib/content/course';
import { PREDICTIONS, elboEpsWeight, findPrediction, langevinStationaryVariance, snrCrossing, tiltedGaussian } from '@/lib/exercises/predictions';
import { useNodeBackend } from '@/test/support/tf-node';

beforeAll(async () => { await useNodeBackend('wasm'); });

const answer = (id: string) => findPrediction(id)!.answer;

describe('prediction questions', () => {
  it('each question belongs to a lesson of the course, has distinct options, and its answer is one of them', () => {
    const slugs = COURSE_PATH.map((s) => s.slug);
    for (const q of Object.values(PREDICTIONS)) {
      expect(slugs, q.id).toContain(q.lesson);
      const ids = q.options.map((o) => o.id);
      expect(new Set(ids).size, q.id).toBe(ids.length);
      expect(ids, q.id).toContain(q.answer);
      if (q.reveal) expect(q.reveal().length, q.id).toBeGreaterThan(0);
    }
    expect(findPrediction('constructor')).toBeNull();
  });

  it('cosine-snr-crossing: the cosine schedule crosses abar = 1/2 near the middle, the linear one near 260', () => {
    expect(snrCrossing(linearSchedule().alphaBars)).toBe(260);
    expect(snrCrossing(cosineSchedule().alphaBars)).toBe(497);
    expect(answer('cosine-snr-crossing')).toBe('middle');
  });

  it('elbo-weight-shape: the bound weighs small t about 50 times more than t = 1000', () => {
    const s = linearSchedule();
    const w = (t: number) => elboEpsWeight(s.betas[t], s.alphas[t], s.alphaBars[t], s.posteriorVariances[t]);
    // With sigma^2 = betatilde the weight simplifies to beta_t / (2 alpha_t (1 - abar_{t-1})).
    expect(w(500)).toBeCloseTo(s.betas[500] / (2 * s.alphas[500] * (1 - s.alphaBars[499])), 12);
    expect(w(2)).toBeCloseTo(0.6, 1);
    expect(w(1000)).toBeCloseTo(0.0102, 3);
    expect(w(2) / w(1000)).toBeGreaterThan(50);
    expect(answer('elbo-weight-shape')).toBe('small-t');
  });

  it('langevin-variance: lib\'s Langevin step with the exact score of N(0, 1) settles at 1 / (1 - delta/4)', async () => {
    expect(langevinStationaryVariance(0.1)).toBeCloseTo(1.02564, 5);
    const before = tf.memory().numTensors;
    const rng = createRng(4);
    const n = 40_000, delta = 0.1;
    let x = tf.tensor2d(Float32Array.from({ length: n }, () => rng.normal() * 3), [n, 1]);
    for (let step = 0; step < 200; step++) {
      const z = tf.tensor2d(Float32Array.from({ length: n }, () => rng.normal()), [n, 1]);
      const score = tf.neg(x); // exact score of N(0, 1)
      const next = langevinStep(x, score as tf.Tensor2D, delta, z);
      tf.dispose([x, z, score]);
      x = next;
    }
    const values = Array.from(await x.data());
    x.dispose();
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    // Standard error of a variance from 40,000 draws: sqrt(2 / n) = 0.007; 1.026 is 3.6 of them from 1.
    expect(Math.abs(variance - 1.0256)).toBeLessThan(0.02);
    expect(variance).toBeGreaterThan(1.005);
    expect(tf.memory().numTensors).toBe(before);
    expect(answer('langevin-variance')).toBe('above');
  });

  it('ddim-eta-one: on consecutive steps eta = 1 adds betatilde_t, on a coarser grid something larger', () => {
    const s = linearSchedule();
    for (const t of [2, 100, 500, 1000]) expect(ddimSigma(s, t, t - 1, 1) ** 2).toBeCloseTo(s.posteriorVariances[t], 12);
    expect(ddimSigma(s, 500, 480, 1) ** 2).toBeGreaterThan(10 * s.posteriorVariances[500]);
    expect(answer('ddim-eta-one')).toBe('betatilde');
  });

  it('cfg-spread: guidance with w = 4 lands past the class and narrower (the tilted Gaussian)', () => {
    const g = tiltedGaussian(2, 0.5, 4);
    expect(g.mean).toBeCloseTo(32 / 13, 12);
    expect(g.std).toBeCloseTo(1 / Math.sqrt(13), 12);
    expect(g.mean).toBeGreaterThan(2);
    expect(g.std).toBeLessThan(0.5);
    const plain = tiltedGaussian(2, 0.5, 1);
    expect([plain.mean, plain.std]).toEqual([2, 0.5]);
    expect(() => tiltedGaussian(0, 2, 4)).toThrow(/precision/);
    expect(answer('cfg-spread')).toBe('past');
  });

  it('revisable-tokens: the absorbing posterior keeps a visible token for sure, the uniform one does not', () => {
    const k = 5;
    const abs = posterior(transitionMatrix('absorbing', k, 0.2), closedFormCumulative('absorbing', k, 0.5), k, 1, 1);
    const uni = posterior(transitionMatrix('uniform', k, 0.2), closedFormCumulative('uniform', k, 0.5), k, 1, 1);
    expect(abs[1]).toBe(1);
    expect(uni[1]).toBeLessThan(0.99);
    expect(answer('revisable-tokens')).toBe('uniform');
  });

  it('product-of-marginals: independent draws give aa with 0.5 x 0.4 = 0.2, not 0.4', () => {
    const first = TOY_P0.filter((p) => p.tokens[0] === 0).reduce((a, p) => a + p.prob, 0);
    const second = TOY_P0.filter((p) => p.tokens[1] === 0).reduce((a, p) => a + p.prob, 0);
    expect(first * second).toBeCloseTo(0.2, 12);
    expect(answer('product-of-marginals')).toBe('less');
  });

  it('mirror-k2: the shipped known-language MDLM recorded more valid generations with random remasking at k = 2', () => {
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), 'public/models/short-mdlm/v1/manifest.json'), 'utf8'));
    const validity = manifest.metrics.generationValidity;
    expect(validity.random['2']).toBeGreaterThan(validity['low-confidence']['2']);
    expect(answer('mirror-k2')).toBe('random');
  });
});
