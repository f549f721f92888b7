/**
 * From a cell's TypeScript to runnable JavaScript, and from an error back to the reader's line.
 *
 * sucrase only strips types (no type checking), which keeps it small enough to load on demand
 * in a worker, and it preserves line numbers, so a line in the emitted JavaScript is the same
 * line in the cell. The runtime evaluates the JavaScript inside a function built with
 * `new Function`/`AsyncFunction`; the engine counts that function's header lines (and any
 * prelude we add) too, so positions in a stack trace are offset by a known number of lines.
 */
import { transform } from 'sucrase';

/** A position in the reader's cell: both 1-based, as editors show them. */
export interface CellPosition {
  line: number;
  column: number;
}

export interface CellError {
  name: string;
  message: string;
  /** Where in the cell, when we can tell. */
  position: CellPosition | null;
}

export type TranspileResult =
  | { ok: true; code: string }
  | { ok: false; error: CellError };

/** Line and column (1-based) of a character offset. */
export function positionAt(source: string, offset: number): CellPosition {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (source.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, column: clamped - lineStart + 1 };
}

/**
 * Strips TypeScript from a cell. Modern syntax (optional chaining, class fields, top-level
 * await) is left as is: every browser that runs tfjs supports it, and fewer rewrites keep
 * columns closer to the source. A syntax error comes back with the cell position.
 */
export function transpileCell(source: string): TranspileResult {
  try {
    const { code } = transform(source, { transforms: ['typescript'], disableESTransforms: true });
    return { ok: true, code };
  } catch (e) {
    const err = e as Error & { pos?: unknown };
    // sucrase appends "(line:column)" to the message; we report the position separately.
    const message = String(err.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
    const position = typeof err.pos === 'number' ? positionAt(source, err.pos) : null;
    return { ok: false, error: { name: 'SyntaxError', message, position } };
  }
}

/** The `//# sourceURL` name that marks a cell's frames in stack traces (engines honour it). */
export function cellSourceUrl(cellId: string): string {
  return `marble-cell-${cellId.replace(/[^A-Za-z0-9_-]/g, '_')}.js`;
}

export interface WrappedCell {
  /** Function body: prelude, the cell's JavaScript, then a sourceURL comment. */
  body: string;
  /** Lines before the cell's first line inside the body (the prelude). */
  preludeLines: number;
  sourceUrl: string;
}

/**
 * Wraps transpiled cell code as a function body, tagged with a sourceURL so its frames can be
 * found in a stack. The total line offset to pass to `cellPositionFromStack` is
 * `measureFunctionHeaderLines(Ctor) + preludeLines`.
 */
export function wrapCellCode(code: string, cellId: string, prelude = ''): WrappedCell {
  const sourceUrl = cellSourceUrl(cellId);
  const head = prelude === '' ? '' : prelude.endsWith('\n') ? prelude : `${prelude}\n`;
  const preludeLines = head === '' ? 0 : head.split('\n').length - 1;
  return { body: `${head}${code}\n//# sourceURL=${sourceUrl}`, preludeLines, sourceUrl };
}

type FunctionConstructorLike = new (...args: string[]) => (...args: unknown[]) => unknown;

/**
 * How many lines an engine puts before a `new Function` body (V8: 2, "function anonymous(…\n) {\n").
 * Measured, not assumed, because engines differ; pass the constructor you will run cells with
 * (e.g. the AsyncFunction constructor) and the same parameter names.
 */
export function measureFunctionHeaderLines(
  Ctor: FunctionConstructorLike = Function as unknown as FunctionConstructorLike,
  params: readonly string[] = [],
): number {
  const url = 'marble-probe.js';
  const probe = new Ctor(...params, `return new Error("probe").stack;\n//# sourceURL=${url}`);
  let stack: unknown;
  try {
    stack = probe();
  } catch {
    return 0;
  }
  // An async constructor returns a promise; its stack is still taken synchronously, so retry plain.
  if (typeof stack !== 'string') {
    const plain = new Function(...params, `return new Error("probe").stack;\n//# sourceURL=${url}`);
    stack = plain();
  }
  const found = typeof stack === 'string' ? findFrame(stack, url) : null;
  return found ? Math.max(0, found.line - 1) : 0;
}

/** Line and column from one stack frame that mentions `url`, in V8, Firefox or Safari format. */
function findFrame(stack: string, url: string): CellPosition | null {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

// Frames of code made by new Function/eval when no sourceURL is present:
//   V8:      "at eval (eval at run (worker.js:10:5), <anonymous>:4:6)"
//   Firefox: "@worker.js line 10 > Function:4:6"   (or "> eval:4:6")
const ANONYMOUS_FRAMES = [/<anonymous>:(\d+):(\d+)\)/, /> (?:Function|eval):(\d+):(\d+)/];

/**
 * Where a runtime error happened in the reader's cell, from the error's stack.
 * `lineOffset` is how many lines the wrapper adds before the cell's first line. With
 * `sourceUrl` (from `wrapCellCode`) the first frame in that cell wins, so an error thrown
 * deep inside a library points at the cell line that called it. Returns null when the stack
 * holds no frame in the cell, or the line falls outside it (e.g. in the prelude).
 */
export function cellPositionFromStack(
  stack: string | undefined,
  lineOffset: number,
  sourceUrl?: string,
  cellLineCount?: number,
): CellPosition | null {
  if (typeof stack !== 'string' || stack === '') return null;
  let found: CellPosition | null = null;
  if (sourceUrl) found = findFrame(stack, sourceUrl);
  if (!found) {
    for (const pattern of ANONYMOUS_FRAMES) {
      const match = pattern.exec(stack);
      if (match) { found = { line: Number(match[1]), column: Number(match[2]) }; break; }
    }
  }
  if (!found) return null;
  const line = found.line - lineOffset;
  if (line < 1 || (cellLineCount !== undefined && line > cellLineCount)) return null;
  return { line, column: found.column };
}

/** Just the line: the question the reader's editor asks. */
export function cellLineFromStack(stack: string | undefined, lineOffset: number, sourceUrl?: string): number | null {
  return cellPositionFromStack(stack, lineOffset, sourceUrl)?.line ?? null;
}

/**
 * Anything a cell can throw (Errors, strings, objects, tfjs errors, out-of-memory RangeErrors)
 * as a CellError for the output area.
 */
export function describeCellError(
  thrown: unknown,
  lineOffset: number,
  sourceUrl?: string,
  cellLineCount?: number,
): CellError {
  if (thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown)) {
    const err = thrown as { name?: unknown; message?: unknown; stack?: unknown };
    const name = typeof err.name === 'string' && err.name ? err.name : 'Error';
    let message = typeof err.message === 'string' ? err.message : String(err.message);
    if (name === 'RangeError' && /allocation failed|out of memory|Invalid array length|Invalid typed array length/i.test(message)) {
      message += ' (the cell ran out of memory: try smaller sizes, and dispose tensors you no longer need)';
    }
    const stack = typeof err.stack === 'string' ? err.stack : undefined;
    return { name, message, position: cellPositionFromStack(stack, lineOffset, sourceUrl, cellLineCount) };
  }
  let text: string;
  try {
    text = typeof thrown === 'string' ? thrown : JSON.stringify(thrown) ?? String(thrown);
  } catch {
    text = String(thrown);
  }
  return { name: 'Thrown value', message: text, position: null };
}
