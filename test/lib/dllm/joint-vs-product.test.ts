import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import {
  greedyPairs, greedySafetyCondition, impossibleMass, lessonEightJoint, marginalsOf, mirrorJoint, productOfMarginals,
  thresholdOutcome, totalCorrelation, totalVariation, type PairJoint,
} from '@/lib/dllm/joint-vs-product';

/** Simulates one-pass parallel decoding by enumerating every (x1, x2) drawn independently. */
function enumerateIndependent(joint: PairJoint): Float64Array {
  const k = joint.tokens.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let pa = 0;
      let pb = 0;
      for (let c = 0; c < k; c++) {
        pa += joint.probs[k * a + c];
        pb += joint.probs[k * c + b];
      }
      out[k * a + b] = pa * pb;
    }
  }
  return out;
}

function randomJoint(rng: ReturnType<typeof createRng>, k: number, zeros = 0.3): PairJoint {
  const w: number[] = Array.from({ length: k * k }, () => (rng.next() < zeros ? 0 : rng.next()));
  if (!w.some((x) => x > 0)) w[0] = 1;
  const s = w.reduce((a, b) => a + b, 0);
  return { tokens: Array.from({ length: k }, (_, i) => String.fromCharCode(97 + i)), probs: Float64Array.from(w, (x) => x / s) };
}

describe('product of marginals vs the joint (two dependent tokens)', () => {
  it("lesson 08's toy: marginals, product and the mass on pairs that never occur, by hand", () => {
    const joint = lessonEightJoint(); // aa .4, bc .3, cb .2, ab .1
    const [p1, p2] = marginalsOf(joint);
    expect(Array.from(p1)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.3, 12), expect.closeTo(0.2, 12)]);
    expect(Array.from(p2)).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.3, 12), expect.closeTo(0.3, 12)]);
    // pairs with joint 0: ac .5*.3, ba .3*.4, bb .3*.3, ca .2*.4, cc .2*.3 = .15+.12+.09+.08+.06
    expect(impossibleMass(joint)).toBeCloseTo(0.5, 12);
    expect(greedyPairs(joint).joint).toEqual([0, 0]);
  });

  it('the product equals enumeration of independent draws, and TV/KL are zero only for independent positions', () => {
    const rng = createRng(3);
    for (let t = 0; t < 20; t++) {
      const joint = randomJoint(rng, 2 + rng.int(4));
      const product = productOfMarginals(joint);
      const enumerated = enumerateIndependent(joint);
      product.forEach((p, i) => expect(p).toBeCloseTo(enumerated[i], 12));
      expect(totalCorrelation(joint)).toBeGreaterThanOrEqual(-1e-12);
    }
    const independent: PairJoint = { tokens: ['a', 'b'], probs: Float64Array.from([0.6 * 0.3, 0.6 * 0.7, 0.4 * 0.3, 0.4 * 0.7]) };
    expect(totalVariation(productOfMarginals(independent), independent.probs)).toBeCloseTo(0, 12);
    expect(totalCorrelation(independent)).toBeCloseTo(0, 12);
  });

  it('the mirror pair: one-pass decoding writes a mismatched pair with probability 1 - 1/K, sequential never', () => {
    const joint = mirrorJoint(['a', 'b', 'c']);
    expect(impossibleMass(joint)).toBeCloseTo(2 / 3, 12);
    expect(totalCorrelation(joint)).toBeCloseTo(Math.log(3), 12);
    const together = thresholdOutcome(joint, 0.3); // both confidences 1/3 > 0.3
    expect(together.together).toBe(true);
    expect(together.impossible).toBeCloseTo(2 / 3, 12);
    expect(together.passes).toBe(1);
    const apart = thresholdOutcome(joint, 0.5);
    expect(apart.together).toBe(false);
    expect(apart.error).toBe(0);
    expect(apart.impossible).toBe(0);
    expect(apart.passes).toBe(2);
  });

  it("Fast-dLLM's condition: when it holds, greedy of the product is greedy of the joint (random joints, brute force)", () => {
    const rng = createRng(9);
    let checked = 0;
    for (let t = 0; t < 4000; t++) {
      const joint = randomJoint(rng, 2 + rng.int(3), 0.5);
      // Sharpen so that many draws are confident.
      const probs = joint.probs.map((p) => p ** 6);
      const s = probs.reduce((a, b) => a + b, 0);
      const sharp = { tokens: joint.tokens, probs: probs.map((p) => p / s) };
      const [p1, p2] = marginalsOf(sharp);
      if (!greedySafetyCondition([Math.max(...p1), Math.max(...p2)])) continue;
      const g = greedyPairs(sharp);
      expect(g.product).toEqual(g.joint);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('bad joints are refused with the reason', () => {
    expect(() => marginalsOf({ tokens: ['a', 'b'], probs: Float64Array.from([0.5, 0.5, 0.5, 0.5]) })).toThrow(/sum to 1/);
    expect(() => marginalsOf({ tokens: ['a', 'b'], probs: Float64Array.from([1]) })).toThrow(/4 numbers/);
  });
});
