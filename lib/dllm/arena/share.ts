/**
 * A reader's arena rule in a link: the code, deflated and base64url-encoded, in the fragment
 * (`#rule=v1.<data>`), so it never reaches a server. Opening such a link shows the code and runs
 * nothing until the reader presses Run. Decoding treats the fragment as hostile.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from '@/lib/notebook/share-url';

export const RULE_HASH_KEY = 'rule';
const PREFIX = 'v1.';
/** Rules are small functions; 8 KB of code is plenty and keeps links pasteable. */
export const MAX_RULE_CHARS = 8 * 1024;

export function encodeRuleLink(code: string): string {
  if (typeof code !== 'string' || code.trim() === '') throw new Error('encodeRuleLink: code must be a non-empty string');
  if (code.length > MAX_RULE_CHARS) throw new Error(`encodeRuleLink: the rule is ${code.length} characters; links hold at most ${MAX_RULE_CHARS}`);
  const bytes = strToU8(code);
  const packed = deflateSync(bytes, { level: 9 });
  const out = new Uint8Array(4 + packed.length);
  new DataView(out.buffer).setUint32(0, checksum(bytes));
  out.set(packed, 4);
  return `${RULE_HASH_KEY}=${PREFIX}${toBase64Url(out)}`;
}

/** FNV-1a over the code's bytes: a changed character gives a different number (deflate has no check). */
function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** The rule's code from a location hash ("#rule=v1.…"), null when the hash holds no rule; throws on a damaged one. */
export function decodeRuleLink(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get(RULE_HASH_KEY);
  if (value === null) return null;
  if (value.length > 2 * MAX_RULE_CHARS) throw new Error('this rule link is too long to be a rule; it was refused unread');
  if (!value.startsWith(PREFIX)) throw new Error('this rule link is from an unknown version (it should start with v1.)');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(value.slice(PREFIX.length));
  } catch {
    throw new Error('this rule link is damaged (not base64url); copy it again');
  }
  if (bytes.length < 5) throw new Error('this rule link is damaged (too short); copy it again');
  let raw: Uint8Array;
  try {
    raw = inflateSync(bytes.subarray(4));
  } catch {
    throw new Error('this rule link is damaged (it does not decompress); copy it again');
  }
  if (checksum(raw) !== new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0)) throw new Error('this rule link is damaged (its checksum does not match); copy it again');
  const code = strFromU8(raw);
  if (code.length > MAX_RULE_CHARS) throw new Error(`this rule link holds ${code.length} characters; at most ${MAX_RULE_CHARS} are accepted`);
  return code;
}
