import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d } from '@/lib/data/toy-2d';
import { STRANDED_DISTANCE, TWO_MOONS_ARCS, TWO_MOONS_NOISE, TWO_MOONS_WEIGHTS, countMoons, distanceToMoon, type MoonName } from '@/lib/data/toy-2d-moon-counts';

const MOONS: MoonName[] = ['upper', 'lower']; // the generator's class order: label 0 = upper moon, 1 = lower moon

describe('two-moons counts', () => {
  it('the arcs are the generator\'s: noise-free draws lie on the arc of their label, jittered ones 0.07 off it', () => {
    const clean = sampleToy2d('two-moons', 2000, createRng(5), { noise: 0 });
    for (let i = 0; i < 2000; i++) {
      expect(distanceToMoon(clean.points[2 * i], clean.points[2 * i + 1], MOONS[clean.labels[i]])).toBeLessThan(1e-5);
    }
    const noisy = sampleToy2d('two-moons', 4000, createRng(6));
    let sq = 0;
    for (let i = 0; i < 4000; i++) sq += distanceToMoon(noisy.points[2 * i], noisy.points[2 * i + 1], MOONS[noisy.labels[i]]) ** 2 / 4000;
    // The distance to a gently curved arc is about |normal component of the jitter|, so its rms is about the std.
    expect(Math.sqrt(sq)).toBeGreaterThan(0.9 * TWO_MOONS_NOISE);
    expect(Math.sqrt(sq)).toBeLessThan(1.1 * TWO_MOONS_NOISE);
  });

  it('a fresh draw of 4000 splits like the generator\'s weights (50/50 within 2.5 points) with almost none stranded', () => {
    expect(TWO_MOONS_WEIGHTS.upper + TWO_MOONS_WEIGHTS.lower).toBe(1);
    const s = sampleToy2d('two-moons', 4000, createRng(11));
    const c = countMoons(s.points);
    expect(c.total).toBe(4000);
    expect(c.upper + c.lower + c.stranded).toBe(4000);
    expect(Math.abs(c.upper / 4000 - TWO_MOONS_WEIGHTS.upper)).toBeLessThan(0.025);
    expect(Math.abs(c.lower / 4000 - TWO_MOONS_WEIGHTS.lower)).toBeLessThan(0.025);
    expect(c.stranded).toBeLessThanOrEqual(4); // 0.1%: the cut-off is over 4 jitter stds
    // ... and the split agrees with the generator's own labels point by point (the moons never touch).
    const labelled = { upper: 0, lower: 0 };
    for (let i = 0; i < 4000; i++) labelled[MOONS[s.labels[i]]]++;
    expect(Math.abs(c.upper - labelled.upper)).toBeLessThanOrEqual(c.stranded);
    expect(Math.abs(labelled.upper / 4000 - TWO_MOONS_WEIGHTS.upper)).toBeLessThan(0.025);
  });

  it('points exactly on an arc count for that arc, endpoints and apex included', () => {
    const { upper: u, lower: l } = TWO_MOONS_ARCS;
    const onUpper = [u.centre[0] + u.radius, u.centre[1], u.centre[0], u.centre[1] + u.radius, u.centre[0] - u.radius, u.centre[1]];
    const onLower = [l.centre[0] + l.radius, l.centre[1], l.centre[0], l.centre[1] - l.radius, l.centre[0] - l.radius, l.centre[1]];
    expect(countMoons(new Float32Array(onUpper))).toEqual({ upper: 3, lower: 0, stranded: 0, total: 3 });
    expect(countMoons(new Float32Array(onLower))).toEqual({ upper: 0, lower: 3, stranded: 0, total: 3 });
    // In numbers: the upper moon's apex is (-0.7, 1.05), the lower moon's lowest point (0.7, -1.05).
    expect(countMoons(new Float32Array([-0.7, 1.05, 0.7, -1.05]))).toEqual({ upper: 1, lower: 1, stranded: 0, total: 2 });
  });

  it('points far from both arcs are stranded: the centre, the gap between the tips, far outside, non-finite', () => {
    // (0, 0) is 0.62 from both arcs; (0.7, -0.7) is 0.35 from both (the middle of the narrowest gap).
    const far = new Float32Array([0, 0, 0.7, -0.7, -2.5, 1.5, 3, 3, -3, -3, 0, 2.5, NaN, 0, Infinity, 1]);
    expect(countMoons(far)).toEqual({ upper: 0, lower: 0, stranded: 8, total: 8 });
    // Just inside and just outside the cut-off, straight above the upper apex.
    const apexY = TWO_MOONS_ARCS.upper.centre[1] + TWO_MOONS_ARCS.upper.radius;
    expect(countMoons(new Float32Array([-0.7, apexY + STRANDED_DISTANCE - 0.01])).upper).toBe(1);
    expect(countMoons(new Float32Array([-0.7, apexY + STRANDED_DISTANCE + 0.01])).stranded).toBe(1);
    expect(countMoons(new Float32Array([-0.7, apexY + 0.5]), 0.6).upper).toBe(1);
    expect(countMoons(new Float32Array(0))).toEqual({ upper: 0, lower: 0, stranded: 0, total: 0 });
  });

  it('rejects an odd-length input and a bad cut-off, naming them', () => {
    expect(() => countMoons(new Float32Array(5))).toThrow(/countMoons: points must be interleaved \(x, y\) pairs, got an odd length 5/);
    expect(() => countMoons(new Float32Array(4), -1)).toThrow(/strandedDistance/);
    expect(() => countMoons(new Float32Array(4), NaN)).toThrow(/strandedDistance/);
  });
});
