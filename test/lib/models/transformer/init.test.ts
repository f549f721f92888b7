import { describe, expect, it } from 'vitest';
import { defaultTransformerConfig } from '@/lib/models/transformer/config';
import { GPT2_INIT_STD, initTransformerWeights } from '@/lib/models/transformer/init';

const std = (data: Float32Array) => {
  const mean = data.reduce((s, x) => s + x, 0) / data.length;
  return Math.sqrt(data.reduce((s, x) => s + (x - mean) ** 2, 0) / data.length);
};

describe('initTransformerWeights', () => {
  const config = defaultTransformerConfig('causal');

  it('draws GPT-2 scales by default: 0.02, residual outputs 0.02 / sqrt(2 nLayers), norms 1, biases 0', () => {
    const w = initTransformerWeights(config, 3);
    expect(std(w['layers.0.attn.wq'].data)).toBeCloseTo(GPT2_INIT_STD, 3);
    expect(std(w['layers.1.mlp.w1'].data)).toBeCloseTo(GPT2_INIT_STD, 3);
    expect(std(w['layers.2.attn.wo'].data)).toBeCloseTo(GPT2_INIT_STD / Math.sqrt(2 * config.nLayers), 3);
    expect([...w['layers.0.ln1.g'].data].every((x) => x === 1)).toBe(true);
    expect([...w['layers.0.mlp.b1'].data].every((x) => x === 0)).toBe(true);
  });

  it('queryKeyStd scales the query and key projections only, from the same draws (so the default is unchanged)', () => {
    const plain = initTransformerWeights(config, 3);
    const wide = initTransformerWeights(config, 3, { queryKeyStd: 0.2 });
    for (let l = 0; l < config.nLayers; l++) {
      for (const m of ['wq', 'wk']) {
        const name = `layers.${l}.attn.${m}`;
        expect(std(wide[name].data)).toBeCloseTo(0.2, 2);
        expect(Math.max(...wide[name].data.map((x, i) => Math.abs(x - 10 * plain[name].data[i])))).toBeLessThan(1e-6);
      }
      for (const m of ['attn.wv', 'attn.wo', 'mlp.w1']) expect(wide[`layers.${l}.${m}`].data).toEqual(plain[`layers.${l}.${m}`].data);
    }
    expect(wide.tok_emb.data).toEqual(plain.tok_emb.data);
    expect(initTransformerWeights(config, 3, { queryKeyStd: GPT2_INIT_STD })).toEqual(plain);
  });

  it('refuses a query-key std that is not positive', () => {
    expect(() => initTransformerWeights(config, 3, { queryKeyStd: 0 })).toThrow(/queryKeyStd must be positive, got 0/);
  });
});
