import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import {
  blockSchedule, carryOverLogProbs, carryOverLogProbsTensor, chooseToUnmask, cosineSchedule, linearSchedule,
  maskSchedule, maskTokens, maskedCrossEntropy, mdlmLoss, nelboWeight, predictMasked, tokensPerStep, unmaskStep,
} from '@/lib/diffusion/discrete/mdlm';

describe('mdlm schedules and the NELBO weight', () => {
  it('the linear schedule has weight 1/t, positive', () => {
    for (const t of [0.01, 0.25, 0.5, 1]) expect(nelboWeight(linearSchedule, t)).toBeCloseTo(1 / t, 12);
  });

  it('cosine and custom schedules: alpha prime matches a finite difference and the weight is -alpha\'/(1 - alpha)', () => {
    const custom = maskSchedule((t) => 1 - t * t, (t) => -2 * t, 'quadratic');
    for (const s of [cosineSchedule, custom]) {
      expect(s.alpha(0)).toBeCloseTo(1, 12);
      for (const t of [0.2, 0.5, 0.8]) {
        const h = 1e-6;
        expect(s.dalpha(t)).toBeCloseTo((s.alpha(t + h) - s.alpha(t - h)) / (2 * h), 6);
        expect(nelboWeight(s, t)).toBeCloseTo(-s.dalpha(t) / (1 - s.alpha(t)), 12);
        expect(nelboWeight(s, t)).toBeGreaterThan(0);
      }
    }
    expect(nelboWeight(custom, 0.5)).toBeCloseTo(4, 12); // 2t / t^2 = 2/t = 4 at t = 0.5
  });

  it('throws at t = 0 where alpha = 1, and for t outside [0, 1]', () => {
    expect(() => nelboWeight(linearSchedule, 0)).toThrow(/alpha\(t\) < 1/);
    expect(() => linearSchedule.alpha(1.5)).toThrow(/t must be in \[0, 1\]/);
  });
});

describe('mdlm forward masking', () => {
  it('masks each token independently with probability 1 - alpha, reproducibly from the seed', () => {
    const n = 20000;
    const tokens = Int32Array.from({ length: n }, (_, i) => i % 7);
    const a = maskTokens(tokens, 0.3, 7, createRng(4));
    const b = maskTokens(tokens, 0.3, 7, createRng(4));
    expect(Array.from(a.noisy)).toEqual(Array.from(b.noisy));
    let count = 0;
    for (let i = 0; i < n; i++) {
      expect(a.noisy[i]).toBe(a.masked[i] ? 7 : tokens[i]);
      count += a.masked[i];
    }
    // sd of the masked fraction is sqrt(0.7 * 0.3 / n) = 0.0032
    expect(Math.abs(count / n - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    expect(Array.from(maskTokens(tokens.subarray(0, 10), 1, 7, createRng(1)).masked).every((m) => m === 0)).toBe(true);
    expect(Array.from(maskTokens(tokens.subarray(0, 10), 0, 7, createRng(1)).masked).every((m) => m === 1)).toBe(true);
    expect(() => maskTokens(tokens, 1.2, 7, createRng(1))).toThrow(/alpha/);
  });
});

describe('mdlm loss', () => {
  it('the masked cross-entropy on fixed inputs matches a hand computation', () => {
    // vocab {0, 1, 2, MASK = 3}, three positions; positions 0 and 2 masked, position 1 visible.
    const lp = (p: number[]) => p.map(Math.log);
    const logProbs = [...lp([0.5, 0.25, 0.25, 1e-300]), ...lp([0.1, 0.8, 0.1, 1e-300]), ...lp([0.2, 0.2, 0.6, 1e-300])];
    const loss = maskedCrossEntropy({ logProbs, targets: [0, 1, 2], noisy: [3, 1, 3], vocab: 4, maskId: 3, weight: nelboWeight(linearSchedule, 0.25) });
    // w = 1/t = 4; -log 0.5 - log 0.6 = 0.693147 + 0.510826 = 1.203973; times 4 = 4.815891
    expect(loss).toBeCloseTo(4 * (Math.log(2) + Math.log(1 / 0.6)), 12);
    expect(loss).toBeCloseTo(4.815891, 5);
  });

  it('carry-over log-probs never predict [MASK] and copy unmasked tokens', () => {
    const logits = [1, 2, 3, 10, /* */ 0, 0, 0, 0];
    const out = carryOverLogProbs(logits, [3, 1], 4, 3);
    expect(out[3]).toBe(-Infinity);
    const z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    for (let v = 0; v < 3; v++) expect(out[v]).toBeCloseTo(logits[v] - z, 12);
    expect(Array.from(out.subarray(4))).toEqual([-Infinity, 0, -Infinity, -Infinity]);
    expect(() => carryOverLogProbs(logits, [3, 4], 4, 3)).toThrow(/noisy\[1\]/);
    expect(() => carryOverLogProbs(logits, [3], 4, 3)).toThrow(/logits must have length 4/);
  });
});

describe('mdlm tensor versions', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('carry-over and the batched loss match the typed-array versions, with finite gradients and no leaked tensors', async () => {
    const rng = createRng(12);
    const [b, len, vocab, maskId] = [2, 6, 5, 4];
    const before = tf.memory().numTensors;
    const logits = Float32Array.from({ length: b * len * vocab }, () => 2 * rng.normal());
    const targets = Int32Array.from({ length: b * len }, () => rng.int(vocab - 1));
    const noisy = Int32Array.from(targets, (v) => (rng.next() < 0.5 ? maskId : v));
    const weights = Float32Array.from([4, 1.5]);
    const tLogits = tf.tensor3d(logits, [b, len, vocab]);
    const tNoisy = tf.tensor2d(noisy, [b, len], 'int32');
    const tTargets = tf.tensor2d(targets, [b, len], 'int32');
    const tWeights = tf.tensor1d(weights);
    const lp = carryOverLogProbsTensor(tLogits, tNoisy, maskId);
    const lpValues = await lp.data();
    let expected = 0;
    for (let i = 0; i < b; i++) {
      const rows = logits.subarray(i * len * vocab, (i + 1) * len * vocab);
      const typed = carryOverLogProbs(rows, noisy.subarray(i * len, (i + 1) * len), vocab, maskId);
      for (let j = 0; j < typed.length; j++) {
        const got = lpValues[i * len * vocab + j];
        if (typed[j] === -Infinity) expect(got).toBe(-Infinity);
        else expect(got).toBeCloseTo(typed[j], 5);
      }
      expected += maskedCrossEntropy({
        logProbs: typed, targets: targets.subarray(i * len, (i + 1) * len), noisy: noisy.subarray(i * len, (i + 1) * len),
        vocab, maskId, weight: weights[i],
      });
    }
    expected /= b;
    const loss = mdlmLoss({ logProbs: lp, targets: tTargets, noisy: tNoisy, weights: tWeights, maskId });
    expect((await loss.data())[0]).toBeCloseTo(expected, 4);
    const perToken = mdlmLoss({ logProbs: lp, targets: tTargets, noisy: tNoisy, weights: tWeights, maskId, reduction: 'token-mean' });
    expect((await perToken.data())[0]).toBeCloseTo(expected / len, 4);
    const grad = tf.grad((x: tf.Tensor) => mdlmLoss({
      logProbs: carryOverLogProbsTensor(x as tf.Tensor3D, tNoisy, maskId), targets: tTargets, noisy: tNoisy, weights: tWeights, maskId,
    }))(tLogits);
    const g = await grad.data();
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
    // no gradient reaches the [MASK] logit or the logits of visible (carried-over) positions
    for (let p = 0; p < b * len; p++) {
      expect(g[p * vocab + maskId]).toBe(0);
      if (noisy[p] !== maskId) for (let v = 0; v < vocab; v++) expect(g[p * vocab + v]).toBe(0);
    }
    tf.dispose([tLogits, tNoisy, tTargets, tWeights, lp, loss, perToken, grad]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks tensor shapes, naming the argument', () => {
    const before = tf.memory().numTensors;
    const lp = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const ok = tf.zeros([2, 3], 'int32') as tf.Tensor2D;
    const bad = tf.zeros([2, 2], 'int32') as tf.Tensor2D;
    const w = tf.ones([2]) as tf.Tensor1D;
    expect(() => mdlmLoss({ logProbs: lp, targets: bad, noisy: ok, weights: w, maskId: 3 })).toThrow(/targets must be \[2, 3\]/);
    expect(() => mdlmLoss({ logProbs: lp, targets: ok, noisy: ok, weights: w, maskId: 4 })).toThrow(/maskId/);
    expect(() => carryOverLogProbsTensor(lp, bad, 3)).toThrow(/noisy must be \[2, 3\]/);
    tf.dispose([lp, ok, bad, w]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('mdlm remasking schedules', () => {
  it('remasking splits tokens evenly over steps, the first steps taking the remainder', () => {
    expect(Array.from(tokensPerStep(10, 4))).toEqual([3, 3, 2, 2]);
    expect(Array.from(tokensPerStep(8, 8))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    for (const [count, steps] of [[37, 5], [5, 7], [64, 64], [0, 3]]) {
      const s = Array.from(tokensPerStep(count, steps));
      expect(s.reduce((a, v) => a + v, 0)).toBe(count);
      expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
    }
  });

  it('block schedules split steps evenly across blocks, left to right', () => {
    const plan = blockSchedule(12, 4, 6);
    expect(plan.map((p) => [p.start, p.end])).toEqual([[0, 4], [4, 8], [8, 12]]);
    for (const p of plan) expect(Array.from(p.perStep)).toEqual([2, 2]);
    expect(() => blockSchedule(12, 5, 6)).toThrow(/blockLength must divide length 12/);
    expect(() => blockSchedule(12, 4, 5)).toThrow(/steps must be a multiple of the number of blocks \(3\)/);
    expect(() => tokensPerStep(4, 0)).toThrow(/steps/);
  });

  it('low-confidence keeps the most confident eligible positions; random picks eligible ones uniformly', () => {
    const conf = [0.9, 0.2, 0.95, 0.5, 0.99];
    const eligible = [1, 1, 1, 1, 0];
    expect(Array.from(chooseToUnmask(conf, eligible, 2, 'low-confidence', createRng(1)))).toEqual([0, 2]);
    const rng = createRng(8);
    const counts = [0, 0, 0, 0, 0];
    const n = 6000;
    for (let i = 0; i < n; i++) for (const p of chooseToUnmask(conf, eligible, 2, 'random', rng)) counts[p]++;
    expect(counts[4]).toBe(0);
    // each eligible position is chosen with probability 2/4; sd of the count sqrt(n/4)
    for (let p = 0; p < 4; p++) expect(Math.abs(counts[p] - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
    expect(() => chooseToUnmask(conf, eligible, 5, 'random', rng)).toThrow(/k must be <= the number of eligible positions \(4\)/);
    expect(() => chooseToUnmask(conf, eligible, 1, 'greedy' as 'random', rng)).toThrow(/remasking/);
  });

  it('predicts by argmax at temperature 0, never [MASK], and samples softmax(logits / T) by Gumbel-max', () => {
    const logits = [0, 1, 5, 9];
    const pred = predictMasked(logits, [3], 4, 3, 0, createRng(1));
    expect(pred.tokens[0]).toBe(2);
    expect(pred.confidence[0]).toBeCloseTo(Math.exp(5) / (1 + Math.exp(1) + Math.exp(5)), 12);
    const rng = createRng(3);
    const counts = [0, 0, 0, 0];
    const n = 20000;
    const soft = [0, Math.log(2), Math.log(3), 0];
    for (let i = 0; i < n; i++) counts[predictMasked(soft, [3], 4, 3, 1, rng).tokens[0]]++;
    expect(counts[3]).toBe(0);
    [1 / 6, 2 / 6, 3 / 6].forEach((p, v) => expect(Math.abs(counts[v] / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n)));
  });

  it('a LLaDA loop with low-confidence remasking unmasks the planned count per step, block by block', () => {
    const [vocab, maskId, len] = [6, 5, 8];
    const rng = createRng(2);
    let tokens: Int32Array = new Int32Array(len).fill(maskId);
    // a fixed "model": position l prefers token l % 5 with confidence growing with l
    const logits = Float64Array.from({ length: len * vocab }, (_, i) => ((i % vocab) === Math.floor(i / vocab) % 5 ? Math.floor(i / vocab) : 0));
    for (const block of blockSchedule(len, 4, 4)) {
      for (const count of block.perStep) {
        const before = tokens.filter((v) => v === maskId).length;
        const out = unmaskStep({ logits, tokens, vocab, maskId, count, remasking: 'low-confidence', temperature: 0, rng, window: [block.start, block.end] });
        expect(out.unmasked.length).toBe(count);
        for (const l of out.unmasked) expect(l >= block.start && l < block.end).toBe(true);
        tokens = out.tokens;
        expect(tokens.filter((v) => v === maskId).length).toBe(before - count);
      }
    }
    expect(Array.from(tokens)).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
    expect(() => unmaskStep({ logits, tokens, vocab, maskId, count: 1, remasking: 'random', temperature: 0, rng, window: [4, 9] })).toThrow(/window/);
  });
});
