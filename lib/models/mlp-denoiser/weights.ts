/**
 * Weights on disk: one little-endian float32 .bin per model (weights concatenated in the order of
 * mlpDenoiserWeightShapes) described by a manifest entry with the config and the file's sha256.
 * Fetching is the caller's job (lib/ never fetches); these functions turn bytes into a model and back.
 */
import type { MlpDenoiserConfig } from './config';
import { resolveMlpDenoiserConfig } from './config';
import type { MlpDenoiser } from './model';
import { createMlpDenoiser, mlpDenoiserWeightShapes } from './model';

export interface WeightSpec {
  name: string;
  shape: number[];
  /** Offset in float32 elements from the start of the .bin file. */
  offset: number;
}

/** What the loader needs from a manifest entry (the manifest has more: training record, metrics). */
export interface MlpDenoiserWeightsEntry {
  config: MlpDenoiserConfig;
  /** File name of the weights, relative to the manifest. */
  file: string;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  weights: WeightSpec[];
}

/** public/models/denoiser-2d/vN/manifest.json, as written by scripts/train-denoiser-2d.ts. */
export interface MlpDenoiserManifest {
  format: 'marble-mlp-denoiser';
  version: number;
  /** The schedule the models were trained with (build it with makeSchedule). */
  schedule: { kind: 'linear' | 'cosine'; T: number; betaStart?: number; betaEnd?: number };
  backend: string;
  /** By id ('two-moons', 'gaussian-mixture'); each entry also has dataset, train record and metrics. */
  models: Record<string, MlpDenoiserWeightsEntry & { dataset: { name: string; n: number; seed: number }; metrics: Record<string, unknown> }>;
}

/** The model's weights as one float32 buffer plus specs (reads tensors with await data()). */
export async function serializeMlpDenoiser(model: MlpDenoiser): Promise<{ specs: WeightSpec[]; data: Float32Array }> {
  const shapes = mlpDenoiserWeightShapes(model.config);
  const specs: WeightSpec[] = [];
  let offset = 0;
  for (const [name, shape] of shapes) {
    specs.push({ name, shape, offset });
    offset += shape.reduce((a, b) => a * b, 1);
  }
  const data = new Float32Array(offset);
  for (const spec of specs) data.set((await model.weights[spec.name].data()) as Float32Array, spec.offset);
  return { specs, data };
}

/** Splits a .bin buffer into named arrays after checking it against the specs. */
export function parseMlpDenoiserWeights(entry: Pick<MlpDenoiserWeightsEntry, 'config' | 'weights'>, bytes: ArrayBuffer): Record<string, Float32Array> {
  if (bytes.byteLength % 4 !== 0) throw new Error(`parseMlpDenoiserWeights: bytes length ${bytes.byteLength} is not a multiple of 4`);
  const all = new Float32Array(bytes);
  const expected = mlpDenoiserWeightShapes(resolveMlpDenoiserConfig(entry.config));
  const byName = new Map(entry.weights.map((w) => [w.name, w]));
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of expected) {
    const spec = byName.get(name);
    if (!spec) throw new Error(`parseMlpDenoiserWeights: entry.weights has no "${name}"`);
    if (spec.shape.join(',') !== shape.join(',')) throw new Error(`parseMlpDenoiserWeights: "${name}" must have shape [${shape}], got [${spec.shape}]`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (spec.offset < 0 || spec.offset + size > all.length) throw new Error(`parseMlpDenoiserWeights: "${name}" lies outside the ${all.length}-value buffer`);
    out[name] = all.slice(spec.offset, spec.offset + size);
  }
  return out;
}

/** Lower-case hex sha256 of bytes, with Web Crypto (available in browsers, workers and Node >= 20). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Builds a model from a manifest entry and the fetched bytes of its file, checking the sha256 first
 * (a stale cache or a truncated download fails loudly instead of producing a broken model).
 */
export async function loadMlpDenoiser(entry: MlpDenoiserWeightsEntry, bytes: ArrayBuffer): Promise<MlpDenoiser> {
  const got = await sha256Hex(bytes);
  if (got !== entry.sha256.toLowerCase()) throw new Error(`loadMlpDenoiser: sha256 of ${entry.file} is ${got}, expected ${entry.sha256}`);
  return createMlpDenoiser(entry.config, parseMlpDenoiserWeights(entry, bytes));
}
