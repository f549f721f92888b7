/**
 * `marble` in a notebook cell: Marble's own library under one object, so a reader can use the
 * same samplers, schedules, data sets and trained models the lessons use, without imports (cells
 * cannot import). Built only inside the cell worker.
 *
 *   marble.createRng(seed)                      seeded randomness (never Math.random)
 *   marble.discrete.mdlm.maskTokens(...)         masked diffusion (MDLM): schedules, masking, unmasking
 *   marble.discrete.d3pm / .sedd / .categorical  D3PM transition matrices, SEDD score entropy
 *   marble.gaussian.linearSchedule(), sampleDdpm, sampleDdim, qSample, …  Gaussian diffusion
 *   marble.data.sampleToy2d('two-moons', n, rng) toy 2D sets;  marble.data.text.VOCAB  the tokenizer
 *   marble.models.mlpDenoiser.createMlpDenoiser(config, seed) and trainMlpDenoiser(...)
 *   await marble.loadModel('mdlm')               a trained language model by name: 'ar', 'mdlm', 'bd3'
 *   marble.dllm.decodeMasked(model, prompt, …)   decoders: AR, masked, block, Fast-dLLM, APD
 *
 * Names are grouped because the families reuse names (both have a linearSchedule).
 */
import { createRng, shuffleInPlace } from '@/lib/math/rng';
import * as categorical from '@/lib/diffusion/discrete/categorical';
import * as d3pm from '@/lib/diffusion/discrete/d3pm';
import * as mdlm from '@/lib/diffusion/discrete/mdlm';
import * as sedd from '@/lib/diffusion/discrete/sedd';
import * as gaussian from '@/lib/diffusion/gaussian';
import * as toy2d from '@/lib/data/toy-2d';
import * as text from '@/lib/data/text';
import * as mlpDenoiser from '@/lib/models/mlp-denoiser';
import * as dllm from '@/lib/dllm';
import { loadShippedModel, SHIPPED_MODELS, type ShippedModel } from '@/lib/dllm/lab/shipped-models';

/** Fetches one of the site's model files (`/models/<name>/v<N>/<file>`); the worker supplies it. */
export type ModelFileFetcher = (url: string) => Promise<ArrayBuffer>;

export function createMarbleModule(fetchModelFile: ModelFileFetcher) {
  return Object.freeze({
    createRng,
    shuffleInPlace,
    discrete: Object.freeze({ categorical, d3pm, mdlm, sedd }),
    gaussian,
    data: Object.freeze({ ...toy2d, toy2d, text }),
    models: Object.freeze({ mlpDenoiser }),
    dllm,
    /** Names of the trained language models shipped with the site. */
    modelNames: SHIPPED_MODELS,
    /** A trained language model by name (weights checked by sha256, loaded once per runtime). */
    loadModel(name: ShippedModel) {
      if (!SHIPPED_MODELS.includes(name)) throw new Error(`marble.loadModel: name must be one of ${SHIPPED_MODELS.join(', ')}, got ${JSON.stringify(name)}`);
      return loadShippedModel(name, fetchModelFile);
    },
  });
}

export type MarbleModule = ReturnType<typeof createMarbleModule>;
