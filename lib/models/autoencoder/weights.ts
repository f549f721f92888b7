/**
 * Autoencoder weights on disk: one little-endian float32 .bin (weights back to back in the order of
 * autoencoderWeightShapes) described by a manifest entry with the config, byte length and sha256.
 * Fetching is the caller's job; these functions turn bytes into a model and back.
 */
import { sha256Hex, type WeightSpec } from '@/lib/models/mlp-denoiser/weights';
import type { AutoencoderConfig } from './config';
import { resolveAutoencoderConfig } from './config';
import type { Autoencoder } from './model';
import { autoencoderWeightShapes, createAutoencoder } from './model';

export interface AutoencoderWeightsEntry {
  config: AutoencoderConfig;
  /** File name relative to the manifest. */
  file: string;
  /** Length of the file in bytes (a truncated download is named as such). */
  bytes: number;
  /** Lower-case hex sha256 of the file. */
  sha256: string;
  weights: WeightSpec[];
}

/** The weights as one float32 buffer plus specs (reads tensors with await data()). */
export async function serializeAutoencoder(model: Autoencoder): Promise<{ specs: WeightSpec[]; data: Float32Array }> {
  const specs: WeightSpec[] = [];
  let offset = 0;
  for (const [name, shape] of autoencoderWeightShapes(model.config)) {
    specs.push({ name, shape, offset });
    offset += shape.reduce((a, b) => a * b, 1);
  }
  const data = new Float32Array(offset);
  for (const spec of specs) data.set((await model.weights[spec.name].data()) as Float32Array, spec.offset);
  return { specs, data };
}

/** Splits a .bin buffer into named arrays after checking it against the entry's specs. */
export function parseAutoencoderWeights(entry: Pick<AutoencoderWeightsEntry, 'config' | 'weights'>, bytes: ArrayBuffer): Record<string, Float32Array> {
  if (bytes.byteLength % 4 !== 0) throw new Error(`parseAutoencoderWeights: bytes length ${bytes.byteLength} is not a multiple of 4`);
  const all = new Float32Array(bytes);
  const byName = new Map((entry.weights ?? []).map((w) => [w.name, w]));
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of autoencoderWeightShapes(resolveAutoencoderConfig(entry.config))) {
    const spec = byName.get(name);
    if (!spec) throw new Error(`parseAutoencoderWeights: entry.weights has no "${name}"`);
    if (spec.shape.join(',') !== shape.join(',')) throw new Error(`parseAutoencoderWeights: "${name}" must have shape [${shape}], got [${spec.shape}]`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (spec.offset < 0 || spec.offset + size > all.length) throw new Error(`parseAutoencoderWeights: "${name}" lies outside the ${all.length}-value buffer`);
    out[name] = all.slice(spec.offset, spec.offset + size);
  }
  return out;
}

/**
 * Builds an autoencoder from a manifest entry and its file's bytes, checking length and sha256
 * first so a truncated or stale file fails loudly, naming the file.
 */
export async function loadAutoencoder(entry: AutoencoderWeightsEntry, bytes: ArrayBuffer): Promise<Autoencoder> {
  if (bytes.byteLength !== entry.bytes) throw new Error(`loadAutoencoder: ${entry.file} has ${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or wrong file)`);
  const got = await sha256Hex(bytes);
  if (got !== entry.sha256.toLowerCase()) throw new Error(`loadAutoencoder: sha256 of ${entry.file} is ${got}, expected ${entry.sha256} (corrupted or mismatched file)`);
  return createAutoencoder(entry.config, parseAutoencoderWeights(entry, bytes));
}
