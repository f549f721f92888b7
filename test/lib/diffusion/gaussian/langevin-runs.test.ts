import { describe, expect, it } from 'vitest';
import { ANNEALED_LEVELS, langevinRunSetup } from '@/lib/diffusion/gaussian/langevin-runs';

describe('the Langevin runs of lesson 04', () => {
  it('sets up a plain run at one level and an annealed run down the ladder, 200 updates each', () => {
    const plain = langevinRunSetup({ kind: 'plain', t: 100 });
    expect(plain).toEqual({ levels: [100], stepsPerLevel: 200, label: 'Plain Langevin at t = 100 (200 steps)' });
    const annealed = langevinRunSetup({ kind: 'annealed' });
    expect(annealed).toEqual({ levels: [1000, 700, 500, 350, 250, 150, 90, 50, 20, 5], stepsPerLevel: 20, label: 'Annealed Langevin (10 levels × 20 steps)' });
    expect(annealed.levels.length * annealed.stepsPerLevel).toBe(plain.levels.length * plain.stepsPerLevel);
    // A copy: the page cannot change the shared ladder.
    annealed.levels[0] = 1;
    expect(ANNEALED_LEVELS[0]).toBe(1000);
  });

  it('gives the two kinds different labels at every level the page offers', () => {
    for (const t of [10, 50, 100, 200, 400, 700, 1000]) {
      expect(langevinRunSetup({ kind: 'plain', t }).label).not.toBe(langevinRunSetup({ kind: 'annealed' }).label);
      expect(langevinRunSetup({ kind: 'plain', t }).label).toMatch(/^Plain Langevin at t = \d+/);
    }
  });

  it('rejects a level outside the schedule, naming it', () => {
    expect(() => langevinRunSetup({ kind: 'plain', t: 0 })).toThrow('langevinRunSetup: t must be an integer in [1, 1000], got 0');
    expect(() => langevinRunSetup({ kind: 'plain', t: 2.5 })).toThrow(/got 2\.5/);
    expect(() => langevinRunSetup({ kind: 'other' } as never)).toThrow(/run.kind must be 'plain' or 'annealed', got other/);
  });
});
