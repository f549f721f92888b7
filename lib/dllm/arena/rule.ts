/**
 * The decoder arena's contract (lesson 12): a reader's unmasking rule is a plain function that
 * gets what the model predicts for every still-masked position of the current block and returns
 * the positions to commit now. Everything it returns is checked here, so a bad rule gets one clear
 * sentence instead of a broken decode.
 */

export interface ArenaGuess {
  /** Token id. */
  token: number;
  /** The token as text ('⏎' for the end token). */
  text: string;
  /** Model probability (mask excluded). */
  prob: number;
}

export interface ArenaCandidate {
  /** Position in the answer (0 = first answer token); return these to commit them. */
  position: number;
  /** Probability of the most likely token: the confidence the built-in rules rank by. */
  confidence: number;
  /** Entropy of the position's distribution, in nats. */
  entropy: number;
  /** The most likely tokens, most likely first (the first is what gets committed). */
  top: ArenaGuess[];
}

export interface ArenaPass {
  /** The still-masked positions of the current block, left to right. */
  candidates: ArenaCandidate[];
  /** Index of the current block (0 = the block holding the first answer token). */
  block: number;
  /** Passes already spent on this block. */
  passInBlock: number;
  /** The answer so far: committed characters, '_' for masks. */
  answer: string;
}

/** A rule returns answer positions to commit (any iterable of integers). */
export type ArenaRule = (pass: ArenaPass) => Iterable<number> | ArrayLike<number>;

/** Thrown when a rule breaks the contract or throws; the message is for the reader. */
export class ArenaRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArenaRuleError';
  }
}

function toList(value: unknown): number[] | null {
  if (value === null || value === undefined || typeof value === 'string') return null;
  if (Array.isArray(value)) return value as number[];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof (value as Iterable<number>)[Symbol.iterator] === 'function') {
    const out: number[] = [];
    for (const v of value as Iterable<number>) {
      out.push(v);
      if (out.length > 10_000) return null;
    }
    return out;
  }
  return null;
}

/**
 * Checks what a rule returned for this pass: a non-empty list of distinct candidate positions.
 * Returns the candidates' indices (in the order given) or throws ArenaRuleError saying what is wrong.
 */
export function validateCommits(returned: unknown, pass: Pick<ArenaPass, 'candidates'>): number[] {
  const list = toList(returned);
  if (!list) {
    throw new ArenaRuleError(`the rule must return an array of answer positions, e.g. [3, 5]; it returned ${describe(returned)}`);
  }
  if (list.length === 0) {
    throw new ArenaRuleError('the rule committed nothing: return at least one position each pass, or decoding never ends');
  }
  const index = new Map(pass.candidates.map((c, i) => [c.position, i]));
  const seen = new Set<number>();
  const out: number[] = [];
  for (const p of list) {
    if (typeof p !== 'number' || !Number.isInteger(p)) throw new ArenaRuleError(`the rule returned ${describe(p)}, which is not an integer position`);
    const i = index.get(p);
    if (i === undefined) {
      const open = pass.candidates.map((c) => c.position);
      throw new ArenaRuleError(`the rule returned position ${p}, which is not a masked position of the current block (those are ${open.join(', ')})`);
    }
    if (seen.has(p)) throw new ArenaRuleError(`the rule returned position ${p} twice`);
    seen.add(p);
    out.push(i);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (did you forget to return?)';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Object.prototype.toString.call(value);
}
