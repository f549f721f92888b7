import { describe, expect, it } from 'vitest';
import { NUMBER_QUESTIONS } from '@/components/widgets/gaussian/number-exercise';

/** Every decimal number written in a text (0.0001, 1e-4 style excluded: the hints use plain decimals). */
const numbersIn = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);

describe('number exercise hints', () => {
  it("lesson 03's σ_500 hint leads step by step without giving the answer (or β̃_500) away", () => {
    const q = NUMBER_QUESTIONS['sigma-posterior-500'];
    const answer = q.answer();
    expect(answer).toBeGreaterThan(0.05);
    expect(answer).toBeLessThan(0.2);
    for (const target of [answer, answer * answer]) {
      for (const n of numbersIn(q.hint)) expect(Math.abs(n - target) / target, `hint writes ${n}`).toBeGreaterThan(0.1);
    }
    // The steps it points to: β_t from the linear schedule, ᾱ one step apart, then the posterior variance.
    expect(q.hint).toMatch(/β_500/);
    expect(q.hint).toMatch(/ᾱ_499 and ᾱ_500/);
    expect(q.hint).toMatch(/β̃_t = β_t \(1 − ᾱ_\(t−1\)\) \/ \(1 − ᾱ_t\)/);
    expect(q.hint).not.toMatch(/close to β_t/); // the old shortcut that handed over the answer
  });
});
