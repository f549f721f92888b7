import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import { countParameters, defaultTransformerConfig } from '@/lib/models/transformer/config';
import { blockDiffusionTrainingMask, patternMask } from '@/lib/models/transformer/masks';
import type { KvCache, PositionEncoding, TransformerConfig } from '@/lib/models/transformer/types';

/** Every test below runs once per position encoding (set by each describe's beforeAll). */
let encoding: PositionEncoding = 'learned';
const small = (attention: TransformerConfig['attention']): TransformerConfig => ({
  vocabSize: 51, dModel: 32, nHeads: 4, nLayers: 2, dFF: 64, maxLen: 32, attention, blockSize: 4, positionEncoding: encoding,
});

function randomTokens(batch: number, len: number, seed: number): Int32Array {
  const out = new Int32Array(batch * len);
  let s = seed;
  for (let i = 0; i < out.length; i++) { s = (s * 1103515245 + 12345) % 2147483648; out[i] = 4 + (s % 47); }
  return out;
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

function disposeKv(kv: KvCache) { tf.dispose([...kv.keys, ...kv.values]); }

for (const positions of ['learned', 'rope'] as const) describe(`the transformer (${positions} positions)`, () => {
  beforeAll(async () => { await useNodeBackend('wasm'); encoding = positions; });

  it(positions === 'rope' ? 'rotary positions: shifting every position by 7 leaves the logits unchanged' : 'learned positions: shifting every position by 7 changes the logits', async () => {
    const config = small('bidirectional');
    const model = createTransformer(config, initTransformerWeights(config, 4));
    const before = tf.memory().numTensors;
    const tokens = tf.tensor2d(randomTokens(1, 10, 3), [1, 10], 'int32');
    const a = model.forward({ tokens, positions: range(0, 10) });
    const b = model.forward({ tokens, positions: range(7, 17) });
    const diff = await maxAbsDiff(a.logits, b.logits);
    if (positions === 'rope') expect(diff).toBeLessThan(1e-4);
    else expect(diff).toBeGreaterThan(1e-3);
    tf.dispose([tokens, a.logits, b.logits]);
    [a.kv, b.kv].forEach(disposeKv);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('has 0.5M-1.5M parameters at the shipped size, and the same weights layout for every pattern', () => {
    const n = countParameters(defaultTransformerConfig('causal'));
    expect(n).toBeGreaterThan(500_000);
    expect(n).toBeLessThan(1_500_000);
    const w = initTransformerWeights(defaultTransformerConfig('bidirectional'), 1);
    expect(Object.values(w).reduce((s, t) => s + t.data.length, 0)).toBe(n);
  });

  it('initialises identically from the same seed and differently from another', () => {
    const a = initTransformerWeights(small('causal'), 3);
    const b = initTransformerWeights(small('causal'), 3);
    const c = initTransformerWeights(small('causal'), 4);
    expect(a['layers.0.attn.wq'].data).toEqual(b['layers.0.attn.wq'].data);
    expect(a['layers.0.attn.wq'].data).not.toEqual(c['layers.0.attn.wq'].data);
  });

  it('causal forward with KV context gives the same logits as a full recompute', async () => {
    const model = createTransformer(small('causal'), initTransformerWeights(small('causal'), 1));
    const before = tf.memory().numTensors;
    const ids = randomTokens(2, 12, 5);
    const full = tf.tensor2d(ids, [2, 12], 'int32');
    const ref = model.forward({ tokens: full, positions: range(0, 12) });
    const prefix = tf.slice(full, [0, 0], [2, 8]) as tf.Tensor2D;
    const rest = tf.slice(full, [0, 8], [2, 4]) as tf.Tensor2D;
    const first = model.forward({ tokens: prefix, positions: range(0, 8) });
    const second = model.forward({ tokens: rest, positions: range(8, 12), context: first.kv });
    const refTail = tf.slice(ref.logits, [0, 8, 0], [2, 4, 51]);
    const refHead = tf.slice(ref.logits, [0, 0, 0], [2, 8, 51]);
    expect(await maxAbsDiff(second.logits, refTail)).toBeLessThan(1e-4);
    expect(await maxAbsDiff(first.logits, refHead)).toBeLessThan(1e-4);
    expect(second.kv.positions).toEqual(range(8, 12));
    expect(second.kv.keys[0].shape).toEqual([2, 4, 4, 8]);
    tf.dispose([full, prefix, rest, ref.logits, first.logits, second.logits, refTail, refHead]);
    [ref.kv, first.kv, second.kv].forEach(disposeKv);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('decoding one token at a time with a growing causal cache matches the full forward', async () => {
    const model = createTransformer(small('causal'), initTransformerWeights(small('causal'), 2));
    const before = tf.memory().numTensors;
    const ids = randomTokens(1, 6, 9);
    const full = tf.tensor2d(ids, [1, 6], 'int32');
    const ref = model.forward({ tokens: full, positions: range(0, 6) });
    let cache: KvCache | undefined;
    for (let i = 0; i < 6; i++) {
      const tok = tf.tensor2d([ids[i]], [1, 1], 'int32');
      const out = model.forward({ tokens: tok, positions: Int32Array.of(i), context: cache });
      const refRow = tf.slice(ref.logits, [0, i, 0], [1, 1, 51]);
      expect(await maxAbsDiff(out.logits, refRow)).toBeLessThan(1e-4);
      const next: KvCache = {
        keys: out.kv.keys.map((k, l) => (cache ? tf.concat([cache.keys[l], k], 2) : tf.clone(k)) as tf.Tensor4D),
        values: out.kv.values.map((v, l) => (cache ? tf.concat([cache.values[l], v], 2) : tf.clone(v)) as tf.Tensor4D),
        positions: range(0, i + 1),
      };
      if (cache) disposeKv(cache);
      disposeKv(out.kv);
      tf.dispose([tok, out.logits, refRow]);
      cache = next;
    }
    if (cache) disposeKv(cache);
    tf.dispose([full, ref.logits]);
    disposeKv(ref.kv);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('forward on a slice with block-causal context equals the same positions of a full forward', async () => {
    const config = small('block-causal');
    const model = createTransformer(config, initTransformerWeights(config, 3));
    const before = tf.memory().numTensors;
    const ids = randomTokens(2, 16, 11);
    const full = tf.tensor2d(ids, [2, 16], 'int32');
    const ref = model.forward({ tokens: full, positions: range(0, 16) });
    // blocks of 4: cache blocks 0-1, run block 2 alone; block 3 (future) must not matter
    const prefix = tf.slice(full, [0, 0], [2, 8]) as tf.Tensor2D;
    const block = tf.slice(full, [0, 8], [2, 4]) as tf.Tensor2D;
    const ctx = model.forward({ tokens: prefix, positions: range(0, 8) });
    const out = model.forward({ tokens: block, positions: range(8, 12), context: ctx.kv });
    const refBlock = tf.slice(ref.logits, [0, 8, 0], [2, 4, 51]);
    expect(await maxAbsDiff(out.logits, refBlock)).toBeLessThan(1e-4);
    tf.dispose([full, prefix, block, ref.logits, ctx.logits, out.logits, refBlock]);
    [ref.kv, ctx.kv, out.kv].forEach(disposeKv);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('bidirectional attention lets early positions see later ones, causal does not', async () => {
    const ids = randomTokens(1, 8, 3);
    const changed = Int32Array.from(ids);
    changed[7] = ids[7] === 10 ? 11 : 10;
    for (const attention of ['bidirectional', 'causal'] as const) {
      const model = createTransformer(small(attention), initTransformerWeights(small(attention), 1));
      const before = tf.memory().numTensors;
      const a = tf.tensor2d(ids, [1, 8], 'int32');
      const b = tf.tensor2d(changed, [1, 8], 'int32');
      const oa = model.forward({ tokens: a, positions: range(0, 8) });
      const ob = model.forward({ tokens: b, positions: range(0, 8) });
      const first = [tf.slice(oa.logits, [0, 0, 0], [1, 1, 51]), tf.slice(ob.logits, [0, 0, 0], [1, 1, 51])];
      const diff = await maxAbsDiff(first[0], first[1]);
      if (attention === 'causal') expect(diff).toBe(0);
      else expect(diff).toBeGreaterThan(0);
      tf.dispose([a, b, oa.logits, ob.logits, ...first]);
      disposeKv(oa.kv); disposeKv(ob.kv);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });

  it('the 2L training forward gives the noisy half the logits of a cached block-causal forward', async () => {
    // Noisy block b sees clean blocks < b and its own noisy block: exactly a block-causal slice
    // whose context is the clean prefix. So logits of the noisy half must match that.
    const config = small('block-causal');
    const model = createTransformer(config, initTransformerWeights(config, 4));
    const before = tf.memory().numTensors;
    const L = 12;
    const clean = randomTokens(1, L, 21);
    const noisy = Int32Array.from(clean, (t, i) => (i % 3 === 1 ? 1 : t));
    const both = new Int32Array(2 * L);
    both.set(noisy); both.set(clean, L);
    const positions = Int32Array.from({ length: 2 * L }, (_, i) => i % L);
    const tokens2 = tf.tensor2d(both, [1, 2 * L], 'int32');
    const train = model.forwardMasked({ tokens: tokens2, positions, mask: blockDiffusionTrainingMask(L, 4) });
    for (const b of [0, 1, 2]) {
      const cleanPrefix = tf.tensor2d(clean.slice(0, 4 * b), [1, 4 * b], 'int32');
      const ctx = b > 0 ? model.forward({ tokens: cleanPrefix, positions: range(0, 4 * b) }) : null;
      const blockTokens = tf.tensor2d(noisy.slice(4 * b, 4 * b + 4), [1, 4], 'int32');
      const out = model.forward({ tokens: blockTokens, positions: range(4 * b, 4 * b + 4), context: ctx?.kv });
      const fromTrain = tf.slice(train, [0, 4 * b, 0], [1, 4, 51]);
      expect(await maxAbsDiff(out.logits, fromTrain)).toBeLessThan(1e-4);
      tf.dispose([cleanPrefix, blockTokens, out.logits, fromTrain, ...(ctx ? [ctx.logits] : [])]);
      disposeKv(out.kv); if (ctx) disposeKv(ctx.kv);
    }
    tf.dispose([tokens2, train]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('forwardMasked with the pattern mask equals forward', async () => {
    const model = createTransformer(small('causal'), initTransformerWeights(small('causal'), 6));
    const before = tf.memory().numTensors;
    const tokens = tf.tensor2d(randomTokens(2, 10, 2), [2, 10], 'int32');
    const a = model.forward({ tokens, positions: range(0, 10) });
    const b = model.forwardMasked({ tokens, positions: range(0, 10), mask: patternMask('causal', range(0, 10), range(0, 10)) });
    expect(await maxAbsDiff(a.logits, b)).toBeLessThan(1e-5);
    tf.dispose([tokens, a.logits, b]);
    disposeKv(a.kv);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('rejects bad inputs with errors naming the argument', () => {
    const model: Transformer = createTransformer(small('causal'), initTransformerWeights(small('causal'), 1));
    const before = tf.memory().numTensors;
    const tokens = tf.tensor2d([[4, 5, 6]], [1, 3], 'int32');
    expect(() => model.forward({ tokens, positions: range(0, 2) })).toThrow(/positions has length 2/);
    expect(() => model.forward({ tokens, positions: Int32Array.of(0, 1, 40) })).toThrow(/positions\[2\] = 40/);
    const floats = tf.tensor2d([[4, 5, 6]], [1, 3], 'float32');
    expect(() => model.forward({ tokens: floats, positions: range(0, 3) })).toThrow(/tokens must be int32/);
    expect(() => model.forward({ tokens, positions: range(3, 6), context: { keys: [], values: [], positions: range(0, 3) } })).toThrow(/context.keys/);
    expect(() => model.forwardMasked({ tokens, positions: range(0, 3), mask: new Uint8Array(4) })).toThrow(/mask must be/);
    expect(() => createTransformer({ ...small('causal'), nHeads: 5 }, {})).toThrow(/divisible by config.nHeads/);
    expect(() => createTransformer(small('causal'), {})).toThrow(/missing "tok_emb"/);
    tf.dispose([tokens, floats]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    expect(() => model.forward({ tokens, positions: range(0, 3) })).toThrow(/disposed/);
  });
});
