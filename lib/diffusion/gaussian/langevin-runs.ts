/**
 * The two Langevin runs of lesson 04, as the page offers them: plain Langevin at one noise level, or
 * annealed Langevin down a ladder of levels. Kept apart from the job (no tfjs) so the page can name
 * and set up a run without loading the job's code.
 */

/** The annealed ladder the lesson uses: ten levels from pure noise down to almost clean. */
export const ANNEALED_LEVELS: readonly number[] = [1000, 700, 500, 350, 250, 150, 90, 50, 20, 5];

/** Updates of a plain run (all at one level) and per level of an annealed run: 200 either way. */
export const PLAIN_STEPS = 200;
export const STEPS_PER_LEVEL = 20;

export type LangevinRun = { kind: 'plain'; t: number } | { kind: 'annealed' };

export interface LangevinRunSetup {
  levels: number[];
  stepsPerLevel: number;
  /** What the page calls the run, on its button and next to its result. */
  label: string;
}

export function langevinRunSetup(run: LangevinRun): LangevinRunSetup {
  if (run.kind === 'annealed') {
    return { levels: [...ANNEALED_LEVELS], stepsPerLevel: STEPS_PER_LEVEL, label: `Annealed Langevin (${ANNEALED_LEVELS.length} levels × ${STEPS_PER_LEVEL} steps)` };
  }
  if (run.kind !== 'plain') throw new Error(`langevinRunSetup: run.kind must be 'plain' or 'annealed', got ${String((run as { kind: unknown }).kind)}`);
  if (!Number.isInteger(run.t) || run.t < 1 || run.t > 1000) throw new Error(`langevinRunSetup: t must be an integer in [1, 1000], got ${run.t}`);
  return { levels: [run.t], stepsPerLevel: PLAIN_STEPS, label: `Plain Langevin at t = ${run.t} (${PLAIN_STEPS} steps)` };
}
