import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { useNodeBackend } from '@/test/support/tf-node';
import {
  denormalizeLatents, fetchGlyphManifest, latentNormOf, loadGlyphAutoencoder, loadLatentDenoiser, normalizeLatents, parseGlyphManifest,
  type FetchBytes,
} from '@/lib/diffusion/gaussian/latent/glyph-models';

/** Serves public/ from disk, as the worker's fetchBytes serves the site. */
const fromDisk: FetchBytes = async (url) => {
  const file = await readFile(path.resolve('public', url.replace(/^\//, '')));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
};

/** The disk, except that one URL answers with `bytes` (or fails when bytes is null). */
const withFile = (suffix: string, bytes: (real: ArrayBuffer) => ArrayBuffer | null): FetchBytes => async (url) => {
  const real = await fromDisk(url);
  if (!url.endsWith(suffix)) return real;
  const b = bytes(real);
  if (!b) throw new Error('the server answered 404 Not Found');
  return b;
};

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped glyph models (public/models/glyphs/v1)', () => {
  it('the manifest parses and both models load with their checksums, freeing every tensor', async () => {
    const before = tf.memory().numTensors;
    const manifest = await fetchGlyphManifest(fromDisk);
    expect(manifest.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const ae = await loadGlyphAutoencoder(manifest, fromDisk);
    const dn = await loadLatentDenoiser({ kind: 'pretrained' }, manifest, fromDisk);
    expect(ae.config.latentDim).toBe(2);
    expect(dn.config.numClasses).toBe(10);
    ae.dispose();
    dn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a missing, truncated or corrupted file is named in the error', async () => {
    const manifest = await fetchGlyphManifest(fromDisk);
    await expect(loadGlyphAutoencoder(manifest, withFile('autoencoder.bin', () => null))).rejects.toThrow(/weights file \/models\/glyphs\/v1\/autoencoder\.bin is missing or unreadable: .*404/);
    await expect(loadGlyphAutoencoder(manifest, withFile('autoencoder.bin', (b) => b.slice(0, 1000)))).rejects.toThrow(/autoencoder\.bin has 1000 bytes, the manifest says \d+ \(truncated/);
    const flip = (b: ArrayBuffer) => { const c = b.slice(0); new Uint8Array(c)[10] ^= 0xff; return c; };
    await expect(loadLatentDenoiser({ kind: 'pretrained' }, manifest, withFile('latent-denoiser.bin', flip))).rejects.toThrow(/sha256 of latent-denoiser\.bin/);
    await expect(fetchGlyphManifest(withFile('manifest.json', () => null))).rejects.toThrow(/manifest \/models\/glyphs\/v1\/manifest\.json is missing or unreadable/);
    await expect(fetchGlyphManifest(withFile('manifest.json', () => new TextEncoder().encode('{"format":').buffer as ArrayBuffer))).rejects.toThrow(/manifest\.json has sha256 [0-9a-f]{64}, but its pin is/); // the pin (pinned-manifests.ts) catches a damaged manifest before JSON parsing
  });

  it('a manifest whose parts do not fit together is rejected naming the field', async () => {
    const json = JSON.parse(new TextDecoder().decode(await fromDisk('/models/glyphs/v1/manifest.json')));
    expect(() => parseGlyphManifest({ ...json, format: 'x' })).toThrow(/format "x"/);
    expect(() => parseGlyphManifest({ ...json, latent: { mean: [0], std: [1] } })).toThrow(/latent\.mean of length 1 but the autoencoder's latentDim is 2/);
    expect(() => parseGlyphManifest({ ...json, classNames: ['a'] })).toThrow(/10 classes but 1 classNames/);
    const noSha = structuredClone(json);
    noSha.models.autoencoder.sha256 = 'abc';
    expect(() => parseGlyphManifest(noSha)).toThrow(/models\["autoencoder"\] with file, integer bytes, a hex sha256/);
  });

  it('page-trained weights must fit the autoencoder', async () => {
    const manifest = await fetchGlyphManifest(fromDisk);
    await expect(loadLatentDenoiser({ kind: 'weights', value: { config: { ...manifest.models['latent-denoiser'].config, dim: 3 }, weights: {} } }, manifest, fromDisk))
      .rejects.toThrow(/must be for dim 2 with 10 classes, got dim 3/);
    await expect(loadLatentDenoiser({ kind: 'nope' } as never, manifest, fromDisk)).rejects.toThrow(/source\.kind must be 'pretrained' or 'weights'/);
  });
});

describe('latent normalisation', () => {
  it('normalised latents have zero mean and unit std, and denormalising inverts it', () => {
    const z = Float32Array.from([1, 10, 3, 14, 5, 18]);
    const norm = latentNormOf(z, 2);
    expect(norm.mean).toEqual([3, 14]);
    expect(norm.std[0]).toBeCloseTo(2, 10); // sample std of 1, 3, 5
    expect(norm.std[1]).toBeCloseTo(4, 10);
    const n = normalizeLatents(z, norm);
    expect(Array.from(n)).toEqual([-1, -1, 0, 0, 1, 1]);
    expect(Array.from(denormalizeLatents(n, norm))).toEqual(Array.from(z));
    expect(() => normalizeLatents(new Float32Array(3), norm)).toThrow(/multiple of the latent size 2/);
  });
});
