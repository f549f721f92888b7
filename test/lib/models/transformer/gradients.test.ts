import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { encodeBatch, generateExamples } from '@/lib/data/text/corpus';
import { createTransformer } from '@/lib/models/transformer/model';
import { initTransformerWeights, type HostWeights } from '@/lib/models/transformer/init';
import { defaultTrainerConfig, lossOnTargets, lossTargets, trainingMask, type Objective } from '@/lib/training/trainer';

/**
 * The training gradient is the loss's true gradient: central finite differences agree with it on the
 * cpu backend, and the wasm backend (where every model is trained) gives the cpu's gradient. Written
 * when lookup would not train, to rule out a wrong gradient (attention weights included) as the cause.
 */
const weightsScaled = (weights: HostWeights, by: number): HostWeights => Object.fromEntries(Object.entries(weights).map(([name, w]) => [
  name, { shape: w.shape, data: w.shape.length === 2 ? w.data.map((x) => x * by) : Float32Array.from(w.data) },
]));

function setup(objective: Objective) {
  const base = defaultTrainerConfig(objective);
  const config = { ...base, model: { ...base.model, nLayers: 2, dModel: 32, nHeads: 2, dFF: 64, maxLen: 32, blockSize: 4 } };
  // 10x the init scale: attention far from uniform, so the softmax's gradient is exercised.
  const weights = weightsScaled(initTransformerWeights(config.model, 5), 10);
  const examples = generateExamples({ seed: 3, count: 4, split: 'train', mix: { kv: 1 } }); // lookups: up to 28 tokens
  const targets = lossTargets(config, encodeBatch(examples, 32), 11);
  const mask = trainingMask(config, targets.positions.length);
  return { config, weights, targets, mask };
}

async function gradients(objective: Objective, backend: 'cpu' | 'wasm'): Promise<Record<string, Float32Array>> {
  await useNodeBackend(backend);
  const { config, weights, targets, mask } = setup(objective);
  const model = createTransformer(config.model, weights, { trainable: true });
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => lossOnTargets(model, config, targets, mask), model.variables);
  const out: Record<string, Float32Array> = {};
  for (const [name, w] of Object.entries(model.weights)) out[name] = new Float32Array(await grads[(w as tf.Variable).name].data());
  tf.dispose([value, ...Object.values(grads)]);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  return out;
}

for (const objective of ['ar', 'mdlm', 'bd3'] as const) describe(`the ${objective} loss's gradient`, () => {
  it('matches central finite differences on attention, embedding and MLP weights (cpu)', async () => {
    const analytic = await gradients(objective, 'cpu');
    const { config, weights, targets, mask } = setup(objective);
    const lossWith = (name: string, index: number, delta: number) => {
      const changed = { ...weights, [name]: { shape: weights[name].shape, data: Float32Array.from(weights[name].data) } };
      changed[name].data[index] += delta;
      const model = createTransformer(config.model, changed);
      const loss = tf.tidy(() => lossOnTargets(model, config, targets, mask).dataSync()[0]);
      model.dispose();
      return loss;
    };
    const eps = 1e-2;
    let checked = 0;
    for (const name of ['layers.1.attn.wq', 'layers.1.attn.wk', 'layers.0.attn.wk', 'layers.1.attn.wv', 'tok_emb', 'pos_emb', 'layers.0.mlp.w1']) {
      for (const index of [0, 7, 100, 333]) {
        const numeric = (lossWith(name, index, eps) - lossWith(name, index, -eps)) / (2 * eps);
        const exact = analytic[name][index];
        if (Math.abs(exact) < 1e-4 && Math.abs(numeric) < 1e-4) continue; // both ~0: float32 noise, nothing to compare
        expect(Math.abs(numeric - exact), `${name}[${index}]: finite difference ${numeric}, gradient ${exact}`).toBeLessThan(0.02 * Math.abs(exact) + 2e-4);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  }, 60_000);

  it('is the same on wasm as on cpu (relative difference < 1e-5 per weight)', async () => {
    const cpu = await gradients(objective, 'cpu');
    const wasm = await gradients(objective, 'wasm');
    for (const name of Object.keys(cpu)) {
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < cpu[name].length; i++) { diff += (cpu[name][i] - wasm[name][i]) ** 2; norm += cpu[name][i] ** 2; }
      expect(norm, `${name}: the gradient is zero, so nothing is compared`).toBeGreaterThan(0);
      expect(Math.sqrt(diff / norm), name).toBeLessThan(1e-5);
    }
  }, 60_000);
});
