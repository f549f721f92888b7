import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { runCell } from '@/lib/notebook/cell-scope';
import { runCases, type CheckResult } from '@/lib/notebook/check';
import { CODE_EXERCISES } from '@/lib/exercises/code-exercises';
import { FAST_EXERCISES } from '@/lib/exercises/fast-exercises';
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
  'block-causal-mask': [
    { why: 'the causal mask (ignores blocks)', code: 'function blockCausalMask(n: number, b: number) { return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? 1 : 0))); }', failsOn: 'one block covering everything' },
    { why: 'strictly earlier blocks only (forgets its own block)', code: 'function blockCausalMask(n: number, b: number) { return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (Math.floor(j / b) < Math.floor(i / b) ? 1 : 0))); }', failsOn: 'block size 1' },
    { why: 'transposed (keys see queries)', code: 'function blockCausalMask(n: number, b: number) { return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (Math.floor(i / b) <= Math.floor(j / b) ? 1 : 0))); }', failsOn: 'block size 1' },
  ],
  'pass-cost': [
    { why: 'a cache makes every pass cost the block only', code: 'function passCost(s: string, p: number, g: number, b: number) { return s === "none" ? p + g : b; }', failsOn: 'cache' },
  ],
  'factor-count': [
    { why: '<= instead of <', code: 'function factorCount(c: number[], f: number) { const s = [...c].sort((a, b) => b - a); let best = 1; for (let n = 1; n <= s.length; n++) if ((n + 1) * (1 - s[n - 1]) <= f) best = n; return best; }', failsOn: 'boundary' },
    { why: 'forgets to sort', code: 'function factorCount(c: number[], f: number) { let best = 1; for (let n = 1; n <= c.length; n++) if ((n + 1) * (1 - c[n - 1]) < f) best = n; return best; }', failsOn: 'random case' },
    { why: 'may return 0', code: 'function factorCount(c: number[], f: number) { const s = [...c].sort((a, b) => b - a); let best = 0; for (let n = 1; n <= s.length; n++) if ((n + 1) * (1 - s[n - 1]) < f) best = n; return best; }', failsOn: 'nothing qualifies' },
  ],
};

describe('the code exercises of lessons 10-12', () => {
  it('each solution passes its own cases', async () => {
    for (const exercise of FAST_EXERCISES) {
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
