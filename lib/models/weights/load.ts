/**
 * Loads weights described by a manifest through a fetcher the caller passes in (Node tests read
 * from disk, the browser uses fetch), checking every file's length and sha256 before use. The
 * shipped manifests themselves are pinned by sha256 (pinned-manifests.ts, checked by pins.ts).
 */
import type { HostWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { sha256Hex, type WeightsManifest } from './format';
import { checkManifest } from './manifest-checks';

export { ManifestError } from './manifest-checks';

/** Returns the bytes of a file named in the manifest (a path relative to the manifest). */
export type FetchBytes = (path: string) => Promise<ArrayBuffer>;

/**
 * Checks the parsed manifest.json: shape, offsets inside their file without overlap, positive
 * integer shapes, dtype float32; throws a ManifestError naming `source` and the first bad field.
 */
export function parseManifest(json: unknown, source = 'manifest.json'): WeightsManifest {
  return checkManifest(json, source);
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
