import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { createRng } from '@/lib/math/rng';
import { createNotebook, type Notebook } from '@/lib/notebook/notebook';
import {
  checkShareSize, crc32, decodeNotebook, encodeNotebook, fromBase64Url, MAX_SHARE_CHARS,
  notebookFromHash, notebookToHash, ShareLinkError, toBase64Url,
} from '@/lib/notebook/share-url';

const NOW = '2026-01-01T00:00:00.000Z';
const notebook = (name: string, sources: Array<[kind: 'code' | 'markdown', source: string]>): Notebook =>
  createNotebook({ id: 'nb-1', name, now: NOW, cells: sources.map(([kind, source]) => ({ kind, source })) });

const rich = notebook('Diffusion ∑ notes 🌊', [
  ['markdown', '# Forward process\n\n$$q(x_t \\mid x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t} x_0, (1-\\bar\\alpha_t) I)$$\n'],
  ['code', 'const β: number[] = [1e-4, 0.02];\nshow(β.map((b) => Math.sqrt(1 - b)));'],
  ['markdown', 'Ünïcödé, 中文, emoji 👩‍🔬, RTL שלום, and a lone "quote" \\ backslash'],
  ['code', ''],
]);

/** Wraps arbitrary JSON the way encodeNotebook does, to forge well-formed but wrong links. */
function forge(json: string): string {
  const deflated = deflateSync(new TextEncoder().encode(json));
  const payload = new Uint8Array(4 + deflated.length);
  new DataView(payload.buffer).setUint32(0, crc32(deflated));
  payload.set(deflated, 4);
  return `v1.${toBase64Url(payload)}`;
}

describe('share url codec', () => {
  it('round-trips unicode, math and emoji exactly', () => {
    const text = encodeNotebook(rich);
    expect(text.startsWith('v1.')).toBe(true);
    expect(text).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeNotebook(text)).toEqual(rich);
  });

  it('round-trips an empty notebook', () => {
    const empty = notebook('Empty', []);
    expect(decodeNotebook(encodeNotebook(empty))).toEqual(empty);
  });

  it('round-trips through a URL fragment, and a fragment without a notebook gives null', () => {
    const hash = notebookToHash(rich);
    expect(hash.startsWith('#nb=v1.')).toBe(true);
    expect(notebookFromHash(hash)).toEqual(rich);
    expect(notebookFromHash(`#theme=dark&${hash.slice(1)}`)).toEqual(rich);
    expect(notebookFromHash('')).toBeNull();
    expect(notebookFromHash('#section-2')).toBeNull();
  });

  it('base64url round-trips every length and rejects stray padding bits', () => {
    const rng = createRng(5);
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(() => fromBase64Url('QB')).toThrow(/stray bits/);
    expect(() => fromBase64Url('abcde')).toThrow(/impossible/);
    expect(() => fromBase64Url('ab+/')).toThrow(/"\+" at position 2/);
  });

  it('any single flipped character is rejected with an Error', () => {
    const text = encodeNotebook(rich);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 3; i < text.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(text[i]) + 1 + (i % 63)) % 64];
      const flipped = text.slice(0, i) + replacement + text.slice(i + 1);
      expect(() => decodeNotebook(flipped), `position ${i}`).toThrow(ShareLinkError);
    }
  });

  it('every truncation is rejected with an Error that says the link is damaged', () => {
    const text = encodeNotebook(rich);
    for (let cut = 0; cut < text.length; cut++) {
      expect(() => decodeNotebook(text.slice(0, cut)), `cut at ${cut}`).toThrow(ShareLinkError);
    }
    expect(() => decodeNotebook(text.slice(0, -7))).toThrow(/damaged/);
  });

  it('random base64 is rejected', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 50; trial++) {
      const bytes = Uint8Array.from({ length: 8 + rng.int(200) }, () => rng.int(256));
      expect(() => decodeNotebook(`v1.${toBase64Url(bytes)}`)).toThrow(ShareLinkError);
    }
  });

  it('a checksummed payload that does not inflate says it could not be decompressed', () => {
    const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const payload = new Uint8Array(4 + garbage.length);
    new DataView(payload.buffer).setUint32(0, crc32(garbage));
    payload.set(garbage, 4);
    expect(() => decodeNotebook(`v1.${toBase64Url(payload)}`)).toThrow(/could not be decompressed/);
  });

  it('well-formed links to non-notebook JSON or non-JSON are rejected with the reason', () => {
    expect(() => decodeNotebook(forge('{"hello":"world"}'))).toThrow(/does not hold a valid notebook: id: /);
    expect(() => decodeNotebook(forge('[1,2,3]'))).toThrow(/does not hold a valid notebook/);
    expect(() => decodeNotebook(forge('not json at all'))).toThrow(/not readable JSON/);
    const badCell = JSON.stringify({ ...rich, cells: [{ id: 'c', kind: 'python', source: '' }] });
    expect(() => decodeNotebook(forge(badCell))).toThrow(/cells\[0\]\.kind/);
  });

  it('a wrong version, an empty link and plain garbage each get their own message', () => {
    expect(() => decodeNotebook('v9.AAAA')).toThrow(/different version of Marble \(v9/);
    expect(() => decodeNotebook('')).toThrow(/empty/);
    expect(() => decodeNotebook('hello world')).toThrow(/version/);
    expect(() => decodeNotebook('v1.abc def')).toThrow(/not base64url/);
    expect(() => decodeNotebook('v1.')).toThrow(/too short/);
  });

  it('an oversize notebook is refused with a reason, and so is an oversize link', () => {
    const rng = createRng(3);
    // Random hex does not compress much below half, so this is well over the limit.
    const noise = Array.from({ length: 120_000 }, () => rng.int(16).toString(16)).join('');
    const big = notebook('Big', [['code', noise]]);
    const check = checkShareSize(big);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.chars).toBeGreaterThan(MAX_SHARE_CHARS);
      expect(check.reason).toMatch(/too large to share as a link.*\.ipynb/s);
    }
    expect(() => encodeNotebook(big)).toThrow(ShareLinkError);
    expect(() => encodeNotebook(big)).toThrow(/too large/);
    expect(() => decodeNotebook(`v1.${'A'.repeat(MAX_SHARE_CHARS + 10)}`)).toThrow(/too long/);
  });

  it('a large but compressible notebook still fits', () => {
    const code = 'const x = tf.tensor([1, 2, 3]);\nshow(x);\n'.repeat(2_000);
    const check = checkShareSize(notebook('Repetitive', [['code', code]]));
    expect(check.ok).toBe(true);
  });
});
