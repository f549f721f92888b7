import { describe, expect, it } from 'vitest';
import { denoiserLabSources, PRETRAINED_TWO_MOONS } from '@/lib/diffusion/gaussian/jobs/lab-sources';
import type { DenoiserWeights } from '@/lib/diffusion/gaussian/jobs/model-source';

const trained = { config: {}, weights: { w: new Float32Array([1, 2]) } } as unknown as DenoiserWeights;

describe("lesson 03's lab: where training starts and what the sampler uses", () => {
  it('starts the first run from fresh seeded weights by default, even when the pretrained model is there', () => {
    expect(denoiserLabSources({ trained: null, pretrainedReady: true, fromPretrained: false })).toEqual({
      trainInit: { kind: 'scratch' }, sampleSource: PRETRAINED_TWO_MOONS, sampleLabel: 'the pretrained model',
    });
    expect(denoiserLabSources({ trained: null, pretrainedReady: false, fromPretrained: false })).toEqual({ trainInit: { kind: 'scratch' }, sampleSource: null, sampleLabel: null });
  });

  it('starts from the pretrained weights only when asked and available', () => {
    expect(denoiserLabSources({ trained: null, pretrainedReady: true, fromPretrained: true }).trainInit).toEqual(PRETRAINED_TWO_MOONS);
    expect(denoiserLabSources({ trained: null, pretrainedReady: false, fromPretrained: true }).trainInit).toEqual({ kind: 'scratch' });
  });

  it('after a run, trains on from its weights and samples only from them, whatever else is ticked', () => {
    for (const fromPretrained of [false, true]) {
      for (const pretrainedReady of [false, true]) {
        const s = denoiserLabSources({ trained, pretrainedReady, fromPretrained });
        expect(s.trainInit).toEqual({ kind: 'weights', value: trained });
        expect(s.sampleSource).toEqual({ kind: 'weights', value: trained });
        expect(s.sampleSource && s.sampleSource.kind === 'weights' && s.sampleSource.value).toBe(trained);
        expect(s.sampleLabel).toBe('the model you just trained');
      }
    }
  });
});
