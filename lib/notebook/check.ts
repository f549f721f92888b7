/**
 * Exercise checks: a lesson gives cases, the reader's function is run on each, and the first
 * failing case is reported in words ("case 2 (empty input): at [1]: expected 0.5, got 0.7").
 * Numbers compare within a tolerance, because readers' floating point rarely matches a
 * reference to the last bit; typed arrays compare with plain arrays of the same numbers.
 */
import { formatValue } from './display';

export interface CompareOptions {
  /** Absolute plus relative tolerance for numbers: |a - e| <= tolerance * (1 + |e|). */
  tolerance?: number;
}

// Strings quoted (unlike show()), so "1" and 1 read differently in a failure message.
const short = (v: unknown) => (typeof v === 'string'
  ? JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v)
  : formatValue(v, { maxItems: 8, maxDepth: 2, maxChars: 200, maxStringChars: 80 }));

function isNumberList(v: unknown): v is ArrayLike<number> {
  return (Array.isArray(v) && v.every((x) => typeof x === 'number'))
    || (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array));
}

/**
 * Where and how `actual` differs from `expected`, or null when they match. Plain data only:
 * numbers, strings, booleans, null, arrays, typed arrays and plain objects.
 */
export function describeMismatch(actual: unknown, expected: unknown, options: CompareOptions = {}, path = ''): string | null {
  const tolerance = options.tolerance ?? 1e-6;
  const where = path ? `at ${path}: ` : '';
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${where}expected the number ${short(expected)}, got ${short(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? null : `${where}expected NaN, got ${short(actual)}`;
    if (actual === expected) return null;
    const ok = Number.isFinite(expected) && Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected));
    return ok ? null : `${where}expected ${short(expected)}, got ${short(actual)}`;
  }
  if (isNumberList(expected) || Array.isArray(expected)) {
    if (!isNumberList(actual) && !Array.isArray(actual)) return `${where}expected a list, got ${short(actual)}`;
    if (actual.length !== expected.length) return `${where}expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = describeMismatch((actual as ArrayLike<unknown>)[i], (expected as ArrayLike<unknown>)[i], options, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${where}expected an object, got ${short(actual)}`;
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) return `${where}missing the key "${key}"`;
      const m = describeMismatch((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], options, path ? `${path}.${key}` : key);
      if (m) return m;
    }
    const extra = Object.keys(actual).find((k) => !(k in expected));
    return extra === undefined ? null : `${where}unexpected key "${extra}"`;
  }
  return Object.is(actual, expected) ? null : `${where}expected ${short(expected)}, got ${short(actual)}`;
}

export interface CheckCase<I extends unknown[]> {
  /** Arguments passed to the reader's function. */
  args: I;
  expected: unknown;
  /** Shown when the case fails, e.g. "a single value"; defaults to the arguments. */
  label?: string;
}

export type CheckResult =
  | { passed: true; cases: number }
  | { passed: false; caseIndex: number; label: string; message: string };

/**
 * Runs the reader's function on each case (awaiting async ones) and stops at the first failure;
 * a throw in the reader's code is a failure with its message, never an exception here.
 */
export async function runCases<I extends unknown[]>(
  fn: (...args: I) => unknown,
  cases: ReadonlyArray<CheckCase<I>>,
  options: CompareOptions = {},
): Promise<CheckResult> {
  if (typeof fn !== 'function') {
    return { passed: false, caseIndex: -1, label: 'setup', message: `expected a function to check, got ${short(fn)}` };
  }
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const label = c.label ?? `case ${i + 1} with ${c.args.map((a) => short(a)).join(', ')}`;
    let actual: unknown;
    try {
      actual = await fn(...c.args);
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : short(e);
      return { passed: false, caseIndex: i, label, message: `your code threw ${message}` };
    }
    const mismatch = describeMismatch(actual, c.expected, options);
    if (mismatch) return { passed: false, caseIndex: i, label, message: mismatch };
  }
  return { passed: true, cases: cases.length };
}
