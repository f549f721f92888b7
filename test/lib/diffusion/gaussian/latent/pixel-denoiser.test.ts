import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { useNodeBackend } from '@/test/support/tf-node';
import { fetchGlyphManifest, glyphSchedule, loadGlyphPixelDenoiser, type FetchBytes } from '@/lib/diffusion/gaussian/latent/glyph-models';
import { guidedPixelGlyphs, sampleGuidedPixelGlyphs } from '@/lib/diffusion/gaussian/latent/pixel-glyphs';
import { resolveTrainDenoiserConfig } from '@/lib/models/mlp-denoiser/train';
import { classFidelity, classifyGlyphs, referenceGlyphClassifier } from '@/lib/metrics/glyph-quality';

/** Serves public/ from disk, as the worker's fetchBytes serves the site. */
const fromDisk: FetchBytes = async (url) => {
  const file = await readFile(path.resolve('public', url.replace(/^\//, '')));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
};

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('the shipped pixel-space glyph denoiser', () => {
  it('loads with its checksum and, guided at w = 3, draws the digits it is asked for', async () => {
    const before = tf.memory().numTensors;
    const manifest = await fetchGlyphManifest(fromDisk);
    const px = await loadGlyphPixelDenoiser(manifest, fromDisk);
    expect(px.model.config.dim).toBe(256);
    const classifier = referenceGlyphClassifier();
    const fidelities: number[] = [];
    // Fresh seed (not the training script's 31), two digits, 8 samples each, DDIM-50 as in the manifest.
    for (const digit of [2, 7]) {
      const images = await guidedPixelGlyphs({ denoiser: px.model, prediction: px.prediction, schedule: glyphSchedule(manifest), classLabel: digit, w: 3, n: 8, steps: 50, seed: 505 + digit });
      expect(images.length).toBe(8 * 256);
      expect(images.every((v) => v >= -1 && v <= 1)).toBe(true);
      fidelities.push(classFidelity(classifyGlyphs(classifier, images), digit));
    }
    px.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // Manifest (50 samples x 10 digits, DDIM-50): fidelity 1.00 at w = 3 (0.996 at w = 1, 0.08 at
    // w = 0). 0.75 per digit leaves room for a fresh seed and 8 samples while sitting far above chance
    // (0.1: 6 or more of 8 right by chance has probability < 1e-4).
    for (const f of fidelities) expect(f).toBeGreaterThanOrEqual(0.75);
  }, 60_000);

  it('frees the sampler tensor when a caller stops early', async () => {
    const manifest = await fetchGlyphManifest(fromDisk);
    const px = await loadGlyphPixelDenoiser(manifest, fromDisk);
    const before = tf.memory().numTensors;
    const gen = sampleGuidedPixelGlyphs({ denoiser: px.model, prediction: px.prediction, schedule: glyphSchedule(manifest), classLabel: 1, w: 3, n: 4, steps: 10, seed: 1, yieldEvery: 1 });
    const first = await gen.next();
    expect(first.done).toBe(false);
    await gen.return(new Float32Array(0));
    expect(tf.memory().numTensors).toBe(before);
    px.dispose();
  });

  it('a missing or corrupted weights file fails naming the file', async () => {
    const manifest = await fetchGlyphManifest(fromDisk);
    const missing: FetchBytes = async (url) => {
      if (url.endsWith('pixel-denoiser.bin')) throw new Error('the server answered 404 Not Found');
      return fromDisk(url);
    };
    await expect(loadGlyphPixelDenoiser(manifest, missing)).rejects.toThrow(/pixel-denoiser\.bin is missing or unreadable/);
    const corrupted: FetchBytes = async (url) => {
      const b = await fromDisk(url);
      if (url.endsWith('pixel-denoiser.bin')) new Uint8Array(b)[100] ^= 0xff;
      return b;
    };
    await expect(loadGlyphPixelDenoiser(manifest, corrupted)).rejects.toThrow(/sha256 of pixel-denoiser\.bin/);
    const { ['pixel-denoiser']: _omit, ...others } = manifest.models;
    await expect(loadGlyphPixelDenoiser({ ...manifest, models: others }, fromDisk)).rejects.toThrow(/no models\["pixel-denoiser"\]/);
  });

  it('bad prediction options are refused, naming the option', async () => {
    expect(() => resolveTrainDenoiserConfig({ prediction: 'v' as 'eps' })).toThrow(/TrainDenoiserConfig\.prediction must be 'eps' or 'x0'/);
    expect(resolveTrainDenoiserConfig().prediction).toBe('eps');
    const manifest = await fetchGlyphManifest(fromDisk);
    const px = await loadGlyphPixelDenoiser(manifest, fromDisk);
    const o = { denoiser: px.model, schedule: glyphSchedule(manifest), classLabel: 1, w: 3, n: 2, seed: 1 };
    await expect(guidedPixelGlyphs({ ...o, prediction: 'v' as 'x0' })).rejects.toThrow(/prediction must be 'eps' or 'x0'/);
    await expect(guidedPixelGlyphs({ ...o, prediction: 'x0', classLabel: 10 })).rejects.toThrow(/classLabel must be an integer in \[0, 9\]/);
    px.dispose();
  });
});
