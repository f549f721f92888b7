/**
 * Lesson 03's lab: which weights a Train click starts from and which model the sampler below it
 * uses. A first run starts from fresh seeded weights unless the reader asks for the pretrained ones
 * (from pretrained weights the loss is already low and its curve flat, which teaches nothing about
 * training); once a run has finished, "train more" continues from its weights and every sample comes
 * from that trained model.
 */
import type { DenoiserSource, DenoiserWeights } from './model-source';

export const PRETRAINED_TWO_MOONS = { kind: 'pretrained' as const, id: 'two-moons' };

export interface LabSources {
  /** The `init` of the next 'train-denoiser-2d' job. */
  trainInit: { kind: 'scratch' } | DenoiserSource;
  /** What the sampler runs, or null when there is nothing to sample from yet. */
  sampleSource: DenoiserSource | null;
  /** How the page names the sampled model. */
  sampleLabel: string | null;
}

export function denoiserLabSources(state: {
  /** Weights of the last finished run (null before the first, or after Reset). */
  trained: DenoiserWeights | null;
  /** The shipped two-moons model loaded and the two-moons data set chosen. */
  pretrainedReady: boolean;
  /** The reader ticked "start from the pretrained weights" (default: fresh). */
  fromPretrained: boolean;
}): LabSources {
  if (state.trained) {
    const trained = { kind: 'weights' as const, value: state.trained };
    return { trainInit: trained, sampleSource: trained, sampleLabel: 'the model you just trained' };
  }
  const trainInit = state.pretrainedReady && state.fromPretrained ? PRETRAINED_TWO_MOONS : { kind: 'scratch' as const };
  return state.pretrainedReady
    ? { trainInit, sampleSource: PRETRAINED_TWO_MOONS, sampleLabel: 'the pretrained model' }
    : { trainInit, sampleSource: null, sampleLabel: null };
}
