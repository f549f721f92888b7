/**
 * Shared by the lesson 07 widgets: the corpus's characters as the states of a discrete process.
 * State i is ALPHABET[i] (47 states); the absorbing process adds [MASK] as state 47.
 */
import { ALPHABET } from '@/lib/data/text/tokenizer';
import { exampleStream } from '@/lib/data/text/corpus';

export const CHAR_STATES = ALPHABET.length;
export const MASK_STATE = CHAR_STATES;
export const MASK_GLYPH = '▒';

export function toStates(text: string): number[] {
  return Array.from(text, (ch) => {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`character ${JSON.stringify(ch)} is not in the corpus alphabet`);
    return i;
  });
}

/** How a state is shown: its character, '␣' for space, the mask glyph for [MASK]. */
export function stateGlyph(state: number): string {
  if (state === MASK_STATE) return MASK_GLYPH;
  const ch = ALPHABET[state];
  return ch === ' ' ? '␣' : ch;
}

/** The first held-out story of a seeded stream: a sentence the models never trained on. */
export function heldOutSentence(seed: number): string {
  const next = exampleStream(seed, 'heldout');
  for (;;) {
    const ex = next();
    if (ex.kind === 'story') return ex.answer;
  }
}
