import { describe, expect, it } from 'vitest';
import { createNotebook, nextFreeId } from '@/lib/notebook/notebook';
import { readStore, removeNotebook, serializeStore, STORE_VERSION, upsertNotebook } from '@/lib/notebook/store';

const NOW = '2026-01-01T00:00:00.000Z';
const nb = (id: string, name: string) => createNotebook({ id, name, now: NOW, cells: [{ kind: 'code', source: 'show(1)' }] });

describe('notebook store', () => {
  it('nothing saved yet reads as an empty store without problems', () => {
    expect(readStore(null)).toEqual({ store: { version: STORE_VERSION, notebooks: [], activeId: null }, problems: [] });
  });

  it('a saved store round-trips, and upsert and remove work by id', () => {
    let store = readStore(null).store;
    store = upsertNotebook(store, nb('nb-1', 'One'));
    store = upsertNotebook(store, nb('nb-2', 'Two'));
    store = upsertNotebook(store, { ...nb('nb-1', 'One renamed') });
    store = { ...store, activeId: 'nb-2' };
    expect(readStore(serializeStore(store))).toEqual({ store, problems: [] });
    expect(store.notebooks.map((n) => n.name)).toEqual(['One renamed', 'Two']);
    expect(removeNotebook(store, 'nb-2')).toMatchObject({ activeId: null, notebooks: [{ id: 'nb-1' }] });
    expect(nextFreeId(store.notebooks.map((n) => n.id), 'nb')).toBe('nb-3');
  });

  it('one damaged notebook is skipped with a reason and the others survive', () => {
    const text = JSON.stringify({ version: 1, activeId: 'nb-2', notebooks: [nb('nb-1', 'Good'), { id: 'nb-2', name: 'Bad', cells: 'x' }, nb('nb-1', 'Dup')] });
    const { store, problems } = readStore(text);
    expect(store.notebooks.map((n) => n.name)).toEqual(['Good']);
    expect(store.activeId).toBeNull();
    expect(problems[0]).toMatch(/Saved notebook "Bad" was skipped: cells: expected a list of cells/);
    expect(problems[1]).toMatch(/appears twice/);
  });

  it('unreadable or foreign text gives an empty store and a problem, never a throw', () => {
    expect(readStore('{not json').problems[0]).toMatch(/not valid JSON/);
    expect(readStore('[]').problems[0]).toMatch(/expected a list of notebooks/);
    expect(readStore('{"version":2,"notebooks":[]}').problems[0]).toMatch(/format 2/);
  });
});
