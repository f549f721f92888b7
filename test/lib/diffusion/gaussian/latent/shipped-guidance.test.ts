import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { useNodeBackend } from '@/test/support/tf-node';
import { createRng } from '@/lib/math/rng';
import { GLYPH_PIXELS, sampleGlyphs } from '@/lib/data/glyphs';
import { decodeArray, encodeArray, reconstructionMse } from '@/lib/models/autoencoder';
import { accuracy, classifyGlyphs, referenceGlyphClassifier } from '@/lib/metrics/glyph-quality';
import { fetchGlyphManifest, glyphSchedule, loadGlyphAutoencoder, loadLatentDenoiser, type FetchBytes } from '@/lib/diffusion/gaussian/latent/glyph-models';
import { measureGuidance } from '@/lib/diffusion/gaussian/latent/guided-glyphs';

const fromDisk: FetchBytes = async (url) => {
  const file = await readFile(path.resolve('public', url.replace(/^\//, '')));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
};

beforeAll(async () => {
  await useNodeBackend('wasm');
});

// Fresh seeds (not the training script's), so these check the shipped weights rather than repeat
// the manifest's numbers.
describe('the shipped glyph models, measured', () => {
  it('the autoencoder reconstructs held-out glyphs far better than the mean image, and recognisably', async () => {
    const before = tf.memory().numTensors;
    const manifest = await fetchGlyphManifest(fromDisk);
    const ae = await loadGlyphAutoencoder(manifest, fromDisk);
    const data = sampleGlyphs(300, createRng(303));
    const mse = await reconstructionMse(ae, data.images);
    const recon = await decodeArray(ae, await encodeArray(ae, data.images));
    ae.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const m = new Float64Array(GLYPH_PIXELS);
    for (let i = 0; i < data.images.length; i++) m[i % GLYPH_PIXELS] += data.images[i] / 300;
    let baseline = 0;
    for (let i = 0; i < data.images.length; i++) baseline += (data.images[i] - m[i % GLYPH_PIXELS]) ** 2 / data.images.length;
    // Manifest (1,000 held-out glyphs): MSE 0.108 against 0.328 for the mean image (0.33x).
    expect(mse).toBeLessThan(0.5 * baseline);
    // Through two numbers the digits stay readable: the template classifier reads 93% of the
    // reconstructions right (97% of the clean glyphs).
    expect(accuracy(classifyGlyphs(referenceGlyphClassifier(), recon), data.labels)).toBeGreaterThan(0.85);
  });

  it('guidance raises fidelity from chance to near 1 and lowers diversity at every step of w = 0, 1, 3, 8', async () => {
    const before = tf.memory().numTensors;
    const manifest = await fetchGlyphManifest(fromDisk);
    const autoencoder = await loadGlyphAutoencoder(manifest, fromDisk);
    const denoiser = await loadLatentDenoiser({ kind: 'pretrained' }, manifest, fromDisk);
    const rows = await measureGuidance({ autoencoder, denoiser, schedule: glyphSchedule(manifest), norm: manifest.latent, n: 16, steps: 50 }, referenceGlyphClassifier(), [0, 1, 3, 8], 77);
    autoencoder.dispose();
    denoiser.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const [w0, w1, w3, w8] = rows;
    // 16 samples x 10 classes per w. Manifest (50 per class): fidelity 0.07, 0.84, 0.99, 0.99;
    // diversity 0.66, 0.43, 0.12, 0.06 (real digits: 0.61). Margins allow for the smaller sample.
    expect(w0.fidelity).toBeLessThan(0.3); // unconditional: about chance (0.1)
    expect(w1.fidelity).toBeGreaterThan(w0.fidelity + 0.4);
    expect(w3.fidelity).toBeGreaterThan(0.9);
    expect(w3.fidelity).toBeGreaterThan(w1.fidelity);
    expect(w8.fidelity).toBeGreaterThan(0.9);
    expect(w1.diversity).toBeLessThan(0.85 * w0.diversity);
    expect(w3.diversity).toBeLessThan(0.6 * w1.diversity);
    expect(w8.diversity).toBeLessThan(0.85 * w3.diversity);
  });
});
