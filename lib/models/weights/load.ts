/**
 * Loads weights described by a manifest through a fetcher the caller passes in (Node tests read
 * from disk, the browser uses fetch), checking every file's length and sha256 before use.
 */
import { validateConfig } from '@/lib/models/transformer/config';
import type { HostWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { sha256Hex, WEIGHTS_FORMAT, type WeightsManifest } from './format';

/** Returns the bytes of a file named in the manifest (a path relative to the manifest). */
export type FetchBytes = (path: string) => Promise<ArrayBuffer>;

/** Checks the parsed manifest.json's shape; throws naming the first bad field. */
export function parseManifest(json: unknown): WeightsManifest {
  if (!json || typeof json !== 'object') throw new Error('manifest must be a JSON object');
  const m = json as Partial<WeightsManifest>;
  if (m.format !== WEIGHTS_FORMAT) throw new Error(`manifest.format must be "${WEIGHTS_FORMAT}", got ${JSON.stringify(m.format)}`);
  if (!m.config) throw new Error('manifest.config is missing');
  validateConfig(m.config);
  if (!Array.isArray(m.files) || m.files.length === 0) throw new Error('manifest.files must list at least one file');
  for (const f of m.files) {
    if (typeof f.path !== 'string' || !Number.isInteger(f.bytes) || !/^[0-9a-f]{64}$/.test(f.sha256 ?? '')) {
      throw new Error(`manifest.files entry ${JSON.stringify(f)} needs path, integer bytes and a hex sha256`);
    }
  }
  if (!Array.isArray(m.tensors)) throw new Error('manifest.tensors must be an array');
  for (const t of m.tensors) {
    if (typeof t.name !== 'string' || !Array.isArray(t.shape) || !Number.isInteger(t.offset) || !m.files.some((f) => f.path === t.file)) {
      throw new Error(`manifest.tensors entry ${JSON.stringify(t?.name)} needs name, shape, offset and a file listed in manifest.files`);
    }
  }
  return m as WeightsManifest;
}

/** Fetches and verifies every file, then slices out each tensor. */
export async function loadWeights(manifest: WeightsManifest, fetchBytes: FetchBytes): Promise<HostWeights> {
  parseManifest(manifest);
  if (typeof fetchBytes !== 'function') throw new Error('loadWeights: fetchBytes must be a function (path) => Promise<ArrayBuffer>');
  const buffers = new Map<string, ArrayBuffer>();
  for (const file of manifest.files) {
    let bytes: ArrayBuffer;
    try {
      bytes = await fetchBytes(file.path);
    } catch (err) {
      throw new Error(`weights file "${file.path}" of ${manifest.name} v${manifest.version} is missing or unreadable: ${(err as Error).message}`);
    }
    if (!bytes || typeof bytes.byteLength !== 'number') throw new Error(`weights file "${file.path}": fetchBytes must resolve to an ArrayBuffer`);
    if (bytes.byteLength !== file.bytes) {
      throw new Error(`weights file "${file.path}" has ${bytes.byteLength} bytes, manifest says ${file.bytes} (truncated or wrong file)`);
    }
    const digest = await sha256Hex(bytes);
    if (digest !== file.sha256) {
      throw new Error(`weights file "${file.path}" has sha256 ${digest}, manifest says ${file.sha256} (corrupted or mismatched file)`);
    }
    buffers.set(file.path, bytes);
  }
  const weights: HostWeights = {};
  for (const t of manifest.tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const buffer = buffers.get(t.file) as ArrayBuffer;
    if (t.offset + size * 4 > buffer.byteLength) {
      throw new Error(`manifest tensor "${t.name}" runs past the end of "${t.file}"`);
    }
    const view = new DataView(buffer, t.offset, size * 4);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = view.getFloat32(4 * i, true);
    weights[t.name] = { shape: [...t.shape], data };
  }
  return weights;
}

/** Manifest + fetcher -> ready transformer (inference tensors; dispose() when done). */
export async function loadTransformer(manifest: WeightsManifest, fetchBytes: FetchBytes): Promise<Transformer> {
  const weights = await loadWeights(manifest, fetchBytes);
  return createTransformer(manifest.config, weights);
}
