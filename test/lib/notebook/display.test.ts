import { describe, expect, it } from 'vitest';
import {
  capText, describeTensor, formatLogArgs, formatNumber, formatTensor, formatValue, isTensorLike, normalizeTable,
} from '@/lib/notebook/display';

describe('display of values', () => {
  it('numbers, strings and small values print like a friendly console', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(12n)).toBe('12n');
    expect(formatValue('hello')).toBe('hello');
    expect(formatValue(['a', 1, null, undefined])).toBe('["a", 1, null, undefined]');
    expect(formatValue({ a: 1, 'b-c': [true] })).toBe('{ a: 1, "b-c": [true] }');
    expect(formatValue(new Map([['k', 1]]))).toBe('Map(1) { "k" => 1 }');
    expect(formatValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
    expect(formatValue(function named() {})).toBe('[Function: named]');
    expect(formatValue(new Error('boom'))).toBe('Error: boom');
  });

  it('floats in tensors and typed arrays are rounded to 6 significant digits', () => {
    expect(formatNumber(0.1 + 0.2, true)).toBe('0.3');
    expect(formatNumber(1e-7, true)).toBe('1.000e-7');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
  });

  it('a long array shows the first 100 items and says how many more there are', () => {
    const text = formatValue(Array.from({ length: 1000 }, (_, i) => i));
    expect(text).toContain('99');
    expect(text).not.toMatch(/\b100\b,/);
    expect(text).toContain('… (truncated: 900 more)');
  });

  it('typed arrays show their type and length and are truncated too', () => {
    const text = formatValue(new Float32Array(500).fill(0.5));
    expect(text.startsWith('Float32Array(500) [')).toBe(true);
    expect(text).toContain('(truncated: 400 more)');
    expect(formatValue(new Int32Array([1, 2, 3]))).toBe('Int32Array(3) [1, 2, 3]');
  });

  it('deep nesting collapses past the depth limit and cycles are marked', () => {
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    expect(formatValue(deep)).toContain('d: [Object]');
    expect(formatValue(deep, { maxDepth: 1 })).toBe('{ a: [Object] }');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('{ name: "loop", self: [Circular] }');
    const shared = { x: 1 };
    expect(formatValue([shared, shared])).toBe('[{ x: 1 }, { x: 1 }]');
  });

  it('the total output is capped with a note of how much was left out', () => {
    const text = formatValue('x'.repeat(25_000));
    expect(text.length).toBeLessThan(10_100);
    expect(text).toContain('(truncated: 15000 more characters)');
    expect(capText('abcdef', 3)).toBe('abc\n… (truncated: 3 more characters)');
    const huge = formatValue(Array.from({ length: 100 }, () => 'y'.repeat(500)));
    expect(huge.length).toBeLessThan(10_100);
  });

  it('a getter that throws does not break the output', () => {
    const obj = { ok: 1, get bad(): number { throw new Error('nope'); } };
    expect(formatValue(obj)).toBe('{ ok: 1, bad: [getter threw: nope] }');
  });

  it('console.log arguments join with spaces, strings unquoted', () => {
    expect(formatLogArgs(['loss', 0.5, { step: 3 }])).toBe('loss 0.5 { step: 3 }');
  });
});

describe('display of tensors', () => {
  it('a small tensor shows shape, dtype and all values', () => {
    const t = { shape: [2, 3], dtype: 'float32', values: new Float32Array([1, 2, 3, 4, 5, 6.5]) };
    expect(isTensorLike(t)).toBe(true);
    expect(describeTensor(t)).toEqual({ shape: [2, 3], dtype: 'float32', size: 6, preview: '[[1, 2, 3],\n [4, 5, 6.5]]', truncated: false });
    expect(formatTensor(t)).toBe('Tensor shape=[2, 3] dtype=float32 size=6\n[[1, 2, 3],\n [4, 5, 6.5]]');
    expect(formatValue({ shape: [], dtype: 'int32', values: [7] })).toBe('Tensor shape=[] dtype=int32 size=1\n7');
  });

  it('a large tensor previews 3 items at each end of every axis', () => {
    const values = Float32Array.from({ length: 20 * 30 }, (_, i) => i);
    const s = describeTensor({ shape: [20, 30], dtype: 'float32', values });
    expect(s.truncated).toBe(true);
    const rows = s.preview.split('\n');
    expect(rows).toHaveLength(7);
    expect(rows[0]).toBe('[[0, 1, 2, …, 27, 28, 29],');
    expect(rows[3]).toBe(' …,');
    expect(rows[6]).toBe(' [570, 571, 572, …, 597, 598, 599]]');
  });

  it('a live tensor handle that was not read shows its shape and dtype only', () => {
    const handle = { shape: [2, 3], dtype: 'float32', size: 6, dataId: {}, id: 4, kept: false };
    expect(formatValue({ w: handle })).toBe('{ w: Tensor shape=[2, 3] dtype=float32 (values not read) }');
  });

  it('values that do not match the shape are reported', () => {
    expect(() => describeTensor({ shape: [2, 2], dtype: 'float32', values: [1, 2, 3] })).toThrow(/needs 4 values, got 3/);
    expect(formatValue({ shape: [2], dtype: 'float32', values: [1] })).toMatch(/Tensor-like value: .*needs 2 values/);
  });
});

describe('table normalisation', () => {
  it('columns are the union of keys in first-seen order; missing cells are empty', () => {
    const t = normalizeTable([{ step: 1, loss: 0.5 }, { step: 2, acc: 0.9 }]);
    expect(t.columns).toEqual(['step', 'loss', 'acc']);
    expect(t.rows).toEqual([['1', '0.5', ''], ['2', '', '0.9']]);
    expect(t.hiddenRows).toBe(0);
  });

  it('arrays of arrays, scalars and a single object are accepted', () => {
    expect(normalizeTable([[1, 2], [3]]).columns).toEqual(['0', '1']);
    expect(normalizeTable([1, 'a']).rows).toEqual([['1'], ['a']]);
    expect(normalizeTable({ lr: 0.01, steps: 100 })).toMatchObject({ columns: ['key', 'value'], rows: [['lr', '0.01'], ['steps', '100']] });
    expect(() => normalizeTable(5)).toThrow(/expected an array of rows or an object, got number/);
  });

  it('many rows and columns are cut with counts of what was hidden', () => {
    const rows = Array.from({ length: 500 }, (_, i) => Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`c${j}`, i * j])));
    const t = normalizeTable(rows);
    expect(t.rows).toHaveLength(200);
    expect(t.hiddenRows).toBe(300);
    expect(t.columns).toHaveLength(30);
    expect(t.hiddenColumns).toBe(10);
  });
});
