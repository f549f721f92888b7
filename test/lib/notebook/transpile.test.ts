import { describe, expect, it } from 'vitest';
import {
  cellLineFromStack, cellPositionFromStack, describeCellError, measureFunctionHeaderLines,
  positionAt, transpileCell, wrapCellCode,
} from '@/lib/notebook/transpile';

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => AsyncFn;

/** Runs a cell the way the worker will: transpile, wrap, AsyncFunction, then map the error. */
async function runCell(source: string, cellId = 'cell-1', prelude = '') {
  const t = transpileCell(source);
  if (!t.ok) throw new Error(`unexpected syntax error: ${t.error.message}`);
  const wrapped = wrapCellCode(t.code, cellId, prelude);
  const offset = measureFunctionHeaderLines(AsyncFunction, ['show']) + wrapped.preludeLines;
  const fn = new AsyncFunction('show', wrapped.body);
  try {
    await fn(() => {});
    return null;
  } catch (e) {
    return describeCellError(e, offset, wrapped.sourceUrl, source.split('\n').length);
  }
}

describe('transpile: syntax errors', () => {
  it('a syntax error reports the line and column of the bad token in the cell', () => {
    const source = 'const a: number = 1;\nconst b = 2;\nlet c = (;\n';
    const result = transpileCell(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe('SyntaxError');
    expect(result.error.position).toEqual({ line: 3, column: 10 });
    expect(result.error.message).toMatch(/Unexpected token/);
    expect(result.error.message).not.toMatch(/\(\d+:\d+\)$/);
  });

  it('an error on the first line is line 1', () => {
    const result = transpileCell('foo bar');
    expect(result.ok ? null : result.error.position?.line).toBe(1);
  });

  it('types are stripped and line numbers are preserved', () => {
    const source = [
      'interface Point {', '  x: number;', '  y: number;', '}',
      'type Id = string;', 'const p: Point = { x: 1, y: 2 };',
      'function id<T>(x: T): T { return x; }', 'const q = p as unknown as Point;', 'await Promise.resolve(q?.x ?? 0);',
    ].join('\n');
    const result = transpileCell(source);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code.split('\n').length).toBe(source.split('\n').length);
    expect(result.code.split('\n')[5]).toMatch(/^const p = \{ x: 1, y: 2 \};/);
    expect(result.code).toContain('q?.x ?? 0');
    expect(result.code).not.toMatch(/interface|: number/);
  });

  it('positionAt counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
  });
});

describe('transpile: runtime errors map to the cell line', () => {
  it('the engine puts a measurable number of header lines before a function body', () => {
    expect(measureFunctionHeaderLines()).toBeGreaterThanOrEqual(0);
    expect(measureFunctionHeaderLines(AsyncFunction, ['show'])).toBe(measureFunctionHeaderLines(Function as never, ['show']));
  });

  it('a TypeError on line 4 of a typed cell is reported on line 4', async () => {
    const source = 'interface A { x: number }\nconst a: A = { x: 1 };\nconst n: any = null;\nconsole.log(n.foo);\n';
    const err = await runCell(source);
    expect(err?.name).toBe('TypeError');
    expect(err?.position?.line).toBe(4);
  });

  it('a throw after an await and inside a helper points at the throwing line', async () => {
    const source = ['await Promise.resolve();', 'function check(x: number) {', '  if (x > 1) throw new Error("too big");', '}', 'check(2);'].join('\n');
    const err = await runCell(source);
    expect(err?.message).toBe('too big');
    expect(err?.position?.line).toBe(3);
  });

  it('a prelude added by the runtime is subtracted from the line', async () => {
    const err = await runCell('const x = 1;\nundefinedThing();', 'cell-7', 'const __a = 1;\nconst __b = 2;\n');
    expect(err?.name).toBe('ReferenceError');
    expect(err?.position?.line).toBe(2);
  });

  it('the first frame inside the cell wins over frames in library code', () => {
    const stack = [
      'Error: shape mismatch',
      '    at reshape (https://marble.dev/_next/chunk.js:100:20)',
      '    at eval (marble-cell-cell-2.js:5:3)',
      '    at run (https://marble.dev/worker.js:10:5)',
    ].join('\n');
    expect(cellLineFromStack(stack, 2, 'marble-cell-cell-2.js')).toBe(3);
  });

  it('anonymous eval frames from V8 and Firefox are read without a sourceURL', () => {
    const v8 = 'TypeError: x\n    at eval (eval at run (https://m.dev/worker.js:12:9), <anonymous>:6:11)\n    at run (https://m.dev/worker.js:12:9)';
    const firefox = 'run/<@https://m.dev/worker.js line 12 > Function:6:11\nrun@https://m.dev/worker.js:12:9';
    expect(cellPositionFromStack(v8, 2)).toEqual({ line: 4, column: 11 });
    expect(cellPositionFromStack(firefox, 2)).toEqual({ line: 4, column: 11 });
  });

  it('a stack without a cell frame, or pointing into the prelude, gives no line', () => {
    expect(cellLineFromStack('Error: x\n    at foo (https://m.dev/a.js:3:4)', 2, 'marble-cell-c.js')).toBeNull();
    expect(cellLineFromStack('Error: x\n    at eval (marble-cell-c.js:2:4)', 2, 'marble-cell-c.js')).toBeNull();
    expect(cellLineFromStack(undefined, 2)).toBeNull();
    expect(cellPositionFromStack('Error: x\n    at eval (marble-cell-c.js:9:4)', 2, 'marble-cell-c.js', 3)).toBeNull();
  });

  it('non-Error throws and out-of-memory errors are described for the reader', () => {
    expect(describeCellError('plain string', 2)).toEqual({ name: 'Thrown value', message: 'plain string', position: null });
    expect(describeCellError({ code: 42 }, 2).message).toBe('{"code":42}');
    const oom = describeCellError(new RangeError('Array buffer allocation failed'), 2);
    expect(oom.message).toMatch(/ran out of memory/);
  });
});
