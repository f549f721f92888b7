/**
 * Weights on disk: every named tensor as float32 little-endian, back to back in one binary file,
 * described by manifest.json (config, training record, metrics, tensor table, file sha256).
 */
import type { TransformerConfig } from '@/lib/models/transformer/types';
import type { HostWeights } from '@/lib/models/transformer/init';

export const WEIGHTS_FORMAT = 'marble-weights-v1';
export const WEIGHTS_FILE = 'weights.bin';

export interface TensorEntry {
  name: string;
  shape: number[];
  /** File holding it (one of files[].path). */
  file: string;
  /** Byte offset in that file. */
  offset: number;
}

export interface FileEntry {
  path: string;
  bytes: number;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
}

export interface WeightsManifest {
  format: typeof WEIGHTS_FORMAT;
  /** Model name ('ar', 'mdlm', 'bd3') and version directory. */
  name: string;
  version: number;
  config: TransformerConfig;
  parameters: number;
  seed: number;
  steps: number;
  /** How the training data was made (generator, seeds, mix, split rule). */
  data: Record<string, unknown>;
  /** Objective and optimiser settings, wall time. */
  training: Record<string, unknown>;
  /** Final train loss, held-out loss, task accuracies... */
  metrics: Record<string, unknown>;
  tensors: TensorEntry[];
  files: FileEntry[];
}

/** Lower-case hex sha256 (Web Crypto: the same call in Node 20 and browsers). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Packs weights in the given order into one little-endian float32 buffer with its tensor table. */
export function packWeights(weights: HostWeights, order: readonly string[], file = WEIGHTS_FILE): { bytes: Uint8Array; tensors: TensorEntry[] } {
  let total = 0;
  for (const name of order) {
    if (!weights[name]) throw new Error(`packWeights: weights has no "${name}"`);
    total += weights[name].data.length * 4;
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const name of order) {
    const { shape, data } = weights[name];
    tensors.push({ name, shape: [...shape], file, offset });
    for (let i = 0; i < data.length; i++) view.setFloat32(offset + 4 * i, data[i], true);
    offset += data.length * 4;
  }
  return { bytes, tensors };
}

export type ManifestFields = Omit<WeightsManifest, 'format' | 'tensors' | 'files'>;

/** The manifest and the binary file for a set of weights (the caller writes both). */
export async function serializeWeights(weights: HostWeights, order: readonly string[], fields: ManifestFields): Promise<{ manifest: WeightsManifest; bytes: Uint8Array }> {
  const { bytes, tensors } = packWeights(weights, order);
  const manifest: WeightsManifest = {
    format: WEIGHTS_FORMAT,
    ...fields,
    tensors,
    files: [{ path: WEIGHTS_FILE, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) }],
  };
  return { manifest, bytes };
}
