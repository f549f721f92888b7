import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { groupAdvantages, grpoLossReference } from '@/lib/post-training/grpo';
import { grpoLoss } from '@/lib/post-training/grpo-loss';

describe('group-relative advantages', () => {
  it('centre each group on its mean and divide by its population std', () => {
    // group 1: mean 0.5, deviations +-0.5, std 0.5 -> +-1; group 2 all equal -> 0
    expect(Array.from(groupAdvantages([1, 0, 0, 1, 1, 1, 1, 1], 4, { eps: 0 }))).toEqual([1, -1, -1, 1, 0, 0, 0, 0]);
    // one success in four: mean 1/4, std sqrt(3)/4 -> sqrt(3) and -1/sqrt(3)
    const a = groupAdvantages([1, 0, 0, 0], 4, { eps: 0 });
    expect(a[0]).toBeCloseTo(Math.sqrt(3), 12);
    expect(a[1]).toBeCloseTo(-1 / Math.sqrt(3), 12);
  });

  it('keep the raw centred reward without the std, and eps keeps the division finite', () => {
    expect(Array.from(groupAdvantages([1, 0, 0, 0], 4, { scaleByStd: false }))).toEqual([0.75, -0.25, -0.25, -0.25]);
    expect(groupAdvantages([1, 0], 2)[0]).toBeCloseTo(0.5 / (0.5 + 1e-4), 12);
  });

  it('reject a batch that is not whole groups, and non-finite rewards', () => {
    expect(() => groupAdvantages([1, 0, 1], 2)).toThrow(/whole groups of 2/);
    expect(() => groupAdvantages([1, Number.NaN], 2)).toThrow(/rewards\[1\] must be a finite number/);
    expect(() => groupAdvantages([1, 0], 0)).toThrow(/groupSize must be a positive integer/);
  });
});

// One completion of two tokens, pi_old = pi_ref = (0.5, 0.5), pi_theta = (0.6, 0.4), clip 0.1, beta 0.1.
// Ratios 1.2 and 0.8; by hand: A = +1 -> min(1.2, 1.1) and min(0.8, 0.9); A = -1 -> min(-1.2, -1.1) and min(-0.8, -0.9).
// KL_k = r - log r - 1 with r = ref/new: 0.015655 and 0.026856.
const HAND = {
  logpNew: [Math.log(0.6), Math.log(0.4)],
  logpOld: [Math.log(0.5), Math.log(0.5)],
  logpRef: [Math.log(0.5), Math.log(0.5)],
  tokens: 2,
  clip: 0.1,
  beta: 0.1,
};

describe('the GRPO loss', () => {
  it('matches the hand-computed clipped surrogate and KL for a positive advantage', () => {
    const parts = grpoLossReference({ ...HAND, advantages: [1] });
    expect(parts.loss).toBeCloseTo(-0.9478744330593462, 12);
    expect(parts.kl).toBeCloseTo(0.021255669406539113, 12);
    expect(parts.clippedFraction).toBe(0.5);
  });

  it('matches the hand-computed value for a negative advantage (the other token is clipped)', () => {
    const parts = grpoLossReference({ ...HAND, advantages: [-1] });
    expect(parts.loss).toBeCloseTo(1.052125566940654, 12);
    expect(parts.clippedFraction).toBe(0.5);
  });

  it('is minus the mean advantage when the policy has not moved (ratio 1, KL 0)', () => {
    const same = [Math.log(0.3), Math.log(0.7), Math.log(0.2), Math.log(0.9)];
    const parts = grpoLossReference({ logpNew: same, logpOld: same, logpRef: same, advantages: [1.5, -0.5], tokens: 2, clip: 0.2, beta: 0.04 });
    expect(parts.loss).toBeCloseTo(-0.5, 12);
    expect(parts.kl).toBe(0);
  });

  it('ignores masked tokens when averaging', () => {
    const parts = grpoLossReference({ ...HAND, logpNew: [...HAND.logpNew], advantages: [1], tokenMask: [1, 0] });
    expect(parts.loss).toBeCloseTo(-(1.1 - 0.1 * (0.5 / 0.6 - Math.log(0.5 / 0.6) - 1)), 12);
  });

  it('rejects arrays of the wrong length', () => {
    expect(() => grpoLossReference({ ...HAND, logpOld: [0], advantages: [1] })).toThrow(/logpOld must have completions \* tokens = 2 values, got 1/);
  });
});

describe('the GRPO loss on tensors', () => {
  beforeAll(async () => { await useNodeBackend('cpu'); });

  it('agrees with the float64 reference on random terms, without leaking tensors', () => {
    const rng = createRng(5);
    const completions = 6;
    const tokens = 5;
    const n = completions * tokens;
    const draw = () => Float32Array.from({ length: n }, () => Math.log(0.05 + 0.9 * rng.next()));
    const logpNew = draw();
    const logpOld = draw();
    const logpRef = draw();
    const advantages = Float32Array.from({ length: completions }, () => rng.normal());
    const tokenMask = Float32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 1));
    const before = tf.memory().numTensors;
    const t = tf.tidy(() => grpoLoss({ logpNew: tf.tensor2d(logpNew, [completions, tokens]), logpOld, logpRef, advantages, tokenMask, clip: 0.2, beta: 0.04 }));
    const value = t.dataSync()[0];
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const ref = grpoLossReference({ logpNew, logpOld, logpRef, advantages, tokens, tokenMask, clip: 0.2, beta: 0.04 });
    expect(value).toBeCloseTo(ref.loss, 5);
  });

  it('pushes up the log-probability of a token with a positive advantage', () => {
    const logits = tf.variable(tf.tensor2d([[0, 0]]));
    const old = Float32Array.from([Math.log(0.5), Math.log(0.5)]);
    const grads = tf.grads((x: tf.Tensor) => grpoLoss({
      logpNew: tf.reshape(tf.logSoftmax(x), [2, 1]) as tf.Tensor2D, logpOld: old, logpRef: old,
      advantages: Float32Array.from([1, -1]), tokenMask: Float32Array.from([1, 1]), clip: 0.2, beta: 0,
    }));
    const [g] = grads([logits]);
    const values = g.dataSync();
    // minimising -J: the favoured token's logit goes up (negative gradient), the other's down
    expect(values[0]).toBeLessThan(0);
    expect(values[1]).toBeGreaterThan(0);
    tf.dispose([g, logits]);
  });
});
