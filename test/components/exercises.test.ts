import { describe, expect, it } from 'vitest';
import { runCell } from '@/lib/notebook/cell-scope';
import { runCases } from '@/lib/notebook/check';
import { EXERCISES, findExercise } from '@/components/notebook/exercises';

describe('exercises', () => {
  for (const exercise of Object.values(EXERCISES)) {
    it(`the solution of ${exercise.id} passes its own cases`, async () => {
      const scope: Record<string, unknown> = {};
      expect(await runCell(exercise.solution, scope, 'solution')).toEqual({ ok: true });
      const result = await runCases(scope[exercise.functionName] as (...a: unknown[]) => unknown, exercise.cases, exercise.compare);
      expect(result).toEqual({ passed: true, cases: exercise.cases.length });
    });
  }

  it('forward-passes fails on a solution that forgets to round up, naming the case', async () => {
    const exercise = findExercise('forward-passes')!;
    const scope: Record<string, unknown> = {};
    await runCell('function forwardPasses(n: number, k: number) { return n / k; }', scope, 'wrong');
    const result = await runCases(scope.forwardPasses as (...a: unknown[]) => unknown, exercise.cases);
    expect(result).toMatchObject({ passed: false, caseIndex: 2 });
    expect(findExercise('no-such-exercise')).toBeNull();
  });
});
