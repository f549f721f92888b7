/**
 * Exercises that lesson cells can be bound to (```ts run check=ID```): the catalog lives in
 * lib/exercises/code-exercises.ts (title, task, hints, solution) and the cases in lib/exercises/cases
 * (built in the cell worker only, from the library). The check runs in the cell worker on the
 * reader's own scope (see cell.worker.ts), so the reader's code never runs on the page.
 * Imported by the page: keep it free of tfjs.
 */
import { CODE_EXERCISES, findCodeExercise } from '@/lib/exercises/code-exercises';
import type { CodeExercise } from '@/lib/exercises/types';

export type Exercise = CodeExercise;

/** Exercises by id. */
export const EXERCISES = CODE_EXERCISES;

export function findExercise(id: string): Exercise | null {
  return findCodeExercise(id);
}
