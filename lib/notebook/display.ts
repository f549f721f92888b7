/**
 * Pure formatting of values for a cell's output: `show(value)`, console.log arguments and
 * `table(rows)`. Every formatter is bounded (items per array, depth, total characters), because
 * a reader's `show(new Float32Array(1e7))` must not freeze the page or flood the output area.
 *
 * Tensors are described from a plain `{ shape, dtype, values }` object (the runtime reads a
 * tensor's values with `await t.data()` and passes them in), so this module needs no tfjs.
 */

export interface DisplayOptions {
  /** Items shown per array, set, map or object before "(truncated: N more)". */
  maxItems?: number;
  /** Nesting shown before an object collapses to "[Object]". */
  maxDepth?: number;
  /** Total characters of one output; the rest becomes a note. */
  maxChars?: number;
  /** Characters shown of one string nested inside a value. */
  maxStringChars?: number;
}

/** Defaults sized for an output area a reader can scan: 100 items, 4 levels, 10k characters. */
export const DEFAULT_DISPLAY: Required<DisplayOptions> = {
  maxItems: 100, maxDepth: 4, maxChars: 10_000, maxStringChars: 1_000,
};

/** What the runtime passes for a tensor: shape, dtype and its values read with `await t.data()`. */
export interface TensorLike {
  shape: readonly number[];
  dtype: string;
  values: ArrayLike<number | string | boolean> | ArrayLike<bigint>;
}

export interface TensorSummary {
  shape: number[];
  dtype: string;
  size: number;
  /** Nested brackets like numpy; large tensors show 3 items at each end of every axis. */
  preview: string;
  truncated: boolean;
}

const note = (n: number, unit = '') => `… (truncated: ${n} more${unit ? ` ${unit}` : ''})`;

/** Cuts text to `maxChars`, saying how many characters were left out. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n${note(text.length - maxChars, 'characters')}`;
}

/** Numbers as a reader expects: -0, NaN and Infinity visible; floats at up to 6 significant digits in tensors. */
export function formatNumber(n: number, compact = false): string {
  if (Object.is(n, -0)) return '-0';
  if (!compact || Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return n.toExponential(3);
  return String(Number(n.toPrecision(6)));
}

export function isTensorLike(value: unknown): value is TensorLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TensorLike>;
  return Array.isArray(v.shape) && v.shape.every((d) => Number.isInteger(d) && d >= 0)
    && typeof v.dtype === 'string'
    && typeof v.values === 'object' && v.values !== null && typeof (v.values as ArrayLike<unknown>).length === 'number';
}

/**
 * A live tfjs tensor (shape, dtype and a dataId, but no values read yet). The runtime should
 * replace these with `{ shape, dtype, values: await t.data() }` before formatting; if one slips
 * through, we still show its shape and dtype instead of walking its internals.
 */
export function isTensorHandle(value: unknown): value is { shape: number[]; dtype: string; size: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { shape?: unknown; dtype?: unknown; dataId?: unknown; values?: unknown };
  return Array.isArray(v.shape) && typeof v.dtype === 'string' && v.dataId !== undefined && v.values === undefined;
}

function formatScalar(x: unknown): string {
  if (typeof x === 'number') return formatNumber(x, true);
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'bigint') return `${x}n`;
  return String(x);
}

/** Describes a tensor; throws if values do not match the shape (a runtime bug worth seeing). */
export function describeTensor(tensor: TensorLike, options: DisplayOptions = {}): TensorSummary {
  const { maxItems } = { ...DEFAULT_DISPLAY, ...options };
  const shape = [...tensor.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  if (tensor.values.length !== size) {
    throw new Error(`describeTensor: shape [${shape.join(', ')}] needs ${size} values, got ${tensor.values.length}`);
  }
  const values = tensor.values as ArrayLike<unknown>;
  const truncated = size > maxItems;
  const edge = 3;
  // strides[d]: how many flat values one step along axis d skips.
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const render = (axis: number, offset: number): string => {
    if (axis === shape.length) return formatScalar(values[offset]);
    const n = shape[axis];
    const idx: (number | null)[] = truncated && n > 2 * edge
      ? [...Array.from({ length: edge }, (_, i) => i), null, ...Array.from({ length: edge }, (_, i) => n - edge + i)]
      : Array.from({ length: n }, (_, i) => i);
    const parts = idx.map((i) => (i === null ? '…' : render(axis + 1, offset + i * strides[axis])));
    const sep = axis === shape.length - 1 ? ', ' : `,\n${' '.repeat(axis + 1)}`;
    return `[${parts.join(sep)}]`;
  };
  return { shape, dtype: tensor.dtype, size, preview: render(0, 0), truncated };
}

/** One line header plus preview, as `show(tensor)` prints it. */
export function formatTensor(tensor: TensorLike, options: DisplayOptions = {}): string {
  const s = describeTensor(tensor, options);
  const head = `Tensor shape=[${s.shape.join(', ')}] dtype=${s.dtype} size=${s.size}`;
  return `${head}${s.truncated ? ' (preview)' : ''}\n${s.preview}`;
}

type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function constructorName(value: object): string | null {
  try {
    const proto = Object.getPrototypeOf(value);
    if (proto === null) return null;
    const name = proto.constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? name : null;
  } catch {
    return null;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A value as text, like a friendly console: top-level strings raw, nested strings quoted,
 * long collections truncated with a note, deep nesting collapsed, cycles marked, tensors described.
 */
export function formatValue(value: unknown, options: DisplayOptions = {}): string {
  const opts = { ...DEFAULT_DISPLAY, ...options };
  if (typeof value === 'string') return capText(value, opts.maxChars);
  return capText(formatNested(value, opts, 0, new Set()), opts.maxChars);
}

/** console.log arguments, joined by spaces as browsers do. */
export function formatLogArgs(args: readonly unknown[], options: DisplayOptions = {}): string {
  const opts = { ...DEFAULT_DISPLAY, ...options };
  return capText(args.map((a) => (typeof a === 'string' ? a : formatNested(a, opts, 0, new Set()))).join(' '), opts.maxChars);
}

function listItems(items: string[], hidden: number, open: string, close: string): string {
  if (hidden > 0) items.push(note(hidden));
  if (items.length === 0) return `${open}${close}`;
  const oneLine = `${open} ${items.join(', ')} ${close}`;
  if (oneLine.length <= 72 && !oneLine.includes('\n')) return open === '[' ? `[${items.join(', ')}]` : oneLine;
  return `${open}\n${items.map((i) => `  ${i.replace(/\n/g, '\n  ')}`).join(',\n')}\n${close}`;
}

function formatNested(value: unknown, opts: Required<DisplayOptions>, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string': {
      const cut = value.length > opts.maxStringChars;
      const shown = JSON.stringify(cut ? value.slice(0, opts.maxStringChars) : value);
      return cut ? `${shown}${note(value.length - opts.maxStringChars, 'characters')}` : shown;
    }
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    case 'boolean': case 'undefined': return String(value);
    case 'symbol': return value.toString();
    case 'function': return `[Function${value.name ? `: ${value.name}` : ' (anonymous)'}]`;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[Circular]';
  if (isTensorLike(obj)) {
    try { return formatTensor(obj, opts); } catch (e) { return `[Tensor-like value: ${(e as Error).message}]`; }
  }
  if (isTensorHandle(obj)) return `Tensor shape=[${obj.shape.join(', ')}] dtype=${obj.dtype} (values not read)`;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (obj instanceof Promise) return 'Promise { … } (use await to see its value)';

  const name = constructorName(obj);
  if (depth >= opts.maxDepth) {
    if (Array.isArray(obj)) return `[Array(${obj.length})]`;
    return `[${name ?? 'Object'}]`;
  }
  seen.add(obj);
  try {
    if (isTypedArray(obj)) {
      const shown = Array.from({ length: Math.min(obj.length, opts.maxItems) }, (_, i) => {
        const x = obj[i];
        return typeof x === 'bigint' ? `${x}n` : formatNumber(x, true);
      });
      return `${name ?? 'TypedArray'}(${obj.length}) ${listItems(shown, obj.length - shown.length, '[', ']')}`;
    }
    if (Array.isArray(obj)) {
      const shown: string[] = [];
      for (let i = 0; i < Math.min(obj.length, opts.maxItems); i++) {
        shown.push(i in obj ? formatNested(obj[i], opts, depth + 1, seen) : '<empty>');
      }
      return listItems(shown, obj.length - shown.length, '[', ']');
    }
    if (obj instanceof Map) {
      const shown: string[] = [];
      for (const [k, v] of obj) {
        if (shown.length >= opts.maxItems) break;
        shown.push(`${formatNested(k, opts, depth + 1, seen)} => ${formatNested(v, opts, depth + 1, seen)}`);
      }
      return `Map(${obj.size}) ${listItems(shown, obj.size - shown.length, '{', '}')}`;
    }
    if (obj instanceof Set) {
      const shown: string[] = [];
      for (const v of obj) {
        if (shown.length >= opts.maxItems) break;
        shown.push(formatNested(v, opts, depth + 1, seen));
      }
      return `Set(${obj.size}) ${listItems(shown, obj.size - shown.length, '{', '}')}`;
    }
    const keys = Object.keys(obj);
    const shown: string[] = [];
    for (const key of keys.slice(0, opts.maxItems)) {
      let text: string;
      try {
        text = formatNested((obj as Record<string, unknown>)[key], opts, depth + 1, seen);
      } catch (e) {
        text = `[getter threw: ${(e as Error)?.message ?? String(e)}]`;
      }
      shown.push(`${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${text}`);
    }
    const body = listItems(shown, keys.length - shown.length, '{', '}');
    return name ? `${name} ${body}` : body;
  } finally {
    seen.delete(obj);
  }
}

// ---------------------------------------------------------------------------------------------
// table(rows)

export interface TableData {
  /** Union of keys over all rows, in first-seen order. */
  columns: string[];
  /** Cells as display text; a row without a column has "" there. */
  rows: string[][];
  /** Rows left out beyond `maxRows`. */
  hiddenRows: number;
  /** Columns left out beyond `maxColumns`. */
  hiddenColumns: number;
}

export interface TableOptions extends DisplayOptions {
  /** Rows shown; a table is for reading, so 200 by default. */
  maxRows?: number;
  /** Columns shown; 30 by default. */
  maxColumns?: number;
}

/**
 * Normalises what a reader passes to `table(...)`: an array of objects (columns are the union
 * of keys), an array of arrays (columns "0", "1", ...), an array of scalars (one "value"
 * column) or a single object (one row per key, columns "key" and "value").
 */
export function normalizeTable(input: unknown, options: TableOptions = {}): TableData {
  const maxRows = options.maxRows ?? 200;
  const maxColumns = options.maxColumns ?? 30;
  const cellOptions: DisplayOptions = { maxItems: 10, maxDepth: 1, maxChars: 200, maxStringChars: 200, ...options };
  const cell = (v: unknown) => (v === undefined ? '' : formatValue(v, cellOptions));

  let records: unknown[];
  if (Array.isArray(input)) records = input;
  else if (isTypedArray(input)) records = Array.from(input as ArrayLike<unknown>);
  else if (typeof input === 'object' && input !== null) {
    const entries = input instanceof Map ? [...input.entries()] : Object.entries(input);
    records = entries.map(([key, value]) => ({ key: typeof key === 'string' ? key : cell(key), value }));
  } else {
    throw new Error(`table: expected an array of rows or an object, got ${input === null ? 'null' : typeof input}`);
  }

  const shownRecords = records.slice(0, maxRows);
  const columns: string[] = [];
  const seen = new Set<string>();
  const addColumn = (key: string) => { if (!seen.has(key)) { seen.add(key); columns.push(key); } };
  const isRecord = (r: unknown): r is Record<string, unknown> =>
    typeof r === 'object' && r !== null && !Array.isArray(r) && !isTypedArray(r) && !isTensorLike(r);

  for (const r of shownRecords) {
    if (Array.isArray(r)) r.forEach((_, i) => addColumn(String(i)));
    else if (isRecord(r)) Object.keys(r).forEach(addColumn);
    else addColumn('value');
  }
  const shownColumns = columns.slice(0, maxColumns);
  const rows = shownRecords.map((r) => shownColumns.map((col) => {
    if (Array.isArray(r)) return /^\d+$/.test(col) ? cell(r[Number(col)]) : '';
    if (isRecord(r)) return Object.prototype.hasOwnProperty.call(r, col) ? cell(r[col]) : '';
    return col === 'value' ? cell(r) : '';
  }));
  return {
    columns: shownColumns,
    rows,
    hiddenRows: records.length - shownRecords.length,
    hiddenColumns: columns.length - shownColumns.length,
  };
}
