/**
 * A tiny language with a KNOWN, enumerable distribution, for the known-language SEDD and MDLM models of
 * lessons 08 and 09. A sequence is a prompt of P letters, a separator, the prompt reversed, an end:
 *
 *   c c a b b b e | e b b b a c c .        (P = 7: 16 tokens, 5^7 = 78,125 sequences)
 *
 * The prompt is a Markov chain (first letter uniform, then repeat the previous letter with
 * probability `stay`, else any other letter), so a masked letter has a non-trivial conditional given
 * its neighbours, while the answer is a deterministic copy that ties far-apart positions together.
 * Because the support is small, every probability (and so every true concrete score) is computed
 * exactly by enumeration. Pure: no tfjs.
 */
import { hashText } from '@/lib/data/text/corpus';
import type { Rng } from '@/lib/math/rng';

export interface KnownLanguage {
  /** Letters in the prompt (the answer has as many). */
  promptLength: number;
  /** Alphabet size (letters a, b, c, ...). */
  letters: number;
  /** Probability that a prompt letter repeats the previous one. */
  stay: number;
}

/** The shipped language: 16 tokens, 78,125 sequences; stay 0.5 makes runs common but not certain. */
export const KNOWN_LANGUAGE: KnownLanguage = { promptLength: 7, letters: 5, stay: 0.5 };

/** Token ids of a language: letters 0..letters-1, then separator, end, [MASK] (last, as absorbingGraph expects). */
export function knownLanguageVocab(lang: KnownLanguage = KNOWN_LANGUAGE) {
  checkLanguage(lang);
  const sep = lang.letters;
  return { sep, end: sep + 1, mask: sep + 2, size: sep + 3, length: 2 * lang.promptLength + 2 };
}

export function checkLanguage(lang: KnownLanguage): void {
  if (!lang || !Number.isInteger(lang.promptLength) || lang.promptLength < 1 || lang.promptLength > 8) {
    throw new Error(`lang.promptLength must be an integer in [1, 8], got ${lang?.promptLength}`);
  }
  if (!Number.isInteger(lang.letters) || lang.letters < 2 || lang.letters > 8) throw new Error(`lang.letters must be an integer in [2, 8], got ${lang.letters}`);
  if (!(lang.stay >= 0 && lang.stay <= 1)) throw new Error(`lang.stay must be in [0, 1], got ${lang.stay}`);
  if (lang.letters ** lang.promptLength > 400_000) throw new Error(`lang has ${lang.letters ** lang.promptLength} prompts; at most 400000 can be enumerated`);
}

const LETTERS = 'abcdefgh';
export const MASK_GLYPH = '▒';

/** One token as a character: letters, '|', '.', '▒' for [MASK]. */
export function tokenChar(id: number, lang: KnownLanguage = KNOWN_LANGUAGE): string {
  const v = knownLanguageVocab(lang);
  if (id === v.sep) return '|';
  if (id === v.end) return '.';
  if (id === v.mask) return MASK_GLYPH;
  if (Number.isInteger(id) && id >= 0 && id < lang.letters) return LETTERS[id];
  throw new Error(`token id must be an integer in [0, ${v.size}), got ${id}`);
}

export function decodeKnownLanguage(tokens: ArrayLike<number>, lang: KnownLanguage = KNOWN_LANGUAGE): string {
  return Array.from(tokens, (t) => tokenChar(t, lang)).join('');
}

/** Text to ids ('_' or '?' also mean [MASK], so a reader can type a noisy input); throws naming the bad character. */
export function encodeKnownLanguage(text: string, lang: KnownLanguage = KNOWN_LANGUAGE): Int32Array {
  const v = knownLanguageVocab(lang);
  const chars = [...text];
  if (chars.length !== v.length) throw new Error(`text must have ${v.length} characters, got ${chars.length}`);
  return Int32Array.from(chars, (c, i) => {
    if (c === '|') return v.sep;
    if (c === '.') return v.end;
    if (c === MASK_GLYPH || c === '_' || c === '?') return v.mask;
    const id = LETTERS.indexOf(c);
    if (id < 0 || id >= lang.letters) throw new Error(`character ${JSON.stringify(c)} at index ${i} is not one of ${LETTERS.slice(0, lang.letters)}, |, . or ${MASK_GLYPH}`);
    return id;
  });
}

/** The full sequence of a prompt (letter ids): prompt, separator, reversed prompt, end. */
export function sequenceOf(prompt: ArrayLike<number>, lang: KnownLanguage = KNOWN_LANGUAGE): Int32Array {
  const v = knownLanguageVocab(lang);
  if (prompt.length !== lang.promptLength) throw new Error(`prompt must have ${lang.promptLength} letters, got ${prompt.length}`);
  const out = new Int32Array(v.length);
  for (let i = 0; i < lang.promptLength; i++) {
    if (!Number.isInteger(prompt[i]) || prompt[i] < 0 || prompt[i] >= lang.letters) throw new Error(`prompt[${i}] must be a letter id in [0, ${lang.letters}), got ${prompt[i]}`);
    out[i] = prompt[i];
    out[2 * lang.promptLength - i] = prompt[i];
  }
  out[lang.promptLength] = v.sep;
  out[v.length - 1] = v.end;
  return out;
}

/** Probability of a prompt under the Markov chain. */
export function promptProbability(prompt: ArrayLike<number>, lang: KnownLanguage = KNOWN_LANGUAGE): number {
  const other = (1 - lang.stay) / (lang.letters - 1);
  let p = 1 / lang.letters;
  for (let i = 1; i < prompt.length; i++) p *= prompt[i] === prompt[i - 1] ? lang.stay : other;
  return p;
}

/** Which split a prompt belongs to: a hash of its text, so train and held-out never share an instance. */
export function splitOf(prompt: ArrayLike<number>): 'train' | 'heldout' {
  return hashText(Array.from(prompt, (t) => LETTERS[t]).join('')) % 5 === 0 ? 'heldout' : 'train';
}

export interface KnownLanguageSupport {
  lang: KnownLanguage;
  /** All sequences, row-major [count, length]. */
  tokens: Int32Array;
  /** Their probabilities under p_0 (sum 1). */
  probs: Float64Array;
  /** 1 where the sequence is held out. */
  heldout: Uint8Array;
  count: number;
  length: number;
}

const supportCache = new Map<string, KnownLanguageSupport>();

/** Every sequence with its probability and split (cached per language: the default has 78,125 rows). */
export function enumerateSupport(lang: KnownLanguage = KNOWN_LANGUAGE): KnownLanguageSupport {
  checkLanguage(lang);
  const key = JSON.stringify(lang);
  const hit = supportCache.get(key);
  if (hit) return hit;
  const { length } = knownLanguageVocab(lang);
  const count = lang.letters ** lang.promptLength;
  const tokens = new Int32Array(count * length);
  const probs = new Float64Array(count);
  const heldout = new Uint8Array(count);
  const prompt = new Int32Array(lang.promptLength);
  for (let n = 0; n < count; n++) {
    let rest = n;
    for (let i = lang.promptLength - 1; i >= 0; i--) { prompt[i] = rest % lang.letters; rest = Math.floor(rest / lang.letters); }
    tokens.set(sequenceOf(prompt, lang), n * length);
    probs[n] = promptProbability(prompt, lang);
    heldout[n] = splitOf(prompt) === 'heldout' ? 1 : 0;
  }
  const support = { lang, tokens, probs, heldout, count, length };
  supportCache.set(key, support);
  return support;
}

/** Draws a prompt from the Markov chain. */
export function samplePrompt(rng: Rng, lang: KnownLanguage = KNOWN_LANGUAGE): Int32Array {
  const prompt = new Int32Array(lang.promptLength);
  prompt[0] = rng.int(lang.letters);
  for (let i = 1; i < lang.promptLength; i++) {
    if (rng.next() < lang.stay) prompt[i] = prompt[i - 1];
    else {
      const j = rng.int(lang.letters - 1); // one of the other letters, uniformly
      prompt[i] = j >= prompt[i - 1] ? j + 1 : j;
    }
  }
  return prompt;
}

/**
 * `count` sequences of one split, row-major [count, length], seeded. Rejection sampling keeps the
 * Markov chain's probabilities within the split (p_0 restricted to it, renormalised).
 */
export function sampleSequences(count: number, split: 'train' | 'heldout', rng: Rng, lang: KnownLanguage = KNOWN_LANGUAGE): Int32Array {
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
  if (split !== 'train' && split !== 'heldout') throw new Error(`split must be 'train' or 'heldout', got ${String(split)}`);
  const { length } = knownLanguageVocab(lang);
  const out = new Int32Array(count * length);
  for (let n = 0; n < count;) {
    const prompt = samplePrompt(rng, lang);
    if (splitOf(prompt) !== split) continue;
    out.set(sequenceOf(prompt, lang), n * length);
    n++;
  }
  return out;
}

/** Is a sequence in the support: letters, separator, the reversed prompt, end (no [MASK] left)? */
export function isValidSequence(tokens: ArrayLike<number>, lang: KnownLanguage = KNOWN_LANGUAGE): boolean {
  const v = knownLanguageVocab(lang);
  if (tokens.length !== v.length) return false;
  const p = lang.promptLength;
  if (tokens[p] !== v.sep || tokens[v.length - 1] !== v.end) return false;
  for (let i = 0; i < p; i++) {
    if (!(tokens[i] >= 0 && tokens[i] < lang.letters)) return false;
    if (tokens[2 * p - i] !== tokens[i]) return false;
  }
  return true;
}

/** Fraction of valid sequences in a batch, row-major [count, length]. */
export function validityRate(batch: Int32Array, lang: KnownLanguage = KNOWN_LANGUAGE): number {
  const { length } = knownLanguageVocab(lang);
  const count = batch.length / length;
  let valid = 0;
  for (let n = 0; n < count; n++) if (isValidSequence(batch.subarray(n * length, (n + 1) * length), lang)) valid++;
  return count ? valid / count : 0;
}

/**
 * Validity of sampling every position independently from its true marginal (what one
 * tau-leaping step from all-[MASK] does with a perfect model): separator and end are certain, and
 * each answer letter matches its mirror with probability sum_a P(x_i = a)^2. The letter marginals
 * are uniform (the uniform start is stationary for this symmetric chain), so this is (1/letters)^P.
 */
export function productOfMarginalsValidity(lang: KnownLanguage = KNOWN_LANGUAGE): number {
  checkLanguage(lang);
  return (1 / lang.letters) ** lang.promptLength;
}

/** Entropy of p_0 in nats per token: the floor of any per-token NELBO / score-entropy bound. */
export function entropyPerToken(lang: KnownLanguage = KNOWN_LANGUAGE): number {
  checkLanguage(lang);
  const other = (1 - lang.stay) / (lang.letters - 1);
  const term = (p: number) => (p > 0 ? -p * Math.log(p) : 0);
  const step = term(lang.stay) + (lang.letters - 1) * term(other);
  return (Math.log(lang.letters) + (lang.promptLength - 1) * step) / knownLanguageVocab(lang).length;
}

/**
 * The exact posterior P(x0_l = y | the unmasked tokens of x) for every position l and token y,
 * [length * size] row-major, by enumeration of the support. Masking is independent of x_0 given
 * the pattern, so the posterior is p_0 restricted to sequences that agree with x where it is
 * unmasked. Rows of unmasked positions are one-hot. Throws if no sequence agrees with x.
 */
export function posteriorGivenUnmasked(x: ArrayLike<number>, lang: KnownLanguage = KNOWN_LANGUAGE): Float64Array {
  const v = knownLanguageVocab(lang);
  const support = enumerateSupport(lang);
  if (x.length !== v.length) throw new Error(`x must have length ${v.length}, got ${x.length}`);
  for (let l = 0; l < x.length; l++) {
    if (!Number.isInteger(x[l]) || x[l] < 0 || x[l] >= v.size) throw new Error(`x[${l}] must be a token id in [0, ${v.size}), got ${x[l]}`);
  }
  const fixed: number[] = [];
  for (let l = 0; l < x.length; l++) if (x[l] !== v.mask) fixed.push(l);
  const out = new Float64Array(v.length * v.size);
  let total = 0;
  const { tokens, probs, length } = support;
  for (let n = 0; n < support.count; n++) {
    const row = n * length;
    let agrees = true;
    for (const l of fixed) if (tokens[row + l] !== x[l]) { agrees = false; break; }
    if (!agrees) continue;
    total += probs[n];
    for (let l = 0; l < length; l++) out[l * v.size + tokens[row + l]] += probs[n];
  }
  if (!(total > 0)) throw new Error(`no sequence of the language agrees with ${decodeKnownLanguage(x, lang)}`);
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/**
 * True concrete score of the absorbing graph at noise sigma for every masked position:
 * s(x)_{l,y} = e^{-sigma} / (1 - e^{-sigma}) * P(x0_l = y | unmasked tokens), [length * size];
 * entries of unmasked positions and of y = [MASK] are 0 (the lessons only show masked rows).
 */
export function trueMaskedScores(x: ArrayLike<number>, sigma: number, lang: KnownLanguage = KNOWN_LANGUAGE): Float64Array {
  if (!(sigma > 0)) throw new Error(`sigma must be > 0, got ${sigma}`);
  const v = knownLanguageVocab(lang);
  const post = posteriorGivenUnmasked(x, lang);
  const odds = 1 / Math.expm1(sigma); // e^{-sigma} / (1 - e^{-sigma})
  const out = new Float64Array(post.length);
  for (let l = 0; l < v.length; l++) {
    if (x[l] !== v.mask) continue;
    for (let y = 0; y < v.size; y++) if (y !== v.mask) out[l * v.size + y] = odds * post[l * v.size + y];
  }
  return out;
}
