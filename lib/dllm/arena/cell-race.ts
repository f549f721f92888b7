/**
 * The arena as a notebook cell calls it: `await marble.arena.race(myRule, { tasks, report })`.
 * Loads the shipped block diffusion model, races the built-in rules and the reader's on the same
 * held-out tasks, and hands each point to `report` as it lands (the arena figure draws them).
 */
import type { SequenceModel } from '@/lib/models/transformer/types';
import { builtinArenaRules, type NamedRule } from './builtin-rules';
import { raceArenaRules, type ArenaPoint } from './race';
import type { ArenaRule } from './rule';

export const READER_RULE_NAME = 'your rule';

export interface CellRaceOptions {
  tasks?: number;
  /** Skip the built-in rules (their points are already on the figure). */
  builtins?: boolean;
  report?: (point: ArenaPoint) => unknown;
}

export async function raceInCell(rule: ArenaRule, options: CellRaceOptions, loadBd3: () => Promise<SequenceModel>): Promise<ArenaPoint[]> {
  if (typeof rule !== 'function') throw new Error('marble.arena.race: pass your rule, a function (pass) => positions, e.g. race(chooseCommits)');
  const model = await loadBd3();
  const rules: NamedRule[] = [{ name: READER_RULE_NAME, rule }, ...(options?.builtins === false ? [] : builtinArenaRules())];
  return raceArenaRules(model, rules, { tasks: options?.tasks ?? 12, onPoint: (p) => { void options?.report?.(p); } });
}
