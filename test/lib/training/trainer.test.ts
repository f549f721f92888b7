import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import {
  batchForStep, defaultTrainerConfig, evalCanvasLength, learningRateAt, quickTrainerConfig, train, type TrainerState,
} from '@/lib/training/trainer';
import { countParameters } from '@/lib/models/transformer/config';
import { checkWeights, extendPositionTable, initTransformerWeights } from '@/lib/models/transformer/init';


describe('the language model trainer', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('uses the same model size and data for all three objectives, 0.5M-1.5M parameters', () => {
    const [ar, mdlm, bd3] = (['ar', 'mdlm', 'bd3'] as const).map((o) => defaultTrainerConfig(o));
    expect(ar.model.attention).toBe('causal');
    expect(mdlm.model.attention).toBe('bidirectional');
    expect(bd3.model.attention).toBe('block-causal');
    expect(countParameters(ar.model)).toBe(countParameters(bd3.model));
    expect(countParameters(ar.model)).toBeGreaterThanOrEqual(500_000);
    expect(countParameters(ar.model)).toBeLessThanOrEqual(1_500_000);
    expect(batchForStep(ar, 3).tokens).toEqual(batchForStep(mdlm, 3).tokens);
    expect(() => defaultTrainerConfig('gpt' as never)).toThrow(/objective must be one of/);
  });

  it('warms up linearly then decays by cosine to the floor', () => {
    const c = defaultTrainerConfig('ar', { lr: 1, warmupSteps: 10, steps: 110, minLrRatio: 0.1 });
    expect(learningRateAt(c, 0)).toBeCloseTo(0.1);
    expect(learningRateAt(c, 9)).toBeCloseTo(1);
    expect(learningRateAt(c, 60)).toBeCloseTo(0.55);
    expect(learningRateAt(c, 110)).toBeCloseTo(0.1);
  });

  for (const objective of ['ar', 'mdlm', 'bd3'] as const) {
    it(`quick ${objective} training lowers held-out loss and leaks no tensors`, async () => {
      const before = tf.memory().numTensors;
      const result = await train(quickTrainerConfig(objective, { steps: 20, heldoutSize: 32 }));
      expect(result.steps).toBe(20);
      expect(result.heldoutLoss).toBeLessThan(result.initialHeldoutLoss * 0.8);
      expect(Number.isFinite(result.finalTrainLoss)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    }, 300_000);
  }

  it('a run resumed from a checkpoint ends with the same weights as one that never stopped', async () => {
    const before = tf.memory().numTensors;
    const base = quickTrainerConfig('mdlm', { steps: 6, heldoutSize: 8, warmupSteps: 2 });
    const config = { ...base, model: { ...base.model, dModel: 16, nHeads: 2, nLayers: 1, dFF: 32 } };
    const straight = await train(config);
    let at3: TrainerState | null = null;
    await train(config, { checkpointEvery: 3, onCheckpoint: (s) => { if (s.step === 3) at3 = s; }, shouldStop: (s) => s >= 3 });
    expect(at3).not.toBeNull();
    const resumed = await train(config, { resume: at3 as unknown as TrainerState });
    expect(resumed.steps).toBe(6);
    expect(resumed.weights['layers.0.attn.wq'].data).toEqual(straight.weights['layers.0.attn.wq'].data);
    expect(resumed.losses).toEqual(straight.losses);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('decideSteps fixes the run length during warmup', async () => {
    const base = quickTrainerConfig('ar', { steps: 1000, heldoutSize: 8, warmupSteps: 4 });
    const config = { ...base, model: { ...base.model, dModel: 16, nHeads: 2, nLayers: 1, dFF: 32 } };
    const result = await train(config, { decideSteps: (done) => (done === 2 ? 5 : null) });
    expect(result.steps).toBe(5);
    expect(result.config.steps).toBe(5);
    await expect(train(config, { decideSteps: () => 1 })).rejects.toThrow(/decideSteps must return/);
  }, 300_000);

  it('queryKeyInitStd starts the query and key projections at that scale (and nothing else)', async () => {
    const base = quickTrainerConfig('ar', { steps: 0, heldoutSize: 8 });
    const config = { ...base, model: { ...base.model, dModel: 16, nHeads: 2, nLayers: 1, dFF: 32 } };
    const wide = await train({ ...config, queryKeyInitStd: 0.2 });
    const plain = initTransformerWeights(config.model, config.seed);
    const ratio = wide.weights['layers.0.attn.wk'].data[5] / plain['layers.0.attn.wk'].data[5];
    expect(ratio).toBeCloseTo(10, 4);
    expect(wide.weights['layers.0.attn.wv'].data).toEqual(plain['layers.0.attn.wv'].data);
  }, 60_000);
});

describe('the long phase: a wider position table and long canvases', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('extendPositionTable keeps the trained rows and initialises only the new ones', () => {
    const small = quickTrainerConfig('mdlm').model;
    const wide = { ...small, maxLen: 128 };
    const trained = initTransformerWeights(small, 5);
    const out = extendPositionTable(trained, wide, 9);
    const d = small.dModel;
    expect(out.pos_emb.shape).toEqual([128, d]);
    expect(out.pos_emb.data.subarray(0, 64 * d)).toEqual(trained.pos_emb.data);
    expect(out.pos_emb.data.subarray(64 * d)).toEqual(initTransformerWeights(wide, 9).pos_emb.data.subarray(64 * d));
    expect(out.tok_emb).toBe(trained.tok_emb);
    expect(() => checkWeights(wide, out)).not.toThrow();
    expect(() => extendPositionTable(out, small, 9)).toThrow(/the table has 128 positions, more than maxLen 64/);
  });

  it('masked diffusion trains on canvases of several lengths in one run and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const base = quickTrainerConfig('mdlm', { heldoutSize: 16 });
    const config = {
      ...base,
      steps: 40,
      model: { ...base.model, maxLen: 128 },
      canvas: { baseLen: 64, longEvery: 2, minLong: 96, maxLong: 128, longStride: 32, longTokens: 512 },
    };
    const shapes = new Set(Array.from({ length: 8 }, (_, s) => { const b = batchForStep(config, s); return `${b.batch}x${b.seqLen}`; }));
    expect([...shapes].sort()).toEqual(['16x64', '4x128', '5x96']);
    const result = await train(config);
    expect(result.heldoutLoss).toBeLessThan(result.initialHeldoutLoss * 0.8);
    // The held-out canvas is the base one, so losses compare with runs that have no long steps.
    expect(evalCanvasLength(config)).toBe(64);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
