import { describe, expect, it } from 'vitest';
import { createNotebook, type Notebook } from '@/lib/notebook/notebook';
import {
  importIpynb, importTypeScript, notebookToIpynb, notebookToTypeScript, NotebookImportError,
  serializeIpynb, toSourceLines,
} from '@/lib/notebook/ipynb';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-03-03T00:00:00.000Z';
const ctx = { id: 'nb-9', now: LATER, fallbackName: 'upload' };

const sample: Notebook = createNotebook({
  id: 'nb-1', name: 'Masked diffusion 🎭', now: NOW,
  cells: [
    { kind: 'markdown', source: '# Corrupt and restore\n\nMask rate $t \\in [0, 1]$.' },
    { kind: 'code', source: 'const t: number = 0.5;\nshow(t);\n' },
    { kind: 'code', source: '' },
    { kind: 'markdown', source: '' },
    { kind: 'code', source: '\n\nconst x = 1;\n\n\n' },
    { kind: 'markdown', source: '  indented\n//not a comment\n\nend\n' },
  ],
});

describe('ipynb export', () => {
  it('writes nbformat 4 with TypeScript kernel metadata', () => {
    const nb = notebookToIpynb(sample);
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nb.metadata.kernelspec).toEqual({ name: 'tslab', language: 'typescript', display_name: 'TypeScript' });
    expect(nb.metadata.language_info.name).toBe('typescript');
    expect(notebookToIpynb(sample, { kernel: 'deno' }).metadata.kernelspec.name).toBe('deno');
  });

  it('code cells carry source lines, empty outputs and a null execution count', () => {
    const cells = notebookToIpynb(sample).cells;
    expect(cells[1]).toEqual({
      cell_type: 'code', id: 'cell-2', metadata: {}, source: ['const t: number = 0.5;\n', 'show(t);\n'],
      outputs: [], execution_count: null,
    });
    expect(cells[0].cell_type).toBe('markdown');
    expect(cells[0]).not.toHaveProperty('outputs');
    expect(cells[2].source).toEqual([]);
  });

  it('source lines keep their newlines, as Jupyter stores them', () => {
    expect(toSourceLines('')).toEqual([]);
    expect(toSourceLines('a')).toEqual(['a']);
    expect(toSourceLines('a\nb')).toEqual(['a\n', 'b']);
    expect(toSourceLines('a\n')).toEqual(['a\n']);
    expect(toSourceLines('\n\n')).toEqual(['\n', '\n']);
  });
});

describe('ipynb import', () => {
  it('export then import gives the same notebook (cells, kinds, sources, name, dates)', () => {
    const { notebook, warnings } = importIpynb(serializeIpynb(sample), ctx);
    expect(warnings).toEqual([]);
    expect(notebook).toEqual({ ...sample, id: 'nb-9' });
  });

  it('a notebook written by Jupyter imports with string sources, outputs dropped and a warning', () => {
    const jupyter = {
      nbformat: 4, nbformat_minor: 2,
      metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: 'Title\r\nline two' },
        { cell_type: 'code', metadata: {}, source: ['print(1)\n', 'print(2)'], outputs: [{ output_type: 'stream', text: ['1\n'] }], execution_count: 3 },
        { cell_type: 'raw', metadata: {}, source: 'raw text' },
      ],
    };
    const { notebook, warnings } = importIpynb(JSON.stringify(jupyter), ctx);
    expect(notebook.name).toBe('upload');
    expect(notebook.createdAt).toBe(LATER);
    expect(notebook.cells).toEqual([
      { id: 'cell-1', kind: 'markdown', source: 'Title\nline two' },
      { id: 'cell-2', kind: 'code', source: 'print(1)\nprint(2)' },
      { id: 'cell-3', kind: 'markdown', source: 'raw text' },
    ]);
    expect(warnings.join('\n')).toMatch(/written for python/);
    expect(warnings.join('\n')).toMatch(/Cell 3 was a raw cell/);
    expect(warnings.join('\n')).toMatch(/1 saved output\(s\) were dropped/);
  });

  it('duplicate or invalid cell ids are replaced by fresh ones', () => {
    const file = { nbformat: 4, cells: [
      { cell_type: 'code', id: 'same', source: 'a' },
      { cell_type: 'code', id: 'same', source: 'b' },
      { cell_type: 'code', id: 'not valid!', source: 'c' },
    ] };
    expect(importIpynb(file, ctx).notebook.cells.map((c) => c.id)).toEqual(['same', 'cell-1', 'cell-2']);
  });

  it('corrupted and truncated files are rejected with a clear NotebookImportError', () => {
    const text = serializeIpynb(sample);
    expect(() => importIpynb(text.slice(0, text.length / 2), ctx)).toThrow(NotebookImportError);
    expect(() => importIpynb(text.slice(0, text.length / 2), ctx)).toThrow(/not valid JSON/);
    expect(() => importIpynb('[1,2]', ctx)).toThrow(/expected a JSON object/);
    expect(() => importIpynb('{"nbformat":3,"worksheets":[]}', ctx)).toThrow(/nbformat 3; only nbformat 4/);
    expect(() => importIpynb('{"nbformat":4}', ctx)).toThrow(/cells: expected a list of cells/);
    expect(() => importIpynb({ nbformat: 4, cells: [{ cell_type: 'code', source: 5 }] }, ctx))
      .toThrow(/cells\[0\]\.source: expected a string or a list of strings/);
    expect(() => importIpynb({ nbformat: 4, cells: [{ cell_type: 'widget', source: '' }] }, ctx))
      .toThrow(/cells\[0\]\.cell_type: expected "code", "markdown" or "raw", got "widget"/);
  });

  it('a bad notebook id from the caller is reported, not silently used', () => {
    expect(() => importIpynb(serializeIpynb(sample), { ...ctx, id: 'bad id' })).toThrow(/could not be imported: .*id:/);
  });
});

describe('plain .ts export and import', () => {
  it('markdown becomes comments under percent markers', () => {
    const ts = notebookToTypeScript(sample);
    expect(ts.startsWith('// Marble notebook: Masked diffusion 🎭\n\n// %% [markdown]\n// # Corrupt and restore\n//\n// Mask rate')).toBe(true);
    expect(ts).toContain('// %%\nconst t: number = 0.5;\nshow(t);\n');
  });

  it('export then import gives the same notebook', () => {
    const { notebook } = importTypeScript(notebookToTypeScript(sample), { ...ctx, id: 'nb-1', now: NOW });
    expect(notebook).toEqual(sample);
  });

  it('a plain .ts file without markers becomes one code cell named after the file', () => {
    const { notebook } = importTypeScript('const a = 1;\r\nshow(a);\n', ctx);
    expect(notebook.name).toBe('upload');
    expect(notebook.cells).toEqual([{ id: 'cell-1', kind: 'code', source: 'const a = 1;\nshow(a);' }]);
  });

  it('code before the first marker is kept as a code cell', () => {
    const { notebook } = importTypeScript('import x from "y";\n\n// %% [markdown]\n// hi\n', ctx);
    expect(notebook.cells.map((c) => [c.kind, c.source])).toEqual([['code', 'import x from "y";'], ['markdown', 'hi']]);
  });
});
