/**
 * Property-based tests (fast-check) for every decoder of untrusted input: whatever the input, the
 * decoder returns a value or throws its documented error (never a TypeError, RangeError or a hang),
 * and valid values survive a round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNotebook, nameProblem, type Notebook } from '@/lib/notebook/notebook';
import { decodeNotebook, encodeNotebook, notebookFromHash, ShareLinkError, toBase64Url } from '@/lib/notebook/share-url';
import { importIpynb, NotebookImportError, serializeIpynb } from '@/lib/notebook/ipynb';
import { EMBED_IDS, EMBEDS, embedPropsFromQuery } from '@/lib/content/embeds';
import { BACKEND_PREFERENCE, parseBackendOverride } from '@/lib/tensor/backends';
import { decodeRuleLink, encodeRuleLink } from '@/lib/dllm/arena/share';
import { ManifestError, parseManifest } from '@/lib/models/weights/load';
import { WEIGHTS_FORMAT } from '@/lib/models/weights/format';

const RUNS = { numRuns: 300 };

/** Calls f; a throw must be an instance of `expected`, anything else fails the property. */
function onlyThrows(expected: new (...args: never[]) => Error, f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof expected)) throw new Error(`expected only ${expected.name}, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
}

const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
// Names as the app stores them: renameNotebook trims, so stored names never carry outer spaces.
const nameArb = fc.string({ minLength: 1, maxLength: 60 }).map((n) => n.trim()).filter((n) => nameProblem(n) === null);
const cellArb = fc.record({ kind: fc.constantFrom('code' as const, 'markdown' as const), source: fc.string({ maxLength: 300 }) });
const notebookArb: fc.Arbitrary<Notebook> = fc.record({ id: idArb, name: nameArb, cells: fc.array(cellArb, { maxLength: 8 }) })
  .map(({ id, name, cells }) => createNotebook({ id, name, now: '2026-01-02T03:04:05.000Z', cells }));

describe('share links (lib/notebook/share-url.ts)', () => {
  it('any text decodes to a notebook or throws ShareLinkError', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string().map((s) => `v1.${s}`), fc.uint8Array({ maxLength: 200 }).map((b) => `v1.${toBase64Url(b)}`)), (text) => {
      onlyThrows(ShareLinkError, () => decodeNotebook(text));
      onlyThrows(ShareLinkError, () => notebookFromHash(`#nb=${text}`));
    }), RUNS);
  });

  it('a valid notebook round-trips through a link', () => {
    fc.assert(fc.property(notebookArb, (notebook) => {
      const back = decodeNotebook(encodeNotebook(notebook));
      expect(back).toEqual(notebook);
    }), { numRuns: 100 });
  });

  it('one changed character of a link never yields a different notebook silently', () => {
    fc.assert(fc.property(notebookArb, fc.nat(), fc.constantFrom(...'ABCabc019-_'), (notebook, at, c) => {
      const link = encodeNotebook(notebook);
      const i = 3 + (at % (link.length - 3));
      const changed = link.slice(0, i) + c + link.slice(i + 1);
      try {
        expect(decodeNotebook(changed)).toEqual(notebook);
      } catch (e) {
        if (!(e instanceof ShareLinkError)) throw e;
      }
    }), { numRuns: 150 });
  });
});

describe('.ipynb import (lib/notebook/ipynb.ts)', () => {
  const context = { id: 'nb-1', now: '2026-01-02T03:04:05.000Z', fallbackName: 'Imported' };
  const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), tie('cells')),
    cells: fc.record({ nbformat: fc.oneof(fc.constant(4), fc.integer()), cells: fc.array(fc.record({ cell_type: fc.oneof(fc.constantFrom('code', 'markdown', 'raw'), fc.string()), source: fc.oneof(fc.string(), fc.array(fc.string()), fc.integer()) }, { requiredKeys: [] })), metadata: fc.jsonValue() }, { requiredKeys: [] }),
  })).value;

  it('any text or JSON value imports or throws NotebookImportError', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), jsonish.map((v) => JSON.stringify(v)), jsonish), (input) => {
      onlyThrows(NotebookImportError, () => importIpynb(input, context));
    }), RUNS);
  });

  it('an exported notebook imports back with the same cells and name', () => {
    fc.assert(fc.property(notebookArb, (notebook) => {
      const { notebook: back } = importIpynb(serializeIpynb(notebook), context);
      expect(back.name).toBe(notebook.name);
      expect(back.cells.map((c) => [c.kind, c.source])).toEqual(notebook.cells.map((c) => [c.kind, c.source]));
    }), { numRuns: 100 });
  });
});

describe('address settings of embeds and pages (lib/content/embeds.ts, lib/tensor/backends.ts)', () => {
  it('any query gives props from the widget table only, and a message per ignored parameter', () => {
    fc.assert(fc.property(fc.constantFrom(...EMBED_IDS), fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 6 }), (id, pairs) => {
      const query = new URLSearchParams(pairs);
      const { props, problems } = embedPropsFromQuery(id, query.entries());
      const params = EMBEDS[id].params as Record<string, { values: readonly string[] }>;
      for (const [name, value] of Object.entries(props)) expect(params[name].values).toContain(value);
      const kept = [...query.entries()].filter(([n]) => n !== 'backend').length;
      expect(problems.length + Object.keys(props).length).toBeLessThanOrEqual(kept);
    }), RUNS);
  });

  it('every valid setting round-trips through an address', () => {
    const valid = EMBED_IDS.flatMap((id) => Object.entries(EMBEDS[id].params as Record<string, { values: readonly string[] }>).flatMap(([name, p]) => p.values.map((v) => [id, name, v] as const)));
    for (const [id, name, value] of valid) {
      const search = new URLSearchParams({ [name]: value }).toString();
      expect(embedPropsFromQuery(id, new URLSearchParams(search).entries())).toEqual({ props: { [name]: value }, problems: [] });
    }
  });

  it('?backend= never throws: a known name or null with a message', () => {
    fc.assert(fc.property(fc.string(), (raw) => {
      const { backend, error } = parseBackendOverride(`?backend=${encodeURIComponent(raw)}`);
      if (backend !== null) expect(BACKEND_PREFERENCE).toContain(backend);
      else if (raw !== '') expect(error).toMatch(/^Unknown backend/);
    }), RUNS);
    for (const name of BACKEND_PREFERENCE) expect(parseBackendOverride(`?backend=${name}`)).toEqual({ backend: name, error: null });
  });

  it('arena rule links: any hash decodes or throws Error with a message; rules round-trip', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string().map((s) => `#rule=v1.${s}`)), (hash) => {
      try {
        decodeRuleLink(hash);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).constructor).toBe(Error);
        expect((e as Error).message).toMatch(/^this rule link/);
      }
    }), RUNS);
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 500 }).filter((s) => s.trim() !== ''), (code) => {
      expect(decodeRuleLink(`#${encodeRuleLink(code)}`)).toBe(code);
    }), { numRuns: 100 });
  });
});

describe('weights manifests (lib/models/weights/manifest-checks.ts)', () => {
  const config = { vocabSize: 8, dModel: 8, nHeads: 2, nLayers: 1, dFF: 16, maxLen: 4, attention: 'bidirectional' };
  const manifestArb = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }).map((shapes) => {
    let offset = 0;
    const tensors = shapes.map((shape, i) => {
      const entry = { name: `t${i}`, shape, file: 'weights.bin', offset };
      offset += 4 * shape.reduce((a, b) => a * b, 1);
      return entry;
    });
    return { format: WEIGHTS_FORMAT, name: 'prop', version: 1, config, parameters: offset / 4, tensors, files: [{ path: 'weights.bin', bytes: offset, sha256: 'a'.repeat(64) }] };
  });

  it('valid manifests are accepted unchanged', () => {
    fc.assert(fc.property(manifestArb, (m) => { expect(parseManifest(structuredClone(m))).toEqual(m); }), RUNS);
  });

  it('any JSON, or a valid manifest with one field replaced, is accepted or refused with a ManifestError naming the file', () => {
    const mutated = fc.tuple(manifestArb, fc.constantFrom('offset', 'shape', 'file', 'dtype', 'name'), fc.nat(), fc.jsonValue()).map(([m, field, at, value]) => {
      const t = m.tensors[at % m.tensors.length] as Record<string, unknown>;
      t[field] = value;
      return m;
    });
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), mutated), (json) => {
      try {
        parseManifest(json, 'models/prop/v1/manifest.json');
      } catch (e) {
        if (!(e instanceof ManifestError)) throw new Error(`expected ManifestError, got ${(e as Error).name}: ${(e as Error).message}`);
        expect(e.message).toMatch(/^models\/prop\/v1\/manifest\.json: /);
      }
    }), RUNS);
  });
});
