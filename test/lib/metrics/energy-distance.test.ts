import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { energyDistance } from '@/lib/metrics/energy-distance';

function gaussian(n: number, seed: number, shift = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 2 * n }, (_, i) => rng.normal() + (i % 2 === 0 ? shift : 0));
}

describe('energy distance', () => {
  it('matches a hand-computed value on four points', () => {
    // x = {(0,0), (1,0)}, y = {(0,1), (1,1)}: mean cross distance (2 + 2 sqrt 2) / 4, within-set 1 and 1.
    const x = new Float32Array([0, 0, 1, 0]);
    const y = new Float32Array([0, 1, 1, 1]);
    expect(energyDistance(x, y)).toBeCloseTo(Math.SQRT2 - 1, 6);
  });

  it('is about zero for two samples of one distribution and grows with a shift', () => {
    const same = energyDistance(gaussian(1000, 1), gaussian(1000, 2));
    const small = energyDistance(gaussian(1000, 1), gaussian(1000, 3, 0.5));
    const large = energyDistance(gaussian(1000, 1), gaussian(1000, 4, 2));
    // U-statistics make the same-distribution value unbiased (sampling noise ~ 1e-3 at n = 1000).
    expect(Math.abs(same)).toBeLessThan(0.01);
    expect(small).toBeGreaterThan(0.05);
    expect(large).toBeGreaterThan(small);
    expect(energyDistance(gaussian(300, 1), gaussian(300, 5, 1))).toBeCloseTo(energyDistance(gaussian(300, 5, 1), gaussian(300, 1)), 10);
  });

  it('rejects bad dims, lengths and non-finite points, naming them', () => {
    expect(() => energyDistance(new Float32Array(4), new Float32Array(4), 0)).toThrow(/dim must be/);
    expect(() => energyDistance(new Float32Array(3), new Float32Array(4))).toThrow(/x must hold/);
    expect(() => energyDistance(new Float32Array([0, 0, NaN, 1]), new Float32Array(4))).toThrow(/x\[2\] is not finite/);
  });
});
