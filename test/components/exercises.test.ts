import { describe, expect, it } from 'vitest';
import { EXERCISES, findExercise } from '@/components/notebook/exercises';
import { EXERCISES_WITH_CASES } from '@/lib/exercises/cases';

describe('exercises', () => {
  it('the page catalog and the worker cases name the same exercises', () => {
    expect(Object.keys(EXERCISES).sort()).toEqual([...EXERCISES_WITH_CASES].sort());
  });

  it('finds an exercise by id and refuses unknown ids (also inherited names)', () => {
    expect(findExercise('forward-passes')?.functionName).toBe('forwardPasses');
    expect(findExercise('no-such-exercise')).toBeNull();
    expect(findExercise('toString')).toBeNull();
  });
});
