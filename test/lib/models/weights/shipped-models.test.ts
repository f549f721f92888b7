import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { loadTransformer, parseManifest } from '@/lib/models/weights/load';
import { loadShippedModel, SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { countParameters, LONG_MAX_LEN } from '@/lib/models/transformer/config';
import { defaultTrainerConfig } from '@/lib/training/trainer';

const dirOf = (name: string) => path.resolve('public/models', name, `v${SHIPPED_LM_VERSION}`);
const fetchFrom = (dir: string) => async (file: string) => {
  const b = fs.readFileSync(path.join(dir, file));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe(`the shipped language models (public/models/{ar,mdlm,bd3}/v${SHIPPED_LM_VERSION})`, () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  for (const name of ['ar', 'mdlm', 'bd3'] as const) {
    it(`${name} loads with its checksum, has the trainer's config and records its training`, async () => {
      const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(dirOf(name), 'manifest.json'), 'utf8')));
      // The trainer's model on LONG_MAX_LEN positions, so genLength 256 fits (see scripts/train-*.ts).
      expect(manifest.config).toEqual({ ...defaultTrainerConfig(name).model, maxLen: LONG_MAX_LEN });
      expect(manifest.parameters).toBe(countParameters(manifest.config));
      expect(manifest.steps).toBeGreaterThan(0);
      const [start, end] = [manifest.metrics.initialHeldoutLoss as number, manifest.metrics.heldoutLoss as number];
      expect(end).toBeLessThan(start);
      const before = tf.memory().numTensors;
      const model = await loadTransformer(manifest, fetchFrom(dirOf(name)));
      const tokens = tf.tensor2d([[3, 4, 5, 6]], [1, 4], 'int32');
      const out = model.forward({ tokens, positions: Int32Array.of(0, 1, 2, 3) });
      const finite = tf.tidy(() => tf.all(tf.isFinite(out.logits)));
      expect((await finite.data())[0]).toBe(1);
      tf.dispose([tokens, finite, out.logits, ...out.kv.keys, ...out.kv.values]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('loadShippedModel finds a model by name through a site-root fetcher', async () => {
    const before = tf.memory().numTensors;
    const { model, manifest } = await loadShippedModel('bd3', fetchFrom(path.resolve('public')));
    expect(manifest.name).toBe('bd3');
    expect(model.config.attention).toBe('block-causal');
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(loadShippedModel('ar', async () => { throw new Error('404'); })).rejects.toThrow(new RegExp(`manifest of models/ar/v${SHIPPED_LM_VERSION} is missing or unreadable: 404`));
  });
});
