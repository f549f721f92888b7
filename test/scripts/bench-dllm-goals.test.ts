import { describe, expect, it } from 'vitest';
import { checkGoals } from '@/scripts/bench-dllm-goals';
import type { BenchRow } from '@/scripts/bench-dllm-run';

const row = (method: string, rate: number, tokensPerSecond: number, tokensPerForward = 1): BenchRow => ({
  method, set: 'copy', answers: 'long', genLength: 64, blockSize: null, instances: 100,
  accuracy: { successes: Math.round(rate * 100), n: 100, rate, ci95: [0, 1] }, byTask: null, storyValidity: null,
  nfe: 10, tokensPerForward, tokensPerSecond, tokensPerSecondRepeats: [tokensPerSecond], timedInstances: 24, agreeWithUncached: null, msPerForward: 1,
} as unknown as BenchRow);

describe('bench goals', () => {
  it('judges the fastest cached + parallel method within 2 points of the AR twin, and says by how much a goal is missed', () => {
    const report = checkGoals([row('ar-kv', 0.98, 640), row('mdlm-dual-cache-threshold', 0.83, 745, 8.8), row('bd3-prefix-cache-threshold', 0.97, 1300, 4.3)]);
    const parity = report.checks.find((c) => c.goal.startsWith('long copy @64: within 2 points'))!;
    expect(parity.method).toBe('bd3-prefix-cache-threshold');
    expect(parity.value).toBeCloseTo(-1, 9);
    expect(parity.met).toBe(true);
    const speed = report.checks.find((c) => c.goal.startsWith('long copy @64: tok/s vs ar-kv'))!;
    expect(speed.value).toBeCloseTo(1300 / 640, 9);
    expect(speed.met).toBe(true);
  });

  it('does not count parity at zero: when the AR twin gets nothing right the goal is not met and says why', () => {
    const report = checkGoals([row('ar-kv', 0, 640), row('bd3-prefix-cache-factor', 0, 900, 2.9)]);
    const parity = report.checks.find((c) => c.goal.startsWith('long copy @64: within 2 points'))!;
    expect(parity.met).toBe(false);
    expect(parity.goal).toMatch(/the AR twin scores 0 here/);
  });

  it('does not count speed goals met by a method whose answers are all wrong', () => {
    const report = checkGoals([row('ar-kv', 0.5, 640), row('bd3-prefix-cache-factor', 0, 2000, 4)]);
    const perPass = report.checks.find((c) => c.goal.startsWith('long copy @64: answer tokens per pass'))!;
    const speed = report.checks.find((c) => c.goal.startsWith('long copy @64: tok/s vs ar-kv'))!;
    expect(perPass.value).toBe(4);
    expect(speed.value).toBeCloseTo(2000 / 640, 9);
    expect([perPass.met, speed.met]).toEqual([false, false]);
    expect(speed.goal).toMatch(/its answers are all wrong/);
  });
});
