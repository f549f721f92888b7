/**
 * The RL task of lesson 13, on lesson 08-09's known language (lib/data/known-language.ts):
 * "complete the mirror". The prompt is a sequence of the language with only a few letters revealed
 * (plus the separator and the end); the completion fills every other position. A completion is
 * CORRECT when the whole sequence belongs to the language (second half = first half reversed), which
 * a verifier checks exactly: the reward is 1 or 0.
 *
 * Why the shipped known-language MDLM is imperfect here: it decodes FAST, several tokens per
 * forward pass (tokensPerStep), sampling at temperature 1. Two mirror positions committed in the
 * same pass are drawn independently from their marginals and disagree whenever the marginal is
 * uncertain (lesson 09's product-of-marginals failure). The model can learn to avoid that, which is
 * what RL on this reward teaches it.
 *
 * Held-out prompts come from the held-out split of the language (prompts no training batch saw).
 */
import type { Rng } from '@/lib/math/rng';
import { isValidSequence, KNOWN_LANGUAGE, knownLanguageVocab, sampleSequences } from '@/lib/data/known-language';

const VOCAB = knownLanguageVocab(KNOWN_LANGUAGE);

export interface MirrorTaskConfig {
  /** Letters revealed in the prompt (of the 14 letter positions). */
  reveal: number;
  /** Positions committed per forward pass while decoding (LLaDA low-confidence order). */
  tokensPerStep: number;
}

/** The lesson's task: 3 letters revealed, 4 tokens per pass (11 masked positions: 3 passes). */
export const MIRROR_TASK: MirrorTaskConfig = { reveal: 3, tokensPerStep: 4 };

export function checkMirrorTask(task: MirrorTaskConfig): MirrorTaskConfig {
  const letters = 2 * KNOWN_LANGUAGE.promptLength;
  if (!task || !Number.isInteger(task.reveal) || task.reveal < 0 || task.reveal >= letters) throw new Error(`task.reveal must be an integer in [0, ${letters - 1}], got ${task?.reveal}`);
  if (!Number.isInteger(task.tokensPerStep) || task.tokensPerStep < 1 || task.tokensPerStep > VOCAB.length) throw new Error(`task.tokensPerStep must be an integer in [1, ${VOCAB.length}], got ${task.tokensPerStep}`);
  return task;
}

export interface MirrorPrompts {
  /** The prompts as the decoder starts them: revealed tokens, [MASK] elsewhere. [count * len]. */
  tokens: Int32Array;
  /** 1 where the position is part of the prompt (revealed letter, separator, end). [count * len]. */
  given: Uint8Array;
  /** The sequences the prompts were cut from (one correct completion each). */
  source: Int32Array;
  count: number;
}

/** Letter positions of a sequence: 0..P-1 and P+1..2P. */
function letterPositions(): number[] {
  const p = KNOWN_LANGUAGE.promptLength;
  return [...Array.from({ length: p }, (_, i) => i), ...Array.from({ length: p }, (_, i) => p + 1 + i)];
}

/** `count` prompts from one split, seeded: each reveals `reveal` letter positions chosen uniformly. */
export function mirrorPrompts(count: number, split: 'train' | 'heldout', task: MirrorTaskConfig, rng: Rng): MirrorPrompts {
  checkMirrorTask(task);
  const source = sampleSequences(count, split, rng);
  const len = VOCAB.length;
  const tokens = new Int32Array(count * len).fill(VOCAB.mask);
  const given = new Uint8Array(count * len);
  const letters = letterPositions();
  for (let r = 0; r < count; r++) {
    const order = letters.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const shown = [...order.slice(0, task.reveal), KNOWN_LANGUAGE.promptLength, len - 1];
    for (const l of shown) {
      tokens[r * len + l] = source[r * len + l];
      given[r * len + l] = 1;
    }
  }
  return { tokens, given, source, count };
}

/** Reward of each completed row: 1 if the sequence is in the language (it keeps the prompt's letters), else 0. */
export function mirrorRewards(completed: Int32Array, prompts: Pick<MirrorPrompts, 'tokens'>): Float64Array {
  const len = VOCAB.length;
  if (completed.length !== prompts.tokens.length) throw new Error(`completed must have ${prompts.tokens.length} tokens, got ${completed.length}`);
  const rows = completed.length / len;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = completed.subarray(r * len, (r + 1) * len);
    let keepsPrompt = true;
    for (let l = 0; l < len; l++) if (prompts.tokens[r * len + l] !== VOCAB.mask && row[l] !== prompts.tokens[r * len + l]) keepsPrompt = false;
    out[r] = keepsPrompt && isValidSequence(row) ? 1 : 0;
  }
  return out;
}

/** Repeats every row of a prompt set `times` times in place (the G rollouts of one group sit together). */
export function repeatPrompts(prompts: MirrorPrompts, times: number): MirrorPrompts {
  if (!Number.isInteger(times) || times < 1) throw new Error(`times must be a positive integer, got ${times}`);
  const len = VOCAB.length;
  const rep = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const out = make(a.length * times);
    for (let r = 0; r < prompts.count; r++) for (let k = 0; k < times; k++) out.set(a.subarray(r * len, (r + 1) * len), (r * times + k) * len);
    return out;
  };
  return {
    tokens: rep(prompts.tokens, (n) => new Int32Array(n)),
    given: rep(prompts.given, (n) => new Uint8Array(n)),
    source: rep(prompts.source, (n) => new Int32Array(n)),
    count: prompts.count * times,
  };
}
