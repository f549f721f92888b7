import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { sampleToy2d } from '@/lib/data/toy-2d';
import { cosineSchedule, linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { forwardRouteClouds, moments2d, noiseClosedForm } from '@/lib/diffusion/gaussian/figures/forward-demo';
import { energyDistance } from '@/lib/metrics/energy-distance';
import { scheduleCurves } from '@/lib/diffusion/gaussian/figures/schedule-curves';

describe('forward demo', () => {
  it('closed-form jump and step-by-step noising give the same distribution', () => {
    const s = linearSchedule();
    const x0 = sampleToy2d('two-moons', 1000, createRng(1)).points;
    const r = forwardRouteClouds(s, x0, 300, 5);
    for (const m of [r.closedMoments, r.stepwiseMoments]) {
      for (let d = 0; d < 2; d++) {
        expect(m.mean[d]).toBeCloseTo(r.predicted.mean[d], 1);
        expect(m.variance[d] / r.predicted.variance[d]).toBeGreaterThan(0.9);
        expect(m.variance[d] / r.predicted.variance[d]).toBeLessThan(1.1);
      }
    }
    // The two routes differ no more than two independent closed-form draws do (within a small margin).
    const routes = energyDistance(r.closed, r.stepwise);
    const samplingFloor = energyDistance(r.closed, r.closedAgain);
    expect(routes).toBeLessThan(0.01);
    expect(Math.abs(routes - samplingFloor)).toBeLessThan(0.01);
  });

  it('at t = T the closed form is practically pure noise', () => {
    const s = linearSchedule();
    const x0 = new Float32Array(4000).fill(2);
    const eps = new Float32Array(4000).fill(0);
    const x = noiseClosedForm(s, x0, 1000, eps);
    expect(x[0]).toBeCloseTo(2 * Math.sqrt(s.alphaBars[1000]), 6);
    expect(x[0]).toBeLessThan(0.02);
    expect(moments2d(new Float32Array([1, 2, 3, 4])).mean).toEqual([2, 3]);
  });

  it('schedule curves: the cosine schedule keeps half its signal for longer', () => {
    const [lin, cos] = scheduleCurves(1000, 10);
    expect(lin.kind).toBe('linear');
    expect(lin.alphaBar[0]).toEqual([1, linearSchedule().alphaBars[1]]);
    expect(lin.alphaBar[lin.alphaBar.length - 1][0]).toBe(1000);
    expect(cos.halfway).toBeGreaterThan(lin.halfway);
    expect(cos.logSnr[10][1]).toBeCloseTo(Math.log(cosineSchedule().snr[cos.logSnr[10][0]]), 10);
    // Linear: abar first drops below 1/2 near t = 0.26 T (a number worth knowing).
    expect(lin.halfway).toBeGreaterThan(250);
    expect(lin.halfway).toBeLessThan(300);
  });
});
