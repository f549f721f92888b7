/**
 * Tasks with exact answers in a fixed "<name>:<input>=" prompt format, so accuracy is exact match.
 * The solver recomputes the answer from the prompt alone, which is what the scorer uses.
 *
 * Two kinds of families:
 * - short answers (add, rev, sort, kv): 1-8 tokens, where any decoder needs a few passes;
 * - long answers (copy: 24-40 tokens, for genLength 64; stretch: 160-240 tokens, for genLength 256),
 *   fully determined by the prompt: where a parallel decoder can commit many tokens per pass.
 */
import type { Rng } from '@/lib/math/rng';

export type ShortTaskName = 'add' | 'rev' | 'sort' | 'kv';
export type LongTaskName = 'copy' | 'stretch';
export type TaskName = ShortTaskName | LongTaskName;
export const SHORT_TASK_NAMES: readonly ShortTaskName[] = ['add', 'rev', 'sort', 'kv'];
export const LONG_TASK_NAMES: readonly LongTaskName[] = ['copy', 'stretch'];
export const TASK_NAMES: readonly TaskName[] = [...SHORT_TASK_NAMES, ...LONG_TASK_NAMES];

/** Word lengths of the copy task (answers of 24-40 letters + [EOS]). */
export const COPY_LENGTHS = [24, 32, 40] as const;
/** Word lengths of the stretch task; each letter is written STRETCH_FACTOR times (answers of 160-240). */
export const STRETCH_LENGTHS = [20, 25, 30] as const;
export const STRETCH_FACTOR = 8;

/** The letters words and lookup keys are drawn from. */
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function randomWord(rng: Rng, minLen: number, maxLen: number): string {
  const len = minLen + rng.int(maxLen - minLen + 1);
  let word = '';
  for (let i = 0; i < len; i++) word += LETTERS[rng.int(LETTERS.length)];
  return word;
}

/** A number with 1-3 digits, biased towards more digits so carries are common. */
function randomOperand(rng: Rng): number {
  const digits = 1 + rng.int(3);
  return rng.int(10 ** digits);
}

/**
 * Addition is written digit-aligned: 3-digit operands and a 4-digit sum, zero-padded, so digit i of
 * every number sits at a fixed place (a model with learned positions never has to find it).
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const stretch = (word: string) => [...word].map((ch) => ch.repeat(STRETCH_FACTOR)).join('');

export interface TaskInstance {
  task: TaskName;
  prompt: string;
  answer: string;
}

export function generateTask(task: TaskName, rng: Rng): TaskInstance {
  switch (task) {
    case 'add': {
      const x = randomOperand(rng);
      const y = randomOperand(rng);
      return { task, prompt: `add:${pad(x, 3)}+${pad(y, 3)}=`, answer: pad(x + y, 4) };
    }
    case 'rev': {
      const word = randomWord(rng, 3, 8);
      return { task, prompt: `rev:${word}=`, answer: [...word].reverse().join('') };
    }
    case 'sort': {
      const word = randomWord(rng, 3, 8);
      return { task, prompt: `sort:${word}=`, answer: [...word].sort().join('') };
    }
    case 'kv': {
      // 2-5 distinct keys, one digit each; the query asks for one of them.
      const n = 2 + rng.int(4);
      const keys: string[] = [];
      while (keys.length < n) {
        const k = LETTERS[rng.int(LETTERS.length)];
        if (!keys.includes(k)) keys.push(k);
      }
      const values = keys.map(() => String(rng.int(10)));
      const q = rng.int(n);
      const pairs = keys.map((k, i) => `${k}=${values[i]}`).join(',');
      return { task, prompt: `kv:${pairs}?${keys[q]}>`, answer: values[q] };
    }
    case 'copy': {
      const n = COPY_LENGTHS[rng.int(COPY_LENGTHS.length)];
      const word = randomWord(rng, n, n);
      return { task, prompt: `copy:${word}=`, answer: word };
    }
    case 'stretch': {
      const n = STRETCH_LENGTHS[rng.int(STRETCH_LENGTHS.length)];
      const word = randomWord(rng, n, n);
      return { task, prompt: `stretch:${word}=`, answer: stretch(word) };
    }
    default:
      throw new Error(`generateTask: task must be one of ${TASK_NAMES.join(', ')}, got ${String(task)}`);
  }
}

const PATTERNS: Record<TaskName, RegExp> = {
  add: /^add:(\d{1,3})\+(\d{1,3})=$/,
  copy: /^copy:([a-z]{1,60})=$/,
  stretch: /^stretch:([a-z]{1,30})=$/,
  rev: /^rev:([a-z]{1,16})=$/,
  sort: /^sort:([a-z]{1,16})=$/,
  kv: /^kv:((?:[a-z]=\d,)*[a-z]=\d)\?([a-z])>$/,
};

/** Lookup with the query first (`kv?b:a=3,b=5>`): as long as `kv:a=3,b=5?b>`, same answer. */
const KV_QUERY_FIRST = /^kv\?([a-z]):((?:[a-z]=\d,)*[a-z]=\d)>$/;

/**
 * The lookup prompt rewritten with its query first; any other prompt unchanged. A format under test
 * (the lookup sweep, docs/training.md): read left to right, the model knows which key it wants as it
 * meets each pair.
 */
export function lookupQueryFirst(prompt: string): string {
  const m = PATTERNS.kv.exec(prompt);
  return m ? `kv?${m[2]}:${m[1]}>` : prompt;
}

/** The lookup's answer: the value listed for `key` among `pairs` ("a=3,b=5"); null if absent or ambiguous. */
function lookUp(pairs: string, key: string): { task: 'kv'; answer: string } | null {
  const table = new Map(pairs.split(',').map((p) => [p[0], p[2]] as const));
  if (table.size !== pairs.split(',').length) return null; // repeated key: ambiguous
  const value = table.get(key);
  return value === undefined ? null : { task: 'kv', answer: value };
}

/** The exact answer for a task prompt, or null when the prompt is not a well-formed task. */
export function solveTask(prompt: string): { task: TaskName; answer: string } | null {
  let m = PATTERNS.add.exec(prompt);
  if (m) {
    const sum = Number(m[1]) + Number(m[2]);
    // Digit-aligned prompts (both operands 3 digits) ask for a digit-aligned 4-digit sum.
    return { task: 'add', answer: m[1].length === 3 && m[2].length === 3 ? pad(sum, 4) : String(sum) };
  }
  m = PATTERNS.copy.exec(prompt);
  if (m) return { task: 'copy', answer: m[1] };
  m = PATTERNS.stretch.exec(prompt);
  if (m) return { task: 'stretch', answer: stretch(m[1]) };
  m = PATTERNS.rev.exec(prompt);
  if (m) return { task: 'rev', answer: [...m[1]].reverse().join('') };
  m = PATTERNS.sort.exec(prompt);
  if (m) return { task: 'sort', answer: [...m[1]].sort().join('') };
  m = PATTERNS.kv.exec(prompt);
  if (m) return lookUp(m[1], m[2]);
  m = KV_QUERY_FIRST.exec(prompt);
  if (m) return lookUp(m[2], m[1]);
  return null;
}
