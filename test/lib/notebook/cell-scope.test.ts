import { describe, expect, it } from 'vitest';
import { analyzeCell, protectScopeNames, rewriteScopeReferences, runCell, scopeCellCode } from '@/lib/notebook/cell-scope';

describe('cell analysis', () => {
  it('finds top-level value declarations, including destructuring, and ignores types and inner names', () => {
    const source = [
      'const a: number = 1;', 'let { b, c: d, ...e } = obj;', 'const [f, , g = 2] = arr;', 'var h;',
      'function i() { const inner = 1; return inner; }', 'class K {}', 'enum L { X }',
      'interface M { x: number }', 'type N = string;', 'for (const loopVar of []) {}', 'const arrow = (u: number) => u;',
    ].join('\n');
    expect(analyzeCell(source)).toEqual({ declared: ['a', 'b', 'd', 'e', 'f', 'g', 'h', 'i', 'K', 'L', 'arrow'], importAt: null });
  });

  it('finds an import and where it is', () => {
    expect(analyzeCell('const a = 1;\nimport x from "y";').importAt).toEqual({ line: 2, column: 8 });
  });

  it('the prelude takes one line and the cell code follows unchanged', () => {
    const scoped = scopeCellCode('const x = 1;', ['x']);
    expect(scoped.preludeLines).toBe(1);
    expect(scoped.body.split('\n')[0]).toBe('__marbleExpose(__marbleCapture);');
    expect(scoped.body.split('\n')[1]).toBe('const x = 1;');
  });

  it('references to scope names are rewritten, except shadowed ones, property names and types', () => {
    const source = [
      'show(step); step++;',
      'const o = { step, k: step }; o.step;',
      'function f(step: number) { return step; }',
      '{ let step = 2; show(step); }',
      'const g = () => { var step = 1; return step; };',
      'let t: typeof step = step;',
      'step: for (;;) { break step; }',
      'switch (k) { case step: show(k ? step : 0); }',
      'class A { step = 1; m() { return this.step + step; } }',
      'try { } catch (step) { show(step); }',
    ].join('\n');
    const out = rewriteScopeReferences(source, new Set(['step', 'show']));
    expect(out.split('\n')).toEqual([
      '__marbleScope.show(__marbleScope.step); __marbleScope.step++;',
      'const o = { step: __marbleScope.step, k: __marbleScope.step }; o.step;',
      'function f(step: number) { return step; }',
      '{ let step = 2; __marbleScope.show(step); }',
      'const g = () => { var step = 1; return step; };',
      'let t: typeof step = __marbleScope.step;',
      'step: for (;;) { break step; }',
      'switch (k) { case __marbleScope.step: __marbleScope.show(k ? __marbleScope.step : 0); }',
      'class A { step = 1; m() { return this.step + __marbleScope.step; } }',
      'try { } catch (step) { __marbleScope.show(step); }',
    ]);
  });
});

describe('running cells in a shared scope', () => {
  it('a name declared in one cell is visible in the next, and re-running a cell replaces it', async () => {
    const out: unknown[] = [];
    const scope: Record<string, unknown> = { show: (v: unknown) => out.push(v) };
    expect(await runCell('const xs: number[] = [1, 2, 3];\nlet total = 0;', scope, 'cell-1')).toEqual({ ok: true });
    expect(await runCell('for (const x of xs) total += x;\nshow(total);', scope, 'cell-2')).toEqual({ ok: true });
    expect(await runCell('const xs: number[] = [10];', scope, 'cell-1')).toEqual({ ok: true });
    expect(await runCell('show(xs.length + total);\nclass P { constructor(public v: number) {} }\nshow(new P(2).v);', scope, 'cell-3')).toEqual({ ok: true });
    expect(out).toEqual([6, 7, 2]);
    expect(scope.total).toBe(6);
  });

  it('bindings stay live: a function from one cell updates a let another cell reads', async () => {
    const out: unknown[] = [];
    const scope: Record<string, unknown> = { show: (v: unknown) => out.push(v) };
    expect(await runCell('let step = 0;\nfunction tick() { step++; }', scope, 'cell-1')).toEqual({ ok: true });
    expect(await runCell('tick(); tick();\nshow(step);\nstep = 10;\ntick();\nshow(step);', scope, 'cell-2')).toEqual({ ok: true });
    expect(out).toEqual([2, 11]);
    expect(scope.step).toBe(11);
  });

  it('top-level await works and state reached before an error is kept', async () => {
    const scope: Record<string, unknown> = {};
    const result = await runCell('const a = await Promise.resolve(41);\nconst b = a + 1;\nthrow new Error("late");\nconst c = 3;', scope, 'cell-1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ message: 'late', position: { line: 3 } });
    expect(scope.a).toBe(41);
    expect(scope.b).toBe(42);
    expect('c' in scope).toBe(false);
  });

  it('runtime errors point at the reader\'s line, with types in the cell', async () => {
    const result = await runCell('interface A { x: number }\n\nconst a: A | null = null;\nconsole.log(a!.x);', {}, 'cell-5');
    expect(result.ok ? null : result.error).toMatchObject({ name: 'TypeError', position: { line: 4 } });
  });

  it('syntax errors and imports are reported with their line, and nothing runs', async () => {
    const scope: Record<string, unknown> = {};
    const syntax = await runCell('const ok = 1;\nconst = 2;', scope, 'cell-1');
    expect(syntax.ok ? null : syntax.error).toMatchObject({ name: 'SyntaxError', position: { line: 2 } });
    const imp = await runCell('const ok = 1;\nimport * as tf from "@tensorflow/tfjs";', scope, 'cell-1');
    expect(imp.ok ? null : imp.error).toMatchObject({ name: 'SyntaxError', position: { line: 2 } });
    expect(imp.ok ? '' : imp.error.message).toMatch(/already in scope/);
    expect(scope).toEqual({});
  });

  it('a console in the scope receives the cell\'s console.log calls', async () => {
    const logs: unknown[][] = [];
    const scope: Record<string, unknown> = { console: { log: (...args: unknown[]) => logs.push(args) } };
    expect(await runCell('console.log("loss", 0.5);', scope, 'cell-1')).toEqual({ ok: true });
    expect(logs).toEqual([['loss', 0.5]]);
  });

  it('an error only the engine catches (a duplicate let) is still reported, without running', async () => {
    const result = await runCell('let a = 1;\nlet a = 2;', {}, 'cell-1');
    expect(result.ok ? null : result.error).toMatchObject({ name: 'SyntaxError', message: expect.stringMatching(/already been declared/) });
  });
});

describe('protected runtime names', () => {
  const setup = () => {
    const out: unknown[] = [];
    const scope: Record<string, unknown> = { show: (v: unknown) => { out.push(v); }, marble: { version: 1 } };
    protectScopeNames(scope, ['show', 'marble']);
    return { out, scope };
  };

  it('a cell cannot replace show; the next cell still reaches the real one', async () => {
    const { out, scope } = setup();
    const replaced = await runCell('show = () => {};', scope, 'cell-1');
    expect(replaced.ok ? null : replaced.error).toMatchObject({ name: 'TypeError', message: 'show is part of Marble\'s cell runtime and cannot be replaced or redeclared; pick another name' });
    expect(await runCell('show(41 + 1);', scope, 'cell-2')).toEqual({ ok: true });
    expect(out).toEqual([42]);
  });

  it('a cell that redeclares show does not run at all, and the runtime object stays frozen', async () => {
    const { out, scope } = setup();
    const redeclared = await runCell('show(1);\nconst show = (x: unknown) => x;', scope, 'cell-1');
    expect(redeclared.ok ? null : redeclared.error?.message).toMatch(/^show is part of Marble's cell runtime/);
    expect(out).toEqual([]);
    // Cells are sloppy-mode code, so writing to the frozen object is ignored rather than thrown.
    await runCell('(marble as any).version = 2;', scope, 'cell-2');
    expect((scope.marble as { version: number }).version).toBe(1);
    expect(() => Object.defineProperty(scope, 'show', { value: () => undefined })).toThrow(TypeError);
  });
});
