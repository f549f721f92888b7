import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { runCell } from '@/lib/notebook/cell-scope';
import { runCases, type CheckResult } from '@/lib/notebook/check';
import { CODE_EXERCISES } from '@/lib/exercises/code-exercises';
import { POST_TRAINING_EXERCISES } from '@/lib/exercises/post-training-exercises';
import { exerciseCases } from '@/lib/exercises/cases';
import { useNodeBackend } from '@/test/support/tf-node';

beforeAll(async () => { await useNodeBackend('wasm'); });

async function check(id: string, code: string): Promise<CheckResult> {
  const exercise = CODE_EXERCISES[id];
  const scope: Record<string, unknown> = { tf };
  const ran = await runCell(code, scope, 'exercise');
  if (!ran.ok) throw new Error(`${id}: the code did not run: ${ran.error.message}`);
  const { cases, compare } = (await exerciseCases(id))!;
  return runCases(scope[exercise.functionName] as (...a: unknown[]) => unknown, cases, compare);
}

const WRONG: Record<string, Array<{ why: string; code: string; failsOn: string }>> = {
  'group-advantages': [
    { why: 'one mean over the whole batch, no std (the lesson\'s starting cell)', code: 'function groupAdvantages(r: number[], g: number) { const m = r.reduce((a, b) => a + b, 0) / r.length; return r.map((x) => x - m); }', failsOn: 'two right, two wrong' },
    { why: 'sample std (divides by G - 1)', code: 'function groupAdvantages(r: number[], g: number) { const out: number[] = []; for (let i = 0; i < r.length; i += g) { const s = r.slice(i, i + g); const m = s.reduce((a, b) => a + b, 0) / g; const sd = Math.sqrt(s.reduce((a, x) => a + (x - m) ** 2, 0) / (g - 1)); for (const x of s) out.push((x - m) / (sd + 1e-4)); } return out; }', failsOn: 'two right, two wrong' },
    { why: 'per-group centring but no division by the std', code: 'function groupAdvantages(r: number[], g: number) { const out: number[] = []; for (let i = 0; i < r.length; i += g) { const s = r.slice(i, i + g); const m = s.reduce((a, b) => a + b, 0) / g; for (const x of s) out.push(x - m); } return out; }', failsOn: 'two right, two wrong' },
  ],
};

describe('the code exercises of lessons 13-14', () => {
  it('each solution passes its own cases', async () => {
    for (const exercise of POST_TRAINING_EXERCISES) {
      const result = await check(exercise.id, exercise.solution);
      expect(result.passed, `${exercise.id}: ${result.passed ? '' : result.message}`).toBe(true);
    }
  });

  it('typical wrong answers fail, on the case that shows the mistake', async () => {
    for (const [id, wrongs] of Object.entries(WRONG)) {
      for (const wrong of wrongs) {
        const result = await check(id, wrong.code);
        expect(result.passed, `${id} (${wrong.why}) should fail`).toBe(false);
        if (!result.passed) expect(result.label, `${id} (${wrong.why})`).toContain(wrong.failsOn);
      }
    }
  });
});
