/**
 * Cells of one page share a scope, like a notebook: `let step` in cell 1 is visible in cell 2,
 * and re-running a cell that declares `const x` again just replaces x (the browser console's
 * "already declared" error would make re-running impossible).
 *
 * How: the page keeps one plain `scope` object (the runtime's API first: show, tf, ...). Each
 * cell runs as its own async function. References in a cell to names already in the scope are
 * rewritten to `__marbleScope.name`, unless the cell declares that name itself or an inner
 * function or block shadows it. After the cell, a hoisted capture function defines each of the
 * cell's top-level declarations on the scope as a getter/setter pair over the cell's own
 * binding, so bindings stay live: a function from cell 1 that does `step++` is seen by cell 2,
 * and cell 2's `step = 0` is seen by cell 1's functions. Declarations the cell reached before
 * throwing are kept, as in Jupyter.
 *
 * The analysis uses sucrase's own parser (the one behind `transform`): it labels every
 * identifier as declaration or access and records scopes, so destructuring, classes, enums
 * and shadowing are handled properly. Rewrites never add lines, so line numbers still map;
 * columns on a rewritten line shift right by the prefix length.
 */
import { parse, type SucraseToken } from 'sucrase/dist/parser/index.js';
import {
  describeCellError, measureFunctionHeaderLines, positionAt, transpileCell, wrapCellCode, type CellError,
} from './transpile';

// sucrase's IdentifierRole values (stable across sucrase 3.x; the tests pin the behaviour).
const ROLE = {
  access: 0, topLevel: 2, functionScoped: 3, blockScoped: 4, shorthandTopLevel: 5,
  shorthandFunctionScoped: 6, shorthandBlockScoped: 7, shorthandAccess: 8, import: 9,
} as const;

export interface CellAnalysis {
  /** Names the cell declares at its top level (values only; types and interfaces are erased). */
  declared: string[];
  /** An `import` in the cell, which cannot run inside a function: where it is, to report it. */
  importAt: { line: number; column: number } | null;
}

/** Top-level value declarations of a cell's TypeScript; throws sucrase's SyntaxError on bad code. */
export function analyzeCell(source: string): CellAnalysis {
  const { tokens } = parse(source, false, true, false);
  const declared: string[] = [];
  const seen = new Set<string>();
  let importAt: CellAnalysis['importAt'] = null;
  for (const token of tokens) {
    if (token.isType) continue;
    const role = token.identifierRole;
    if (role === ROLE.import && importAt === null) importAt = positionAt(source, token.start);
    if (role !== ROLE.topLevel && role !== ROLE.shorthandTopLevel) continue;
    const name = source.slice(token.start, token.end);
    if (!seen.has(name)) { seen.add(name); declared.push(name); }
  }
  return { declared, importAt };
}

/** Parameter names of the function a scoped cell runs in; kept unlikely to clash with a reader's. */
export const SCOPE_PARAMS = ['__marbleScope', '__marbleExpose'] as const;
const SCOPE = SCOPE_PARAMS[0];
const CAPTURE = '__marbleCapture';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set((
  'await break case catch class const continue debugger default delete do else enum export extends false finally ' +
  'for function if implements import in instanceof interface let new null package private protected public return ' +
  'static super switch this throw true try typeof var void while with yield arguments eval undefined'
).split(' '));

/** Whether a scope key can be used by name in a cell. */
export function isScopeName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name) && !name.startsWith('__marble');
}

/**
 * Marks tokens that refer to an inner declaration of one of `names` (a parameter, a block
 * `let`, a nested `var`), which must not be rewritten. Same walk as sucrase's own
 * identifyShadowedGlobals: scopes come sorted by end, so a backwards pass keeps a stack.
 */
function shadowedTokens(source: string, tokens: SucraseToken[], scopes: ReturnType<typeof parse>['scopes'], names: ReadonlySet<string>): Uint8Array {
  const shadowed = new Uint8Array(tokens.length);
  const text = (t: SucraseToken) => source.slice(t.start, t.end);
  const mark = (scope: { startTokenIndex: number; endTokenIndex: number }, name: string) => {
    for (let i = scope.startTokenIndex; i < scope.endTokenIndex; i++) {
      if (tokens[i].identifierRole !== null && text(tokens[i]) === name) shadowed[i] = 1;
    }
  };
  const stack: typeof scopes = [];
  let scopeIndex = scopes.length - 1;
  for (let i = tokens.length - 1; ; i--) {
    while (stack.length > 0 && stack[stack.length - 1].startTokenIndex === i + 1) stack.pop();
    while (scopeIndex >= 0 && scopes[scopeIndex].endTokenIndex === i + 1) stack.push(scopes[scopeIndex--]);
    if (i < 0) break;
    const token = tokens[i];
    const role = token.identifierRole;
    if (stack.length <= 1 || token.isType || role === null || !names.has(text(token))) continue;
    if (role === ROLE.blockScoped || role === ROLE.shorthandBlockScoped) {
      mark(stack[stack.length - 1], text(token));
    } else if (role === ROLE.functionScoped || role === ROLE.shorthandFunctionScoped) {
      let k = stack.length - 1;
      while (k > 0 && !stack[k].isFunctionScope) k--;
      mark(stack[k], text(token));
    }
  }
  return shadowed;
}

/** `step:` starting a labelled statement (sucrase marks it as an access); not `a ? step : b` or `case step:`. */
function isLabel(source: string, tokens: SucraseToken[], i: number): boolean {
  if (!/^\s*:/.test(source.slice(tokens[i].end, tokens[i].end + 40))) return false;
  const prev = i > 0 ? source.slice(tokens[i - 1].start, tokens[i - 1].end) : '';
  return prev !== '?' && prev !== 'case';
}

/**
 * Rewrites references to `names` (scope names the cell does not declare itself) into property
 * reads and writes on the scope object: `step++` → `__marbleScope.step++`,
 * `{ step }` → `{ step: __marbleScope.step }`. Works on TypeScript source; never adds lines.
 */
export function rewriteScopeReferences(source: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return source;
  const { tokens, scopes } = parse(source, false, true, false);
  const shadowed = shadowedTokens(source, tokens, scopes, names);
  let out = '';
  let last = 0;
  tokens.forEach((token, i) => {
    const role = token.identifierRole;
    if (token.isType || shadowed[i] || (role !== ROLE.access && role !== ROLE.shorthandAccess)) return;
    const name = source.slice(token.start, token.end);
    if (!names.has(name) || isLabel(source, tokens, i)) return;
    out += source.slice(last, token.start) + (role === ROLE.shorthandAccess ? `${name}: ${SCOPE}.${name}` : `${SCOPE}.${name}`);
    last = token.end;
  });
  return out + source.slice(last);
}

export interface ScopedCellCode {
  /** Function body for `new AsyncFunction(...SCOPE_PARAMS, body)`. */
  body: string;
  /** Lines the prelude adds before the cell's first line. */
  preludeLines: number;
}

/**
 * Wraps transpiled (already rewritten) cell code: the prelude hands the runtime a capture
 * function, hoisted so it exists even if the cell throws on its first line.
 */
export function scopeCellCode(code: string, declared: readonly string[]): ScopedCellCode {
  // `void x` first: a `const` the cell never reached is in its TDZ and must not be exported.
  const saves = declared.filter(isScopeName)
    .map((n) => `try { void ${n}; __save(${JSON.stringify(n)}, () => ${n}, (__v) => { ${n} = __v; }); } catch { /* not reached */ }`)
    .join(' ');
  return {
    body: `${SCOPE_PARAMS[1]}(${CAPTURE});\n${code}\nfunction ${CAPTURE}(__save) { ${saves} }`,
    preludeLines: 1,
  };
}

/**
 * Makes names of the runtime's API (show, plot, tf, marble, ...) permanent in a scope: a cell can
 * use them but neither replace nor redeclare them, so one cell (say, from a shared link) cannot
 * make a later cell's output lie. Assigning throws a TypeError that says so.
 */
export function protectScopeNames(scope: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const value = scope[name];
    // A module namespace (tf) is already read-only and refuses freeze; plain objects get frozen.
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      try { Object.freeze(value); } catch { /* module namespace */ }
    }
    Object.defineProperty(scope, name, {
      get: () => value,
      set: () => { throw new TypeError(protectedNameMessage(name)); },
      enumerable: true,
      configurable: false,
    });
  }
}

export function protectedNameMessage(name: string): string {
  return `${name} is part of Marble's cell runtime and cannot be replaced or redeclared; pick another name`;
}

/** Names in the scope that protectScopeNames made permanent. */
function protectedNames(scope: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(scope).filter((n) => Object.getOwnPropertyDescriptor(scope, n)?.configurable === false));
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
// The AsyncFunction constructor is not a global; this is the standard way to reach it.
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => AsyncFn;

let headerLines: number | null = null;
/** Lines the engine adds before a function body, measured once. */
function functionHeaderLines(): number {
  headerLines ??= measureFunctionHeaderLines(AsyncFunction, [...SCOPE_PARAMS]);
  return headerLines;
}

export type RunCellResult =
  | { ok: true }
  | { ok: false; error: CellError };

type Save = (name: string, get: () => unknown, set: (value: unknown) => void) => void;

/**
 * Transpiles and runs one code cell in a shared scope (a plain object the caller keeps for the
 * page; put the API in it first: `{ show, plot, table, tf, marble, console }`; a `console` there
 * replaces the global one in cells, which is how console.log reaches the cell's output). Never
 * throws: syntax and runtime errors come back with the line in the reader's cell (the column of
 * a runtime error is approximate: stripping types and rewriting scope names shift columns). Runs on the calling thread, so
 * call it in the cell worker, never on the page (a worker can be terminated to stop a loop).
 */
export async function runCell(source: string, scope: Record<string, unknown>, cellId: string): Promise<RunCellResult> {
  const checked = transpileCell(source);
  if (!checked.ok) return checked;
  let analysis: CellAnalysis;
  let transpiled: ReturnType<typeof transpileCell>;
  try {
    analysis = analyzeCell(source);
    if (analysis.importAt) {
      return {
        ok: false,
        error: {
          name: 'SyntaxError',
          message: 'import statements cannot run in a cell; the libraries are already in scope (use them by name)',
          position: analysis.importAt,
        },
      };
    }
    const permanent = protectedNames(scope);
    const clash = analysis.declared.find((n) => permanent.has(n));
    if (clash) return { ok: false, error: { name: 'TypeError', message: protectedNameMessage(clash), position: null } };
    const own = new Set(analysis.declared);
    const known = new Set(Object.keys(scope).filter((n) => isScopeName(n) && !own.has(n)));
    transpiled = transpileCell(rewriteScopeReferences(source, known));
  } catch (e) {
    return { ok: false, error: { name: 'SyntaxError', message: (e as Error).message, position: null } };
  }
  if (!transpiled.ok) return transpiled;
  const scoped = scopeCellCode(transpiled.code, analysis.declared);
  const wrapped = wrapCellCode(scoped.body, cellId);
  const lineOffset = functionHeaderLines() + scoped.preludeLines;
  const lineCount = source.split('\n').length;
  const captured: { fn: ((save: Save) => void) | null } = { fn: null };
  try {
    const fn = new AsyncFunction(...SCOPE_PARAMS, wrapped.body);
    await fn(scope, (c: (save: Save) => void) => { captured.fn = c; });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: describeCellError(e, lineOffset, wrapped.sourceUrl, lineCount) };
  } finally {
    captured.fn?.((name, get, set) => {
      if (Object.getOwnPropertyDescriptor(scope, name)?.configurable === false) return;
      Object.defineProperty(scope, name, { get, set, enumerable: true, configurable: true });
    });
  }
}
