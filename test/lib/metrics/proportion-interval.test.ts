import { describe, expect, it } from 'vitest';
import { proportion } from '@/lib/metrics/proportion-interval';

describe('proportion (Wilson 95% interval)', () => {
  it('matches hand-computed Wilson bounds', () => {
    // 8 of 10: centre (0.8 + 1.9208/10) / 1.38415 = 0.71673, half 0.20957 (by hand from the formula)
    const r = proportion(8, 10);
    expect(r.rate).toBe(0.8);
    expect(r.ci95[0]).toBeCloseTo(0.4902, 3);
    expect(r.ci95[1]).toBeCloseTo(0.9433, 3);
  });
  it('stays inside [0, 1] and has width at 0 and n successes', () => {
    const none = proportion(0, 50);
    expect(none.ci95[0]).toBe(0);
    expect(none.ci95[1]).toBeCloseTo(0.0714, 3);
    const all = proportion(200, 200);
    expect(all.ci95[1]).toBe(1);
    expect(all.ci95[0]).toBeCloseTo(0.9812, 3);
  });
  it('names bad input', () => {
    expect(() => proportion(3, 0)).toThrow(/n must be a positive integer/);
    expect(() => proportion(5, 4)).toThrow(/successes must be an integer in \[0, 4\]/);
  });
});
