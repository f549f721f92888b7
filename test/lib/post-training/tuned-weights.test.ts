import { describe, expect, it } from 'vitest';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import { knownLanguageModelConfig } from '@/lib/diffusion/discrete/known-language/models';
import { parseTunedWeights, serializeTunedWeights } from '@/lib/post-training/tuned-weights';

describe('the downloadable tuned weights', () => {
  it('round-trip exactly through JSON', () => {
    const config = knownLanguageModelConfig();
    const weights = initTransformerWeights(config, 3);
    const back = parseTunedWeights(serializeTunedWeights({ objective: 'mdlm', config, weights }, 'test'));
    expect(back.config).toEqual(config);
    for (const [name, t] of Object.entries(weights)) {
      expect(back.weights[name].shape).toEqual(t.shape);
      expect(Array.from(back.weights[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('reject a file of another format', () => {
    expect(() => parseTunedWeights(JSON.stringify({ format: 'something-else' }))).toThrow(/format must be marble-tuned-weights-v1/);
  });
});
