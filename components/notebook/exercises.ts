/**
 * Exercises that lesson cells can be bound to (```ts run check=ID```). Each names the function the
 * reader must define and the cases it is checked against; the check runs in the cell worker on the
 * reader's own scope (see cell.worker.ts), so the reader's code never runs on the page.
 * Imported by the worker (cases) and by the page (title, hint, solution); keep it free of tfjs.
 */
import type { CheckCase, CompareOptions } from '@/lib/notebook/check';

export interface Exercise {
  id: string;
  /** Shown above the result, e.g. "Count the forward passes". */
  title: string;
  /** The function the reader's cell must define at its top level. */
  functionName: string;
  cases: ReadonlyArray<CheckCase<unknown[]>>;
  compare?: CompareOptions;
  /** One nudge, shown after a failure. */
  hint: string;
  /** Complete code that passes, revealed on request. */
  solution: string;
}

const exercises: Exercise[] = [
  {
    id: 'forward-passes',
    title: 'Count the forward passes',
    functionName: 'forwardPasses',
    cases: [
      { args: [64, 1], expected: 64, label: 'autoregressive: 64 tokens, 1 per pass' },
      { args: [64, 4], expected: 16, label: '64 tokens, 4 per step' },
      { args: [10, 3], expected: 4, label: '10 tokens, 3 per step (the last step is partial)' },
      { args: [1, 8], expected: 1, label: 'a single token, 8 per step' },
      { args: [0, 2], expected: 0, label: 'nothing to write' },
    ],
    hint: 'Each step decodes at most tokensPerStep tokens, and a partly filled last step still costs a whole pass: round up.',
    solution: 'function forwardPasses(length: number, tokensPerStep: number): number {\n  return Math.ceil(length / tokensPerStep);\n}\n',
  },
];

/** Exercises by id. */
export const EXERCISES: Readonly<Record<string, Exercise>> = Object.fromEntries(exercises.map((e) => [e.id, e]));

export function findExercise(id: string): Exercise | null {
  return Object.prototype.hasOwnProperty.call(EXERCISES, id) ? EXERCISES[id] : null;
}
