import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { initTransformerWeights, weightShapes } from '@/lib/models/transformer/init';
import { packWeights, serializeWeights, sha256Hex, WEIGHTS_FILE, type WeightsManifest } from '@/lib/models/weights/format';
import { loadTransformer, loadWeights, parseManifest } from '@/lib/models/weights/load';
import type { TransformerConfig } from '@/lib/models/transformer/types';

const config: TransformerConfig = { vocabSize: 51, dModel: 16, nHeads: 2, nLayers: 1, dFF: 32, maxLen: 16, attention: 'causal' };

async function saved() {
  const weights = initTransformerWeights(config, 9);
  const order = weightShapes(config).map(([n]) => n);
  const { manifest, bytes } = await serializeWeights(weights, order, {
    name: 'test', version: 1, config, parameters: 0, seed: 9, steps: 0, data: {}, training: {}, metrics: { heldoutLoss: 1 },
  });
  // round-trip the manifest through JSON like the real file
  return { weights, manifest: JSON.parse(JSON.stringify(manifest)) as WeightsManifest, bytes };
}

const fetcherOf = (files: Record<string, Uint8Array>) => async (path: string) => {
  const f = files[path];
  if (!f) throw new Error(`no such file ${path}`);
  return f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) as ArrayBuffer;
};

describe('weights files', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('sha256 matches the standard test vector', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('store float32 little-endian back to back', () => {
    const { bytes, tensors } = packWeights({ a: { shape: [2], data: Float32Array.of(1, -2) }, b: { shape: [1], data: Float32Array.of(0.5) } }, ['a', 'b']);
    expect(Array.from(bytes.slice(0, 4))).toEqual([0, 0, 0x80, 0x3f]); // 1.0f
    expect(tensors.map((t) => t.offset)).toEqual([0, 8]);
    expect(bytes.byteLength).toBe(12);
  });

  it('round-trip exactly and rebuild a model with the same outputs', async () => {
    const { weights, manifest, bytes } = await saved();
    expect(manifest.files).toEqual([{ path: WEIGHTS_FILE, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) }]);
    const loaded = await loadWeights(manifest, fetcherOf({ [WEIGHTS_FILE]: bytes }));
    for (const [name] of weightShapes(config)) expect(loaded[name].data).toEqual(weights[name].data);
    const before = tf.memory().numTensors;
    const model = await loadTransformer(manifest, fetcherOf({ [WEIGHTS_FILE]: bytes }));
    const tokens = tf.tensor2d([[3, 10, 11]], [1, 3], 'int32');
    const out = model.forward({ tokens, positions: Int32Array.of(0, 1, 2) });
    expect(out.logits.shape).toEqual([1, 3, 51]);
    tf.dispose([tokens, out.logits, ...out.kv.keys, ...out.kv.values]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the loader rejects a missing file', async () => {
    const { manifest } = await saved();
    await expect(loadWeights(manifest, fetcherOf({}))).rejects.toThrow(/weights file "weights.bin" of test v1 is missing or unreadable: no such file/);
  });

  it('the loader rejects a truncated file', async () => {
    const { manifest, bytes } = await saved();
    await expect(loadWeights(manifest, fetcherOf({ [WEIGHTS_FILE]: bytes.slice(0, bytes.length - 4) }))).rejects.toThrow(/has \d+ bytes, manifest says \d+ \(truncated/);
  });

  it('the loader rejects a file whose checksum does not match', async () => {
    const { manifest, bytes } = await saved();
    const corrupted = Uint8Array.from(bytes);
    corrupted[100] ^= 0xff;
    await expect(loadWeights(manifest, fetcherOf({ [WEIGHTS_FILE]: corrupted }))).rejects.toThrow(/sha256 [0-9a-f]{64}, manifest says [0-9a-f]{64} \(corrupted or mismatched/);
  });

  it('the loader rejects malformed manifests naming the field', async () => {
    const { manifest } = await saved();
    expect(() => parseManifest(null)).toThrow(/manifest must be a JSON object/);
    expect(() => parseManifest({ ...manifest, format: 'other' })).toThrow(/manifest.format/);
    expect(() => parseManifest({ ...manifest, files: [] })).toThrow(/manifest.files/);
    expect(() => parseManifest({ ...manifest, config: { ...config, nHeads: 3 } })).toThrow(/divisible/);
    expect(() => parseManifest({ ...manifest, tensors: [{ name: 'x', shape: [1], file: 'other.bin', offset: 0 }] })).toThrow(/tensors\[0\] \("x"\)\.file must be one of manifest.files/);
  });
});
