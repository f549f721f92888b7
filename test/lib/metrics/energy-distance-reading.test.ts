import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { energyDistance } from '@/lib/metrics/energy-distance';
import { BELOW_ZERO_NOTE, needsBelowZeroNote, readEnergyDistance } from '@/lib/metrics/energy-distance-reading';

function gaussian(n: number, rng: ReturnType<typeof createRng>): Float32Array {
  return Float32Array.from({ length: 2 * n }, () => rng.normal());
}

describe('reading an energy distance', () => {
  it('the unbiased estimate does dip below zero for two samples of one distribution', () => {
    // Two copies of the points (0,0) and (1,0): cross mean 1/2, within-set means 1 and 1, so 2·½ − 1 − 1 = −1.
    const two = new Float32Array([0, 0, 1, 0]);
    expect(energyDistance(two, two)).toBeCloseTo(-1, 10);
    // 40 seeded pairs of 100-point N(0, I) samples: the estimates straddle 0.
    const rng = createRng(12);
    const estimates = Array.from({ length: 40 }, () => energyDistance(gaussian(100, rng), gaussian(100, rng)));
    const below = estimates.filter((d) => d < 0).length;
    expect(below).toBeGreaterThan(5);
    expect(below).toBeLessThan(35);
    expect(Math.abs(estimates.reduce((s, d) => s + d, 0) / estimates.length)).toBeLessThan(0.01);
  });

  it('shows a negative estimate as measured, with its clipped value', () => {
    expect(readEnergyDistance(-0.00042)).toEqual({ estimate: -0.00042, clipped: 0, belowZero: true, text: '−0.0004 (clipped: 0)' });
    expect(readEnergyDistance(0.01234)).toEqual({ estimate: 0.01234, clipped: 0.01234, belowZero: false, text: '0.0123' });
    expect(readEnergyDistance(0)).toEqual({ estimate: 0, clipped: 0, belowZero: false, text: '0.0000' });
    expect(readEnergyDistance(-1, 2).text).toBe('−1.00 (clipped: 0)');
  });

  it('asks for the note only when a value is below zero', () => {
    expect(needsBelowZeroNote([0.2, 0.0001])).toBe(false);
    expect(needsBelowZeroNote([0.2, -0.0001])).toBe(true);
    expect(needsBelowZeroNote([])).toBe(false);
    expect(BELOW_ZERO_NOTE).toMatch(/unbiased/);
  });

  it('rejects non-finite estimates and bad digit counts, naming them', () => {
    expect(() => readEnergyDistance(Number.NaN)).toThrow('readEnergyDistance: estimate must be a finite number, got NaN');
    expect(() => readEnergyDistance(0.1, 11)).toThrow('readEnergyDistance: digits must be an integer in [0, 10], got 11');
  });
});
