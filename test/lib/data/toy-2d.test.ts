import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { GAUSSIAN_MIXTURE_2D, TOY_2D_NAMES, sampleToy2d, toy2dClasses } from '@/lib/data/toy-2d';

describe('toy 2D data sets', () => {
  it('every set gives n finite points of order-1 scale near the origin, with labels in range', () => {
    for (const name of TOY_2D_NAMES) {
      const s = sampleToy2d(name, 2000, createRng(1));
      expect(s.points.length).toBe(4000);
      expect(s.labels.length).toBe(2000);
      expect(s.classNames.length).toBe(s.numClasses);
      let mx = 0, my = 0, maxAbs = 0;
      for (let i = 0; i < 2000; i++) {
        const [x, y] = [s.points[2 * i], s.points[2 * i + 1]];
        expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
        mx += x / 2000; my += y / 2000;
        maxAbs = Math.max(maxAbs, Math.abs(x), Math.abs(y));
        expect(s.labels[i] >= 0 && s.labels[i] < s.numClasses).toBe(true);
      }
      expect(maxAbs, name).toBeLessThan(3);
      expect(maxAbs, name).toBeGreaterThan(0.8);
      expect(Math.hypot(mx, my), name).toBeLessThan(0.6);
      // every class is present
      expect(new Set(s.labels).size, name).toBe(s.numClasses);
    }
  });

  it('the same seed gives the same points and another seed different ones', () => {
    const a = sampleToy2d('swiss-roll', 100, createRng(7));
    const b = sampleToy2d('swiss-roll', 100, createRng(7));
    const c = sampleToy2d('swiss-roll', 100, createRng(8));
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(Array.from(a.points)).not.toEqual(Array.from(c.points));
  });

  it('shape facts hold: moons have two classes, rings sit on their radii, mixture points near their means', () => {
    expect(toy2dClasses('two-moons').numClasses).toBe(2);
    const rings = sampleToy2d('rings', 500, createRng(2), { noise: 0 });
    for (let i = 0; i < 500; i++) {
      const r = Math.hypot(rings.points[2 * i], rings.points[2 * i + 1]);
      expect(r).toBeCloseTo([0.6, 1.3, 2.0][rings.labels[i]], 5);
    }
    const mix = sampleToy2d('gaussian-mixture', 500, createRng(3));
    for (let i = 0; i < 500; i++) {
      const [mx, my] = GAUSSIAN_MIXTURE_2D.means[mix.labels[i]];
      expect(Math.hypot(mix.points[2 * i] - mx, mix.points[2 * i + 1] - my)).toBeLessThan(1.2); // 6 std
    }
    const board = sampleToy2d('checkerboard', 500, createRng(4));
    for (let i = 0; i < 500; i++) {
      const cx = Math.floor(board.points[2 * i] + 2);
      const cy = Math.floor(board.points[2 * i + 1] + 2);
      expect((cx + cy) % 2).toBe(0);
    }
  });

  it('rejects an unknown name, a bad n or a negative noise, naming them', () => {
    expect(() => sampleToy2d('spiral' as 'rings', 10, createRng(1))).toThrow(/name must be one of/);
    expect(() => sampleToy2d('rings', 0, createRng(1))).toThrow(/n must be a positive integer/);
    expect(() => sampleToy2d('rings', 10, createRng(1), { noise: -1 })).toThrow(/options.noise/);
  });
});
