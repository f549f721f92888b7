/**
 * Notebooks as files: Jupyter's nbformat 4 (.ipynb, with TypeScript kernel metadata so Jupyter
 * opens it with tslab or Deno) and plain .ts in the "percent" cell format (`// %%`) that VS Code,
 * Jupytext and Spyder understand.
 *
 * Imports treat the file as hostile: a bad file gives a NotebookImportError naming the problem
 * and never a half-built notebook. Things we cannot keep (outputs, raw cells) become warnings.
 */
import { z } from 'zod';
import {
  formatIssuePath, ID_PATTERN, MAX_CELLS, MAX_NAME_LENGTH, nextFreeId, parseNotebook,
  type Cell, type CellKind, type Notebook,
} from './notebook';

export class NotebookImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookImportError';
  }
}

/** What an import needs from the caller: ids and a clock stay outside lib/. */
export interface ImportContext {
  /** Id for the imported notebook (the page picks one free in its storage). */
  id: string;
  /** ISO timestamp for createdAt/updatedAt when the file does not carry them. */
  now: string;
  /** Name when the file has none, e.g. the file name without extension. */
  fallbackName?: string;
}

export interface ImportResult {
  notebook: Notebook;
  /** Things the import changed or dropped, in words for the reader. */
  warnings: string[];
}

/** Splits into lines that keep their "\n", as nbformat stores multi-line strings. */
export function toSourceLines(source: string): string[] {
  if (source === '') return [];
  const lines = source.split('\n').map((line) => `${line}\n`);
  const last = lines.length - 1;
  lines[last] = lines[last].slice(0, -1);
  if (lines[last] === '') lines.pop();
  return lines;
}

/** Picks a usable name: trimmed, one line, not too long. */
function cleanName(name: unknown, fallback: string): string {
  const first = typeof name === 'string' ? name.split(/\r?\n/)[0].trim() : '';
  const chosen = first || fallback.trim() || 'Imported notebook';
  return chosen.slice(0, MAX_NAME_LENGTH);
}

function validTimestamp(value: unknown, fallback: string): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : fallback;
}

/** Builds and validates the notebook, turning a schema failure into a NotebookImportError. */
function finish(fields: Omit<Notebook, 'cells'> & { cells: Cell[] }, what: string): Notebook {
  try {
    return parseNotebook(fields);
  } catch (e) {
    throw new NotebookImportError(`This ${what} could not be imported: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// .ipynb

export type TypeScriptKernel = 'tslab' | 'deno';

export interface IpynbExportOptions {
  /** tslab (Node) is the default; Deno's Jupyter kernel is the other common TypeScript one. */
  kernel?: TypeScriptKernel;
}

export interface IpynbKernelMetadata {
  kernelspec: { name: string; language: 'typescript'; display_name: string };
  language_info: { name: 'typescript'; file_extension: string; mimetype: string; codemirror_mode: object };
}

export type IpynbCell =
  | { cell_type: 'code'; id: string; metadata: Record<string, never>; source: string[]; outputs: []; execution_count: null }
  | { cell_type: 'markdown'; id: string; metadata: Record<string, never>; source: string[] };

/** The shape we write: nbformat 4.5. */
export interface IpynbFile {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: IpynbKernelMetadata & { marble: Omit<Notebook, 'cells'> };
  cells: IpynbCell[];
}

const KERNELS: Record<TypeScriptKernel, IpynbKernelMetadata> = {
  tslab: {
    kernelspec: { name: 'tslab', language: 'typescript', display_name: 'TypeScript' },
    language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript', codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true } },
  },
  deno: {
    kernelspec: { name: 'deno', language: 'typescript', display_name: 'Deno' },
    language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript', codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true } },
  },
};

/** The notebook as an nbformat 4.5 object (cell ids are valid nbformat ids by construction). */
export function notebookToIpynb(notebook: Notebook, options: IpynbExportOptions = {}): IpynbFile {
  const kernel = KERNELS[options.kernel ?? 'tslab'];
  if (!kernel) throw new Error(`notebookToIpynb: kernel must be "tslab" or "deno", got ${JSON.stringify(options.kernel)}`);
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      ...kernel,
      // Our own fields, so an export re-imported into Marble keeps its name and dates.
      marble: { id: notebook.id, name: notebook.name, createdAt: notebook.createdAt, updatedAt: notebook.updatedAt },
    },
    cells: notebook.cells.map((cell) => cell.kind === 'code'
      ? { cell_type: 'code', id: cell.id, metadata: {}, source: toSourceLines(cell.source), outputs: [], execution_count: null }
      : { cell_type: 'markdown', id: cell.id, metadata: {}, source: toSourceLines(cell.source) }),
  };
}

/** The .ipynb file text (indent 1 and a final newline, as Jupyter writes it). */
export function serializeIpynb(notebook: Notebook, options: IpynbExportOptions = {}): string {
  return `${JSON.stringify(notebookToIpynb(notebook, options), null, 1)}\n`;
}

const multilineSchema = z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' });

const ipynbSchema = z.object({
  nbformat: z.number({ error: 'expected a number (the nbformat version)' }),
  metadata: z.looseObject({}).optional(),
  cells: z.array(z.looseObject({
    cell_type: z.string({ error: 'expected "code", "markdown" or "raw"' }),
    id: z.unknown().optional(),
    source: multilineSchema,
    outputs: z.array(z.unknown(), { error: 'expected a list' }).optional(),
  }, { error: 'expected a cell object' }), { error: 'expected a list of cells' }),
}, { error: 'expected a notebook object' });

/** Reads .ipynb text (or an already parsed object) into a validated notebook. */
export function importIpynb(input: string | unknown, context: ImportContext): ImportResult {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new NotebookImportError(`This file is not a Jupyter notebook: it is not valid JSON (${(e as Error).message}).`);
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new NotebookImportError('This file is not a Jupyter notebook: expected a JSON object with "nbformat" and "cells".');
  }
  const version = (data as { nbformat?: unknown }).nbformat;
  if (typeof version === 'number' && version !== 4) {
    throw new NotebookImportError(`This notebook uses nbformat ${version}; only nbformat 4 can be imported (open and re-save it in a current Jupyter).`);
  }
  const parsed = ipynbSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
    throw new NotebookImportError(`This file is not a Jupyter notebook we can read: ${problems.join('; ')}.`);
  }
  const nb = parsed.data;
  if (nb.cells.length > MAX_CELLS) {
    throw new NotebookImportError(`This notebook has ${nb.cells.length} cells; at most ${MAX_CELLS} can be imported.`);
  }

  const warnings: string[] = [];
  const language = (nb.metadata?.kernelspec as { language?: unknown } | undefined)?.language
    ?? (nb.metadata?.language_info as { name?: unknown } | undefined)?.name;
  if (typeof language === 'string' && !/^(typescript|javascript)$/i.test(language)) {
    warnings.push(`This notebook was written for ${language}; its code cells will be run as TypeScript.`);
  }

  const cells: Cell[] = [];
  const taken = new Set<string>();
  let droppedOutputs = 0;
  nb.cells.forEach((raw, index) => {
    let kind: CellKind;
    if (raw.cell_type === 'code' || raw.cell_type === 'markdown') kind = raw.cell_type;
    else if (raw.cell_type === 'raw') {
      kind = 'markdown';
      warnings.push(`Cell ${index + 1} was a raw cell; it was imported as markdown.`);
    } else {
      throw new NotebookImportError(`This notebook could not be imported: cells[${index}].cell_type: expected "code", "markdown" or "raw", got ${JSON.stringify(raw.cell_type)}.`);
    }
    const source = Array.isArray(raw.source) ? raw.source.join('') : raw.source;
    const wanted = typeof raw.id === 'string' && ID_PATTERN.test(raw.id) && !taken.has(raw.id) ? raw.id : null;
    const id = wanted ?? nextFreeId([...taken, ...nb.cells.map((c) => (typeof c.id === 'string' ? c.id : ''))]);
    taken.add(id);
    if (raw.outputs?.length) droppedOutputs += raw.outputs.length;
    cells.push({ id, kind, source: source.replace(/\r\n/g, '\n') });
  });
  if (droppedOutputs > 0) warnings.push(`${droppedOutputs} saved output(s) were dropped; run the cells to see results.`);

  const marble = (nb.metadata?.marble ?? {}) as Record<string, unknown>;
  const notebook = finish({
    id: context.id,
    // Marble's own name first, then the optional title some Jupyter tools write.
    name: cleanName(marble.name ?? nb.metadata?.title, context.fallbackName ?? ''),
    cells,
    createdAt: validTimestamp(marble.createdAt, context.now),
    updatedAt: validTimestamp(marble.updatedAt, context.now),
  }, 'notebook');
  return { notebook, warnings };
}

// ---------------------------------------------------------------------------------------------
// Plain .ts in the percent format

const MARKER = /^\/\/ ?%%(.*)$/;
const NAME_HEADER = /^\/\/ Marble notebook: (.*)$/;

/**
 * The notebook as one .ts file: `// %%` starts a code cell, `// %% [markdown]` a markdown cell
 * whose lines are commented out. Cells are separated by one blank line, which import removes,
 * so export then import is exact (unless a code cell itself contains a `// %%` line).
 */
export function notebookToTypeScript(notebook: Notebook): string {
  const header = `// Marble notebook: ${notebook.name}\n\n`;
  const cells = notebook.cells.map((cell) => cell.kind === 'code'
    ? `// %%\n${cell.source}`
    : `// %% [markdown]\n${cell.source.split('\n').map((l) => (l === '' ? '//' : `// ${l}`)).join('\n')}`);
  return `${header}${cells.join('\n\n')}\n`;
}

/** Reads a .ts file: percent-format cells if it has markers, otherwise the whole file as one cell. */
export function importTypeScript(text: string, context: ImportContext): ImportResult {
  if (typeof text !== 'string') throw new NotebookImportError(`A TypeScript file must be text, got ${typeof text}.`);
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  const warnings: string[] = [];
  let name = context.fallbackName ?? '';
  const nameMatch = NAME_HEADER.exec(lines[0] ?? '');
  if (nameMatch) {
    name = nameMatch[1];
    lines.shift();
    if (lines[0] === '') lines.shift();
  }

  type Chunk = { kind: CellKind; lines: string[] };
  const chunks: Chunk[] = [];
  let current: Chunk | null = null;
  for (const line of lines) {
    const marker = MARKER.exec(line);
    if (marker) {
      current = { kind: /\[markdown\]|\[md\]/i.test(marker[1]) ? 'markdown' : 'code', lines: [] };
      chunks.push(current);
    } else {
      if (!current) {
        // Text before the first marker (or a file with none) is code.
        current = { kind: 'code', lines: [] };
        chunks.push(current);
      }
      current.lines.push(line);
    }
  }
  // Drop the one blank separator line that export puts after every cell.
  for (const chunk of chunks) if (chunk.lines.length > 0 && chunk.lines[chunk.lines.length - 1] === '') chunk.lines.pop();
  // A lone leading chunk of blank lines (e.g. after the header) is not a cell.
  if (chunks.length > 1 && chunks[0].lines.every((l) => l.trim() === '') && !MARKER.test(lines[0] ?? '')) chunks.shift();

  if (chunks.length > MAX_CELLS) {
    throw new NotebookImportError(`This file has ${chunks.length} cells; at most ${MAX_CELLS} can be imported.`);
  }
  const cells: Cell[] = chunks.map((chunk, i) => ({
    id: `cell-${i + 1}`,
    kind: chunk.kind,
    source: chunk.kind === 'markdown'
      ? chunk.lines.map((l) => (l === '//' ? '' : l.startsWith('// ') ? l.slice(3) : l)).join('\n')
      : chunk.lines.join('\n'),
  }));
  const notebook = finish({
    id: context.id, name: cleanName(name, ''), cells, createdAt: context.now, updatedAt: context.now,
  }, 'TypeScript file');
  return { notebook, warnings };
}
