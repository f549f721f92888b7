/**
 * Strict checks of a weights manifest (marble-weights-v1), which is untrusted input: every error
 * is a ManifestError naming the manifest and the field (`tensors[3] ("blocks.0.wq").offset`), so
 * a wrong offset, shape or dtype never loads silently.
 */
import { validateConfig } from '@/lib/models/transformer/config';
import { WEIGHTS_FORMAT, type WeightsManifest } from './format';

export class ManifestError extends Error {
  constructor(readonly source: string, readonly field: string, detail: string) {
    super(`${source}: ${field} ${detail}`);
    this.name = 'ManifestError';
  }
}

/** The one dtype the format stores (little-endian float32, 4 bytes an element). */
export const MANIFEST_DTYPE = 'float32';
const BYTES_PER_ELEMENT = 4;
const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks the parsed manifest.json; throws a ManifestError naming `source` and the first bad field. */
export function checkManifest(json: unknown, source = 'manifest.json'): WeightsManifest {
  const fail = (field: string, detail: string): never => { throw new ManifestError(source, field, detail); };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('manifest', 'must be a JSON object');
  const m = json as Partial<Record<keyof WeightsManifest, unknown>>;
  if (m.format !== WEIGHTS_FORMAT) fail('manifest.format', `must be "${WEIGHTS_FORMAT}", got ${JSON.stringify(m.format)}`);
  if (!m.config || typeof m.config !== 'object') fail('manifest.config', 'is missing');
  try {
    validateConfig(m.config as WeightsManifest['config']);
  } catch (e) {
    fail('manifest.config', `is invalid: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(m.files) || m.files.length === 0) fail('manifest.files', 'must list at least one file');
  const sizes = new Map<string, number>();
  (m.files as unknown[]).forEach((entry, i) => {
    const f = (entry ?? {}) as Record<string, unknown>;
    const at = `files[${i}]`;
    if (typeof f.path !== 'string' || !SAFE_FILE.test(f.path)) fail(`${at}.path`, `must be a plain file name, got ${JSON.stringify(f.path)}`);
    if (sizes.has(f.path as string)) fail(`${at}.path`, `"${String(f.path)}" is listed twice`);
    if (!isCount(f.bytes)) fail(`${at}.bytes`, `must be a non-negative integer, got ${JSON.stringify(f.bytes)}`);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) fail(`${at}.sha256`, 'must be 64 lower-case hex digits');
    sizes.set(f.path as string, f.bytes as number);
  });
  if (!Array.isArray(m.tensors)) fail('manifest.tensors', 'must be an array');
  const names = new Set<string>();
  const spans = new Map<string, { start: number; end: number; at: string }[]>();
  (m.tensors as unknown[]).forEach((entry, i) => {
    const t = (entry ?? {}) as Record<string, unknown>;
    const at = `tensors[${i}]${typeof t.name === 'string' ? ` (${JSON.stringify(t.name)})` : ''}`;
    if (typeof t.name !== 'string' || t.name === '') fail(`${at}.name`, 'must be a non-empty string');
    if (names.has(t.name as string)) fail(`${at}.name`, 'appears twice');
    names.add(t.name as string);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
      fail(`${at}.shape`, `must be a list of positive integers, got ${JSON.stringify(t.shape)}`);
    }
    if (t.dtype !== undefined && t.dtype !== MANIFEST_DTYPE) fail(`${at}.dtype`, `must be "${MANIFEST_DTYPE}", got ${JSON.stringify(t.dtype)}`);
    if (typeof t.file !== 'string' || !sizes.has(t.file)) fail(`${at}.file`, `must be one of manifest.files (${[...sizes.keys()].join(', ')}), got ${JSON.stringify(t.file)}`);
    if (!isCount(t.offset) || (t.offset as number) % BYTES_PER_ELEMENT !== 0) {
      fail(`${at}.offset`, `must be a non-negative multiple of ${BYTES_PER_ELEMENT}, got ${JSON.stringify(t.offset)}`);
    }
    const elements = (t.shape as number[]).reduce((a, b) => a * b, 1);
    const end = (t.offset as number) + elements * BYTES_PER_ELEMENT;
    const fileBytes = sizes.get(t.file as string) as number;
    if (!Number.isSafeInteger(end) || end > fileBytes) {
      fail(`${at}.offset`, `+ shape ${JSON.stringify(t.shape)} ends at byte ${end}, past the end of "${String(t.file)}" (${fileBytes} bytes)`);
    }
    const list = spans.get(t.file as string) ?? [];
    list.push({ start: t.offset as number, end, at });
    spans.set(t.file as string, list);
  });
  for (const list of spans.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      if (list[i].start < list[i - 1].end) fail(`${list[i].at}.offset`, `overlaps ${list[i - 1].at} (bytes ${list[i].start} < ${list[i - 1].end})`);
    }
  }
  // 0 or absent: not recorded (hand-made test manifests).
  if (m.parameters !== undefined && m.parameters !== 0) {
    const total = [...spans.values()].flat().reduce((a, s) => a + (s.end - s.start) / BYTES_PER_ELEMENT, 0);
    if (m.parameters !== total) fail('manifest.parameters', `is ${JSON.stringify(m.parameters)} but the tensors hold ${total} values`);
  }
  return m as WeightsManifest;
}
