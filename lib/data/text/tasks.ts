/**
 * Tasks with exact answers in a fixed "<name>:<input>=" prompt format, so accuracy is exact match.
 * The solver recomputes the answer from the prompt alone, which is what the scorer uses.
 */
import type { Rng } from '@/lib/math/rng';

export type TaskName = 'add' | 'rev' | 'sort' | 'kv';
export const TASK_NAMES: readonly TaskName[] = ['add', 'rev', 'sort', 'kv'];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

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
      return { task, prompt: `add:${x}+${y}=`, answer: String(x + y) };
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
    default:
      throw new Error(`generateTask: task must be one of ${TASK_NAMES.join(', ')}, got ${String(task)}`);
  }
}

const PATTERNS: Record<TaskName, RegExp> = {
  add: /^add:(\d{1,3})\+(\d{1,3})=$/,
  rev: /^rev:([a-z]{1,16})=$/,
  sort: /^sort:([a-z]{1,16})=$/,
  kv: /^kv:((?:[a-z]=\d,)*[a-z]=\d)\?([a-z])>$/,
};

/** The exact answer for a task prompt, or null when the prompt is not a well-formed task. */
export function solveTask(prompt: string): { task: TaskName; answer: string } | null {
  let m = PATTERNS.add.exec(prompt);
  if (m) return { task: 'add', answer: String(Number(m[1]) + Number(m[2])) };
  m = PATTERNS.rev.exec(prompt);
  if (m) return { task: 'rev', answer: [...m[1]].reverse().join('') };
  m = PATTERNS.sort.exec(prompt);
  if (m) return { task: 'sort', answer: [...m[1]].sort().join('') };
  m = PATTERNS.kv.exec(prompt);
  if (m) {
    const table = new Map(m[1].split(',').map((p) => [p[0], p[2]] as const));
    if (table.size !== m[1].split(',').length) return null; // repeated key: ambiguous
    const value = table.get(m[2]);
    return value === undefined ? null : { task: 'kv', answer: value };
  }
  return null;
}
