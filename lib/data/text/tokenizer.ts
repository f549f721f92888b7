/**
 * Character-level tokenizer over a fixed alphabet. Tiny vocabulary keeps the models tiny, and
 * every id is visible in a lesson as one character.
 */

/** Padding after [EOS]; id 0 so zero-filled buffers are valid padding. */
export const PAD_ID = 0;
/** The absorbing state of masked diffusion. */
export const MASK_ID = 1;
/** End of an example: decoders stop here. */
export const EOS_ID = 2;
/** Start of every sequence, so position 0 always holds a known token. */
export const BOS_ID = 3;

const SPECIAL_NAMES = ['[PAD]', '[MASK]', '[EOS]', '[BOS]'] as const;

/** Every character the corpus uses, in id order after the special tokens. */
export const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 .,:;+=>|?-';

export const VOCAB_SIZE = SPECIAL_NAMES.length + ALPHABET.length;

const CHAR_TO_ID = new Map<string, number>(
  Array.from(ALPHABET, (ch, i) => [ch, SPECIAL_NAMES.length + i] as const),
);

export interface DecodeOptions {
  /** Stop at the first [EOS] (default true). */
  stopAtEos?: boolean;
  /** Show special tokens by name instead of dropping them (default false; [MASK] shows as '_' when false). */
  showSpecial?: boolean;
}

export interface Tokenizer {
  readonly size: number;
  readonly alphabet: string;
  readonly pad: number;
  readonly mask: number;
  readonly eos: number;
  readonly bos: number;
  /** Text to ids; throws naming the first character outside the alphabet. */
  encode(text: string): number[];
  /** Ids to text. */
  decode(ids: ArrayLike<number>, options?: DecodeOptions): string;
  /** Readable name of one id ('a', ' ', '[MASK]'). */
  tokenName(id: number): string;
}

function encode(text: string): number[] {
  if (typeof text !== 'string') throw new Error(`Tokenizer.encode: text must be a string, got ${typeof text}`);
  const ids: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const id = CHAR_TO_ID.get(text[i]);
    if (id === undefined) {
      throw new Error(`Tokenizer.encode: unknown character ${JSON.stringify(text[i])} at index ${i} of text; the alphabet is ${JSON.stringify(ALPHABET)}`);
    }
    ids.push(id);
  }
  return ids;
}

function tokenName(id: number): string {
  if (!Number.isInteger(id) || id < 0 || id >= VOCAB_SIZE) {
    throw new Error(`Tokenizer: id must be an integer in [0, ${VOCAB_SIZE}), got ${id}`);
  }
  return id < SPECIAL_NAMES.length ? SPECIAL_NAMES[id] : ALPHABET[id - SPECIAL_NAMES.length];
}

function decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
  const stopAtEos = options.stopAtEos ?? true;
  const showSpecial = options.showSpecial ?? false;
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const name = tokenName(id);
    if (id === EOS_ID && stopAtEos) break;
    if (id < SPECIAL_NAMES.length) {
      if (showSpecial) out += name;
      else if (id === MASK_ID) out += '_';
      continue;
    }
    out += name;
  }
  return out;
}

export const VOCAB: Tokenizer = {
  size: VOCAB_SIZE,
  alphabet: ALPHABET,
  pad: PAD_ID,
  mask: MASK_ID,
  eos: EOS_ID,
  bos: BOS_ID,
  encode,
  decode,
  tokenName,
};
