import { describe, expect, it } from 'vitest';
import {
  addCell, createNotebook, deleteCell, moveCell, moveCellDown, moveCellUp, nextCellId, nextFreeId,
  NotebookValidationError, parseNotebook, renameNotebook, safeParseNotebook, setCellKind, touchNotebook,
  updateCellSource, type Notebook,
} from '@/lib/notebook/notebook';

const NOW = '2026-01-01T00:00:00.000Z';
const sample = (): Notebook => createNotebook({
  id: 'nb-1', name: 'Two moons', now: NOW,
  cells: [{ kind: 'markdown', source: '# Title' }, { kind: 'code', source: 'show(1)' }, { kind: 'code', source: 'show(2)' }],
});

describe('notebook operations', () => {
  it('a new notebook numbers its cells cell-1, cell-2, ... and stamps both dates', () => {
    const nb = sample();
    expect(nb.cells.map((c) => c.id)).toEqual(['cell-1', 'cell-2', 'cell-3']);
    expect(nb.createdAt).toBe(NOW);
    expect(nb.updatedAt).toBe(NOW);
  });

  it('nextFreeId fills the smallest gap and never repeats a taken id', () => {
    expect(nextFreeId([])).toBe('cell-1');
    expect(nextFreeId(['cell-1', 'cell-3'])).toBe('cell-2');
    expect(nextFreeId(['nb-1', 'nb-2'], 'nb')).toBe('nb-3');
    expect(() => nextFreeId([], 'bad prefix')).toThrow(/prefix/);
  });

  it('adding a cell appends it, or inserts it after a given cell, without mutating the input', () => {
    const nb = sample();
    const appended = addCell(nb, { kind: 'code', source: 'x' });
    expect(appended.cells.map((c) => c.id)).toEqual(['cell-1', 'cell-2', 'cell-3', 'cell-4']);
    const inserted = addCell(nb, { kind: 'markdown', afterId: 'cell-1' });
    expect(inserted.cells.map((c) => c.id)).toEqual(['cell-1', 'cell-4', 'cell-2', 'cell-3']);
    expect(inserted.cells[1]).toEqual({ id: 'cell-4', kind: 'markdown', source: '' });
    expect(nb.cells).toHaveLength(3);
    expect(nextCellId(nb)).toBe('cell-4');
  });

  it('adding rejects a duplicate id, a bad kind and an unknown anchor, naming them', () => {
    const nb = sample();
    expect(() => addCell(nb, { kind: 'code', id: 'cell-2' })).toThrow(/"cell-2" is already used/);
    expect(() => addCell(nb, { kind: 'python' as never })).toThrow(/kind must be "code" or "markdown"/);
    expect(() => addCell(nb, { kind: 'code', afterId: 'nope' })).toThrow(/no cell with id "nope"/);
  });

  it('deleting removes exactly that cell; deleting an unknown id throws', () => {
    const nb = deleteCell(sample(), 'cell-2');
    expect(nb.cells.map((c) => c.id)).toEqual(['cell-1', 'cell-3']);
    expect(() => deleteCell(nb, 'cell-2')).toThrow(/deleteCell: no cell with id "cell-2"/);
  });

  it('moving swaps neighbours and is a no-op at the edges', () => {
    const nb = sample();
    expect(moveCellUp(nb, 'cell-2').cells.map((c) => c.id)).toEqual(['cell-2', 'cell-1', 'cell-3']);
    expect(moveCellDown(nb, 'cell-2').cells.map((c) => c.id)).toEqual(['cell-1', 'cell-3', 'cell-2']);
    expect(moveCellUp(nb, 'cell-1')).toBe(nb);
    expect(moveCellDown(nb, 'cell-3')).toBe(nb);
    expect(() => moveCell(nb, 'cell-1', 'left' as never)).toThrow(/direction/);
  });

  it('updating the source changes one cell and returns the same notebook when nothing changed', () => {
    const nb = sample();
    const updated = updateCellSource(nb, 'cell-2', 'show(42)');
    expect(updated.cells[1].source).toBe('show(42)');
    expect(updated.cells[0]).toBe(nb.cells[0]);
    expect(updateCellSource(nb, 'cell-2', 'show(1)')).toBe(nb);
    expect(setCellKind(nb, 'cell-2', 'markdown').cells[1].kind).toBe('markdown');
  });

  it('renaming trims and rejects empty, multi-line and over-long names', () => {
    const nb = sample();
    expect(renameNotebook(nb, '  Moons  ').name).toBe('Moons');
    expect(() => renameNotebook(nb, '   ')).toThrow(/must not be empty/);
    expect(() => renameNotebook(nb, 'a\nb')).toThrow(/single line/);
    expect(() => renameNotebook(nb, 'x'.repeat(500))).toThrow(/at most 120/);
  });

  it('touching stamps updatedAt and keeps createdAt', () => {
    const later = touchNotebook(sample(), '2026-02-02T00:00:00.000Z');
    expect(later.updatedAt).toBe('2026-02-02T00:00:00.000Z');
    expect(later.createdAt).toBe(NOW);
    expect(() => touchNotebook(sample(), 'yesterday')).toThrow(/ISO timestamp/);
  });
});

describe('notebook validation', () => {
  it('a valid notebook parses to an equal value, dropping unknown fields', () => {
    const nb = sample();
    expect(parseNotebook(JSON.parse(JSON.stringify({ ...nb, extra: 1 })))).toEqual(nb);
  });

  it('a bad cell kind is reported with its path', () => {
    const bad = { ...sample(), cells: [{ id: 'a', kind: 'code', source: '' }, { id: 'b', kind: 'python', source: '' }] };
    expect(() => parseNotebook(bad)).toThrow(NotebookValidationError);
    expect(() => parseNotebook(bad)).toThrow(/cells\[1\]\.kind: expected "code" or "markdown"/);
  });

  it('missing fields, wrong types and duplicate ids are each named', () => {
    const result = safeParseNotebook({ id: 'nb', name: 3, cells: [{ id: 'a', kind: 'code', source: 1 }, { id: 'a', kind: 'code', source: '' }], createdAt: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.error.problems.join('\n');
    expect(text).toMatch(/^name: expected a string/m);
    expect(text).toMatch(/^cells\[0\]\.source: expected a string/m);
    expect(text).toMatch(/^updatedAt: /m);
  });

  it('duplicate cell ids are named', () => {
    const cells = [{ id: 'a', kind: 'code', source: '' }, { id: 'a', kind: 'markdown', source: '' }];
    expect(() => parseNotebook({ ...sample(), cells })).toThrow(/cells\[1\]\.id: duplicate cell id "a"/);
  });

  it('non-objects and bad ids are rejected with a message', () => {
    expect(() => parseNotebook(null)).toThrow(/expected a notebook object/);
    expect(() => parseNotebook([])).toThrow(/Not a valid notebook/);
    expect(() => parseNotebook({ ...sample(), id: 'has space' })).toThrow(/^Not a valid notebook: id: expected 1-64 letters/);
    expect(() => parseNotebook({ ...sample(), name: '' })).toThrow(/name: must not be empty/);
  });
});
