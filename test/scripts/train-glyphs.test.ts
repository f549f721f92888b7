import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { useNodeBackend } from '@/test/support/tf-node';
import { fetchGlyphManifest, loadGlyphAutoencoder, loadGlyphPixelDenoiser, loadLatentDenoiser, type FetchBytes } from '@/lib/diffusion/gaussian/latent/glyph-models';

// `npm run train:glyphs -- --quick --out <dir>` runs the whole pipeline in seconds; its output must
// load through the same checked loaders as the shipped files.
let dir = '';
beforeAll(async () => {
  await useNodeBackend('wasm');
  dir = await mkdtemp(path.join(tmpdir(), 'marble-glyphs-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/train-glyphs.ts', ...args], { encoding: 'utf8', timeout: 150_000 });

describe('scripts/train-glyphs.ts', () => {
  it('--quick without --out refuses, so quick weights never replace the shipped ones', () => {
    const r = run(['--quick']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--quick needs --out/);
  });

  it('--quick writes a manifest and weights that load with their checksums', async () => {
    const r = run(['--quick', '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    const fromDir: FetchBytes = async (url) => {
      const f = await readFile(path.join(dir, path.basename(url)));
      return f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) as ArrayBuffer;
    };
    const manifest = await fetchGlyphManifest(fromDir, '/quick/');
    expect(manifest.quick).toBe(true);
    const metrics = manifest.metrics as {
      autoencoder: { reconstructionMse: number; meanImageMse: number };
      guidance: { byW: { w: number }[] };
      pixelGuidance: { byW: { w: number }[] };
      sampling: { latentSecondsPer64: number; pixelSecondsPer64: number };
    };
    expect(metrics.guidance.byW.map((row) => row.w)).toEqual([0, 1, 3, 8]);
    expect(metrics.pixelGuidance.byW.map((row) => row.w)).toEqual([0, 1, 3]);
    expect(metrics.sampling.pixelSecondsPer64).toBeGreaterThan(0);
    expect(metrics.sampling.latentSecondsPer64).toBeGreaterThan(0);
    expect(metrics.autoencoder.reconstructionMse).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    const ae = await loadGlyphAutoencoder(manifest, fromDir, '/quick/');
    const dn = await loadLatentDenoiser({ kind: 'pretrained' }, manifest, fromDir, '/quick/');
    const px = await loadGlyphPixelDenoiser(manifest, fromDir, '/quick/');
    expect(px.model.config.dim).toBe(256);
    ae.dispose();
    dn.dispose();
    px.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);
});
