/**
 * The notebook model: a named list of code and markdown cells, plus pure operations on it.
 *
 * Every operation returns a new notebook and never mutates its input (so React state and undo
 * stacks can keep old versions); an operation that changes nothing returns the same object.
 * Ids come from `nextFreeId` (deterministic, no randomness) or are passed in by the caller.
 * Timestamps are passed in too (`touchNotebook`), so the model stays testable without a clock.
 */
import { z } from 'zod';

export type CellKind = 'code' | 'markdown';

export interface Cell {
  id: string;
  kind: CellKind;
  source: string;
}

export interface Notebook {
  id: string;
  name: string;
  cells: Cell[];
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** Ids double as nbformat 4.5 cell ids, so they follow its pattern and length. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Long enough for a title, short enough for a tab and a file name. */
export const MAX_NAME_LENGTH = 120;
/** A notebook is a lesson-sized thing; these caps stop a hostile file from eating memory. */
export const MAX_CELLS = 500;
export const MAX_SOURCE_LENGTH = 200_000;

export const CELL_KINDS: readonly CellKind[] = ['code', 'markdown'];

// ---------------------------------------------------------------------------------------------
// Ids and construction

/**
 * The smallest `${prefix}-N` (N ≥ 1) not in `taken`. Deterministic, so tests and shared links
 * reproduce; collision-free because it looks at what exists instead of keeping a counter.
 */
export function nextFreeId(taken: Iterable<string>, prefix = 'cell'): string {
  if (!ID_PATTERN.test(`${prefix}-1`)) {
    throw new Error(`nextFreeId: prefix "${prefix}" must use only letters, digits, "-" and "_"`);
  }
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!used.has(id)) return id;
  }
}

/** The id `addCell` would give the next new cell of this notebook. */
export function nextCellId(notebook: Notebook): string {
  return nextFreeId(notebook.cells.map((c) => c.id), 'cell');
}

export interface NewNotebook {
  id: string;
  name: string;
  /** ISO timestamp used for both createdAt and updatedAt. */
  now: string;
  /** Cells without ids get `cell-1`, `cell-2`, ... in order. */
  cells?: ReadonlyArray<{ kind: CellKind; source?: string; id?: string }>;
}

/** A fresh notebook; validates the result so a bad id or name fails here, not on save. */
export function createNotebook({ id, name, now, cells = [] }: NewNotebook): Notebook {
  const built: Cell[] = [];
  for (const c of cells) {
    const cellId = c.id ?? nextFreeId(built.map((b) => b.id).concat(cells.flatMap((x) => (x.id ? [x.id] : []))));
    built.push({ id: cellId, kind: c.kind, source: c.source ?? '' });
  }
  return parseNotebook({ id, name, cells: built, createdAt: now, updatedAt: now });
}

// ---------------------------------------------------------------------------------------------
// Operations

function indexOfCell(notebook: Notebook, cellId: string, op: string): number {
  const index = notebook.cells.findIndex((c) => c.id === cellId);
  if (index < 0) throw new Error(`${op}: no cell with id "${cellId}" in notebook "${notebook.id}"`);
  return index;
}

function withCells(notebook: Notebook, cells: Cell[]): Notebook {
  return { ...notebook, cells };
}

export interface AddCellOptions {
  kind: CellKind;
  source?: string;
  /** Insert after this cell; omitted: append at the end. */
  afterId?: string;
  /** Defaults to `nextCellId(notebook)`. */
  id?: string;
}

/** Adds a cell (after `afterId`, or at the end). Use `nextCellId` first if you need its id. */
export function addCell(notebook: Notebook, options: AddCellOptions): Notebook {
  const { kind, source = '', afterId } = options;
  if (!CELL_KINDS.includes(kind)) throw new Error(`addCell: kind must be "code" or "markdown", got ${JSON.stringify(kind)}`);
  if (notebook.cells.length >= MAX_CELLS) throw new Error(`addCell: a notebook holds at most ${MAX_CELLS} cells`);
  const id = options.id ?? nextCellId(notebook);
  if (!ID_PATTERN.test(id)) throw new Error(`addCell: id "${id}" must be 1-64 letters, digits, "-" or "_"`);
  if (notebook.cells.some((c) => c.id === id)) throw new Error(`addCell: id "${id}" is already used in notebook "${notebook.id}"`);
  const at = afterId === undefined ? notebook.cells.length : indexOfCell(notebook, afterId, 'addCell') + 1;
  const cells = notebook.cells.slice();
  cells.splice(at, 0, { id, kind, source });
  return withCells(notebook, cells);
}

export function deleteCell(notebook: Notebook, cellId: string): Notebook {
  const index = indexOfCell(notebook, cellId, 'deleteCell');
  return withCells(notebook, notebook.cells.filter((_, i) => i !== index));
}

/** Moves a cell one place up or down; at the edge it returns the notebook unchanged. */
export function moveCell(notebook: Notebook, cellId: string, direction: 'up' | 'down'): Notebook {
  if (direction !== 'up' && direction !== 'down') {
    throw new Error(`moveCell: direction must be "up" or "down", got ${JSON.stringify(direction)}`);
  }
  const index = indexOfCell(notebook, cellId, 'moveCell');
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= notebook.cells.length) return notebook;
  const cells = notebook.cells.slice();
  [cells[index], cells[target]] = [cells[target], cells[index]];
  return withCells(notebook, cells);
}

export const moveCellUp = (notebook: Notebook, cellId: string): Notebook => moveCell(notebook, cellId, 'up');
export const moveCellDown = (notebook: Notebook, cellId: string): Notebook => moveCell(notebook, cellId, 'down');

export function updateCellSource(notebook: Notebook, cellId: string, source: string): Notebook {
  if (typeof source !== 'string') throw new Error(`updateCellSource: source must be a string, got ${typeof source}`);
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new Error(`updateCellSource: a cell holds at most ${MAX_SOURCE_LENGTH} characters, got ${source.length}`);
  }
  const index = indexOfCell(notebook, cellId, 'updateCellSource');
  if (notebook.cells[index].source === source) return notebook;
  const cells = notebook.cells.slice();
  cells[index] = { ...cells[index], source };
  return withCells(notebook, cells);
}

export function setCellKind(notebook: Notebook, cellId: string, kind: CellKind): Notebook {
  if (!CELL_KINDS.includes(kind)) throw new Error(`setCellKind: kind must be "code" or "markdown", got ${JSON.stringify(kind)}`);
  const index = indexOfCell(notebook, cellId, 'setCellKind');
  if (notebook.cells[index].kind === kind) return notebook;
  const cells = notebook.cells.slice();
  cells[index] = { ...cells[index], kind };
  return withCells(notebook, cells);
}

/** Trims the name; rejects empty, multi-line or over-long names with a reason. */
export function renameNotebook(notebook: Notebook, name: string): Notebook {
  const problem = nameProblem(name);
  if (problem) throw new Error(`renameNotebook: name ${problem}`);
  const trimmed = name.trim();
  return trimmed === notebook.name ? notebook : { ...notebook, name: trimmed };
}

/** Stamps updatedAt (call when saving a changed notebook). */
export function touchNotebook(notebook: Notebook, now: string): Notebook {
  if (Number.isNaN(Date.parse(now))) throw new Error(`touchNotebook: now must be an ISO timestamp, got ${JSON.stringify(now)}`);
  return { ...notebook, updatedAt: now };
}

/** Why a name is unacceptable ("must not be empty"), or null when it is fine. */
export function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `must be a string, got ${typeof name}`;
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'must not be empty';
  if (trimmed.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters, got ${trimmed.length}`;
  if (/[\r\n]/.test(trimmed)) return 'must be a single line';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Validation of untrusted notebooks (storage, shared links, imported files)

const idSchema = z.string({ error: 'expected a string id' })
  .regex(ID_PATTERN, { error: 'expected 1-64 letters, digits, "-" or "_"' });

const timestampSchema = z.string({ error: 'expected an ISO timestamp string' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'expected an ISO timestamp' });

const cellSchema = z.object({
  id: idSchema,
  kind: z.enum(['code', 'markdown'], { error: 'expected "code" or "markdown"' }),
  source: z.string({ error: 'expected a string' })
    .max(MAX_SOURCE_LENGTH, { error: `expected at most ${MAX_SOURCE_LENGTH} characters` }),
}, { error: 'expected a cell object' });

const notebookSchema = z.object({
  id: idSchema,
  name: z.string({ error: 'expected a string' }).superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  cells: z.array(cellSchema, { error: 'expected a list of cells' })
    .max(MAX_CELLS, { error: `expected at most ${MAX_CELLS} cells` })
    // Runs only once every cell is well-formed (zod skips refinements on invalid input).
    .superRefine((cells, ctx) => {
      const seen = new Set<string>();
      cells.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate cell id "${c.id}"` });
        seen.add(c.id);
      });
    }),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
}, { error: 'expected a notebook object' });

/** Formats a zod path as `cells[2].kind`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(the notebook itself)';
}

export class NotebookValidationError extends Error {
  /** One `path: problem` line per issue, e.g. `cells[2].kind: expected "code" or "markdown"`. */
  readonly problems: string[];
  constructor(problems: string[]) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`Not a valid notebook: ${shown}${more}`);
    this.name = 'NotebookValidationError';
    this.problems = problems;
  }
}

export type NotebookParseResult =
  | { ok: true; notebook: Notebook }
  | { ok: false; error: NotebookValidationError };

/** Validates untrusted input; never throws. Unknown extra fields are dropped. */
export function safeParseNotebook(input: unknown): NotebookParseResult {
  const result = notebookSchema.safeParse(input);
  if (result.success) return { ok: true, notebook: result.data };
  const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  return { ok: false, error: new NotebookValidationError(problems) };
}

/** Validates untrusted input, throwing a NotebookValidationError that names each bad field. */
export function parseNotebook(input: unknown): Notebook {
  const result = safeParseNotebook(input);
  if (!result.ok) throw result.error;
  return result.notebook;
}
