/**
 * The arena's race (lesson 12): every rule decodes the same held-out task prompts with the shipped
 * block diffusion model, and each lands as one point: exact-match accuracy against tokens per pass
 * and tokens per second. Progress is reported when a rule starts and after every task, so a figure
 * can draw a point as soon as the first answer is in. A rule that breaks stops its own race with the reason; the
 * other rules' points stand.
 */
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { scoreTaskAnswer } from '@/lib/data/text/validator';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { heldOutTaskPrompts } from '../lab/heldout-tasks';
import { answerTokens } from '../methods';
import type { SpecialIds } from '../types';
import { decodeWithArenaRule, type ArenaDecodeResult } from './decode';
import { ArenaRuleError } from './rule';
import type { NamedRule } from './builtin-rules';
import { nextMacrotask } from '@/lib/runtime/next-macrotask';

export const ARENA_IDS: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
/** The task set's answer canvas (the bench's genLength for tasks). */
export const ARENA_GEN_LENGTH = 64;

export interface ArenaPoint {
  name: string;
  /** Task prompts decoded so far. */
  tasks: number;
  correct: number;
  accuracy: number;
  /** Answer tokens (with [EOS]) per forward pass. */
  tokensPerPass: number;
  tokensPerSecond: number;
  passes: number;
  /** Milliseconds spent inside the rule itself. */
  ruleMs: number;
  /** True once every task is decoded (or the rule failed). */
  done: boolean;
  /** Why this rule's race stopped early, for the reader. */
  error?: string;
}

export function tokenText(id: number): string {
  if (id === EOS_ID) return '⏎';
  if (id === PAD_ID) return '·';
  if (id === MASK_ID) return '_';
  if (id === BOS_ID) return '^';
  return VOCAB.decode([id]);
}

export interface RaceOptions {
  /** Held-out task prompts per rule (default 12). */
  tasks?: number;
  /** Called after every task of every rule (and once more when a rule finishes). */
  onPoint?: (point: ArenaPoint) => void;
  /** Lets a caller stop between tasks (a cancelled job). */
  shouldStop?: () => boolean;
}

export async function raceArenaRules(model: SequenceModel, rules: readonly NamedRule[], options: RaceOptions = {}): Promise<ArenaPoint[]> {
  const count = options.tasks ?? 12;
  if (!Number.isInteger(count) || count < 1 || count > 200) throw new Error(`raceArenaRules: tasks must be an integer in [1, 200], got ${count}`);
  if (!Array.isArray(rules) || rules.length === 0) throw new Error('raceArenaRules: rules must be a non-empty array of { name, rule }');
  const prompts = heldOutTaskPrompts(count);
  const points: ArenaPoint[] = [];
  // Reports, then a macrotask turn: a cell's output goes out through promise callbacks, and the
  // decoding that follows is synchronous, so without the turn a rule that never returns would hold
  // back the report that tells the page its race started (and the page could not say it is stuck).
  const report = async (point: ArenaPoint) => {
    options.onPoint?.({ ...point });
    await nextMacrotask();
  };
  for (const { name, rule } of rules) {
    const point: ArenaPoint = { name, tasks: 0, correct: 0, accuracy: 0, tokensPerPass: 0, tokensPerSecond: 0, passes: 0, ruleMs: 0, done: false };
    let tokens = 0;
    let ms = 0;
    // A first report before any task: the page knows the rule's race has started (its watchdog starts now).
    await report(point);
    for (const { prompt } of prompts) {
      if (options.shouldStop?.()) break;
      const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
      const genLength = Math.min(ARENA_GEN_LENGTH, model.config.maxLen - ids.length);
      let result: ArenaDecodeResult;
      try {
        const decoder = decodeWithArenaRule(model, ids, { ids: ARENA_IDS, maxNewTokens: genLength, rule, tokenText });
        for (;;) {
          const next = await decoder.next();
          if (next.done) {
            result = next.value;
            break;
          }
        }
      } catch (err) {
        if (!(err instanceof ArenaRuleError)) throw err;
        point.error = `task ${point.tasks + 1} ("${prompt}"), ${err.message}`;
        break;
      }
      const answer = VOCAB.decode(Array.from(result.generated));
      point.tasks++;
      point.correct += scoreTaskAnswer(prompt, answer);
      point.passes += result.nfe;
      point.ruleMs += result.ruleMs;
      tokens += answerTokens(result);
      ms += result.elapsedMs;
      point.accuracy = point.correct / point.tasks;
      point.tokensPerPass = tokens / point.passes;
      point.tokensPerSecond = ms > 0 ? (tokens * 1000) / ms : 0;
      await report(point);
    }
    point.done = true;
    await report(point);
    points.push(point);
  }
  return points;
}
