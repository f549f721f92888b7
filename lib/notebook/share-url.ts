/**
 * A whole notebook in a link: JSON → raw deflate (fflate) → checksum → base64url, behind a
 * version prefix, carried in the URL fragment (`/playground#nb=v1.…`).
 *
 * The fragment is never sent to a server, so sharing needs no backend and leaks nothing to logs.
 * Decoding treats the text as hostile: every way it can be wrong (version, alphabet, checksum,
 * compression, JSON, notebook shape) gives a ShareLinkError saying which, and nothing is changed.
 */
import { deflateSync, inflateSync } from 'fflate';
import { safeParseNotebook, type Notebook } from './notebook';

export const SHARE_VERSION = 'v1';
const PREFIX = `${SHARE_VERSION}.`;
/** The fragment key: `#nb=<encoded>`. */
export const SHARE_HASH_KEY = 'nb';

/**
 * 32 KB of encoded text. The fragment never reaches a server, but the link still travels through
 * address bars, chat apps, mail clients and QR codes, many of which cut or choke on very long
 * URLs (servers and proxies commonly cap a request line at 8-16 KB should the link ever be moved
 * into a query string). 32 KB holds a lesson-sized notebook (tens of KB of code compress about
 * 3-4x) while staying well inside what every current browser accepts; bigger notebooks should be
 * shared as an .ipynb file instead.
 */
export const MAX_SHARE_CHARS = 32 * 1024;
/**
 * Deflate can expand ~1000x, so a 16 KB link could unpack to megabytes and fill the reader's
 * storage when opened twice. A link holds at most 1 MB of notebook once unpacked (hand-written
 * code is far smaller); larger notebooks travel as .ipynb files.
 */
export const MAX_SHARE_UNPACKED_BYTES = 1024 * 1024;
const MAX_JSON_BYTES = MAX_SHARE_UNPACKED_BYTES;

export type ShareLinkProblem =
  | 'oversize' | 'empty' | 'version' | 'encoding' | 'checksum' | 'decompress' | 'json' | 'notebook';

export class ShareLinkError extends Error {
  readonly problem: ShareLinkProblem;
  constructor(problem: ShareLinkProblem, message: string) {
    super(message);
    this.name = 'ShareLinkError';
    this.problem = problem;
  }
}

// ---------------------------------------------------------------------------------------------
// base64url, strict: a flipped character must never decode to the same bytes, so we reject
// characters outside the alphabet, impossible lengths and non-zero padding bits.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Throws a plain Error naming the first bad character or the bad length. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error(`length ${text.length} is impossible for base64url`);
  const values = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code] : -1;
    if (v < 0) throw new Error(`character ${JSON.stringify(text[i])} at position ${i} is not base64url`);
    values[i] = v;
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < text.length; i += 4) {
    const n = (values[i] << 18) | (values[i + 1] << 12) | (values[i + 2] << 6) | values[i + 3];
    out[o++] = n >> 16; out[o++] = (n >> 8) & 255; out[o++] = n & 255;
  }
  const rest = text.length - i;
  if (rest === 2) {
    if (values[i + 1] & 15) throw new Error('the last character has stray bits');
    out[o++] = (values[i] << 2) | (values[i + 1] >> 4);
  } else if (rest === 3) {
    if (values[i + 2] & 3) throw new Error('the last character has stray bits');
    const n = (values[i] << 10) | (values[i + 1] << 4) | (values[i + 2] >> 2);
    out[o++] = n >> 8; out[o++] = n & 255;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 over the compressed bytes: raw deflate has no checksum of its own, and a damaged stream
// can still inflate to plausible text, so we detect any change before trusting the content.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Encode and decode

const encoder = new TextEncoder();

function encodeUnchecked(notebook: Notebook): { text: string; unpacked: number } {
  const json = encoder.encode(JSON.stringify({
    id: notebook.id, name: notebook.name, createdAt: notebook.createdAt, updatedAt: notebook.updatedAt,
    cells: notebook.cells.map((c) => ({ id: c.id, kind: c.kind, source: c.source })),
  }));
  if (json.length > MAX_JSON_BYTES) return { text: '', unpacked: json.length };
  const deflated = deflateSync(json, { level: 9 });
  const payload = new Uint8Array(4 + deflated.length);
  new DataView(payload.buffer).setUint32(0, crc32(deflated));
  payload.set(deflated, 4);
  return { text: PREFIX + toBase64Url(payload), unpacked: json.length };
}

export type ShareSizeCheck =
  | { ok: true; encoded: string; chars: number }
  | { ok: false; chars: number; limit: number; reason: string };

/** Encodes and reports whether the result fits in a link, with a reason when it does not. */
export function checkShareSize(notebook: Notebook): ShareSizeCheck {
  const { text: encoded, unpacked } = encodeUnchecked(notebook);
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  if (unpacked > MAX_JSON_BYTES) {
    return {
      ok: false, chars: 0, limit: MAX_SHARE_CHARS,
      reason: `This notebook is too large to share as a link (${kb(unpacked)} of text, a link holds at most ${kb(MAX_JSON_BYTES)}). Export it as an .ipynb file and share the file instead.`,
    };
  }
  if (encoded.length <= MAX_SHARE_CHARS) return { ok: true, encoded, chars: encoded.length };
  return {
    ok: false, chars: encoded.length, limit: MAX_SHARE_CHARS,
    reason: `This notebook is too large to share as a link (${kb(encoded.length)} encoded, the limit is ${kb(MAX_SHARE_CHARS)}: ` +
      'longer links get cut off by browsers, chat apps and mail). Export it as an .ipynb file and share the file instead.',
  };
}

/** The notebook as link text (`v1.…`). Throws ShareLinkError('oversize') with a reason if too big. */
export function encodeNotebook(notebook: Notebook): string {
  const check = checkShareSize(notebook);
  if (!check.ok) throw new ShareLinkError('oversize', check.reason);
  return check.encoded;
}

const damaged = (why: string) => `The shared link is damaged (${why}). Ask for the link again, and copy it whole.`;

/**
 * Link text back to a validated notebook. Throws ShareLinkError whose message says what is wrong;
 * surrounding whitespace (from copy and paste) is ignored, nothing else is forgiven.
 */
export function decodeNotebook(text: string): Notebook {
  if (typeof text !== 'string') throw new ShareLinkError('encoding', damaged(`expected text, got ${typeof text}`));
  const trimmed = text.trim();
  if (trimmed === '') throw new ShareLinkError('empty', 'The shared link holds no notebook (it is empty).');
  if (trimmed.length > MAX_SHARE_CHARS + PREFIX.length) {
    throw new ShareLinkError('oversize', `The shared link is too long (${trimmed.length} characters, the limit is ${MAX_SHARE_CHARS}).`);
  }
  const versionMatch = /^(v\d+)\./.exec(trimmed);
  if (!versionMatch) throw new ShareLinkError('version', damaged('it does not start with a version such as "v1."'));
  if (versionMatch[1] !== SHARE_VERSION) {
    throw new ShareLinkError('version',
      `The shared link was made by a different version of Marble (${versionMatch[1]}; this one reads ${SHARE_VERSION}).`);
  }
  let payload: Uint8Array;
  try {
    payload = fromBase64Url(trimmed.slice(PREFIX.length));
  } catch (e) {
    throw new ShareLinkError('encoding', damaged((e as Error).message));
  }
  if (payload.length < 5) throw new ShareLinkError('checksum', damaged('it is too short to hold a notebook'));
  const deflated = payload.subarray(4);
  const expected = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
  if (crc32(deflated) !== expected) {
    throw new ShareLinkError('checksum', damaged('its checksum does not match; it was probably cut off or changed'));
  }
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(deflated);
  } catch {
    throw new ShareLinkError('decompress', damaged('it could not be decompressed'));
  }
  if (bytes.length > MAX_JSON_BYTES) {
    throw new ShareLinkError('oversize', `The shared notebook is too large once unpacked (${Math.ceil(bytes.length / 1024)} KB; a link may hold at most ${MAX_JSON_BYTES >> 10} KB). Nothing was opened or saved.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ShareLinkError('json', damaged('its content is not readable JSON text'));
  }
  const parsed = safeParseNotebook(json);
  if (!parsed.ok) {
    throw new ShareLinkError('notebook', `The shared link does not hold a valid notebook: ${parsed.error.problems.slice(0, 3).join('; ')}.`);
  }
  return parsed.notebook;
}

/** `#nb=v1.…`, ready to append to the playground URL. */
export function notebookToHash(notebook: Notebook): string {
  return `#${SHARE_HASH_KEY}=${encodeNotebook(notebook)}`;
}

/**
 * The notebook in a URL fragment (`location.hash`, with or without `#`), or null when the
 * fragment carries none. Throws ShareLinkError when it carries a damaged one.
 */
export function notebookFromHash(hash: string): Notebook | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === SHARE_HASH_KEY) {
      let value = part.slice(eq + 1);
      // Some apps percent-encode links they pass on; our alphabet never needs it, so undo it.
      try { value = decodeURIComponent(value); } catch { /* leave as is; decode reports it */ }
      return decodeNotebook(value);
    }
  }
  return null;
}
