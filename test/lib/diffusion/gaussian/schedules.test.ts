import { describe, expect, it } from 'vitest';
import { cosineSchedule, linearSchedule, makeSchedule, scheduleToFloat32 } from '@/lib/diffusion/gaussian/schedules';

// References are recomputed here in float64 by a different route: abar through a sum of log1p
// terms (not a running product), cosine abar straight from f(t)/f(0).
const T = 1000;
const CHECK_T = [1, 2, 10, 137, 250, 500, 750, 999, 1000];

function linearBetaRef(t: number): number {
  return 1e-4 + ((0.02 - 1e-4) * (t - 1)) / (T - 1);
}
function linearLogAbarRef(t: number): number {
  let s = 0;
  for (let k = 1; k <= t; k++) s += Math.log1p(-linearBetaRef(k));
  return s;
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('noise schedules', () => {
  it('linear schedule matches betas, abar, posterior variance and SNR recomputed from logs', () => {
    const s = linearSchedule(T);
    for (const t of CHECK_T) {
      const logAbar = linearLogAbarRef(t);
      const abar = Math.exp(logAbar);
      const abarPrev = Math.exp(linearLogAbarRef(t - 1));
      expect(rel(s.betas[t], linearBetaRef(t))).toBeLessThan(1e-12);
      expect(rel(s.alphaBars[t], abar)).toBeLessThan(1e-10);
      expect(rel(s.sqrtOneMinusAlphaBars[t], Math.sqrt(-Math.expm1(logAbar)))).toBeLessThan(1e-10);
      expect(rel(s.snr[t], abar / -Math.expm1(logAbar))).toBeLessThan(1e-9);
      const betatilde = (linearBetaRef(t) * (1 - abarPrev)) / -Math.expm1(logAbar);
      if (t === 1) expect(s.posteriorVariances[t]).toBe(0);
      else expect(rel(s.posteriorVariances[t], betatilde)).toBeLessThan(1e-9);
    }
  });

  it('linear schedule matches a few hand-computed values', () => {
    const s = linearSchedule(T);
    expect(s.alphaBars[1]).toBeCloseTo(0.9999, 15);
    expect(s.alphaBars[2]).toBeCloseTo(0.9999 * (1 - (1e-4 + 0.0199 / 999)), 15);
    expect(s.betas[1000]).toBeCloseTo(0.02, 15);
    // Known value of the DDPM schedule: abar_T is about 4.0e-5, so x_T is practically pure noise.
    expect(s.alphaBars[1000]).toBeGreaterThan(3.9e-5);
    expect(s.alphaBars[1000]).toBeLessThan(4.1e-5);
  });

  it('cosine schedule abar equals f(t)/f(0) wherever the beta clip does not bite, and the clip caps beta_T', () => {
    const s = cosineSchedule(T);
    const f = (t: number) => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of CHECK_T.filter((t) => t < T)) {
      expect(rel(s.alphaBars[t], f(t) / f(0))).toBeLessThan(1e-9);
      expect(rel(s.betas[t], 1 - f(t) / f(t - 1))).toBeLessThan(1e-9);
    }
    expect(s.betas[T]).toBe(0.999);
    expect(s.alphaBars[T]).toBeCloseTo(s.alphaBars[T - 1] * 0.001, 15);
  });

  it('index 0 is clean data and abar decreases strictly over t = 1..T', () => {
    for (const s of [linearSchedule(T), cosineSchedule(T), makeSchedule({ kind: 'cosine', T: 50 })]) {
      expect([s.betas[0], s.alphas[0], s.alphaBars[0], s.posteriorVariances[0]]).toEqual([0, 1, 1, 0]);
      expect(s.snr[0]).toBe(Infinity);
      expect(s.betas.length).toBe(s.T + 1);
      for (let t = 1; t <= s.T; t++) expect(s.alphaBars[t]).toBeLessThan(s.alphaBars[t - 1]);
    }
  });

  it('float32 copies keep the values', () => {
    const s = linearSchedule(T);
    const f = scheduleToFloat32(s);
    expect(f.alphaBars).toBeInstanceOf(Float32Array);
    expect(f.alphaBars[500]).toBeCloseTo(s.alphaBars[500], 6);
  });

  it('rejects a bad T or kind, naming the argument', () => {
    expect(() => linearSchedule(0)).toThrow(/T must be an integer/);
    expect(() => cosineSchedule(10, 0.008, 2)).toThrow(/maxBeta/);
    expect(() => makeSchedule({ kind: 'sigmoid' as 'linear' })).toThrow(/config.kind/);
  });
});
