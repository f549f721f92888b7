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
 *   marble.dllm.blockMask / .jointVsProduct      lesson 10's masks, lesson 12's exact two-token toy
 *   await marble.caching.measurePolicy(policy)   lesson 11: a cache-refresh policy vs prefix/dual caches
 *   await marble.arena.race(rule, { report })    lesson 12: an unmasking rule raced on held-out tasks
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
import * as blockMask from '@/lib/dllm/block-mask';
import * as jointVsProduct from '@/lib/dllm/joint-vs-product';
import * as arenaRules from '@/lib/dllm/arena/builtin-rules';
import { raceInCell, type CellRaceOptions } from '@/lib/dllm/arena/cell-race';
import type { ArenaRule } from '@/lib/dllm/arena/rule';
import { measureRefreshPolicy, type MeasurePolicyOptions } from '@/lib/dllm/course/refresh-race';
import type { RefreshPolicy } from '@/lib/dllm/cache-refresh';

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
    dllm: Object.freeze({ ...dllm, blockMask, jointVsProduct }),
    caching: Object.freeze({
      /** Agreement and cost of a refresh policy against Fast-dLLM's prefix and dual caches (shipped MDLM). */
      measurePolicy: (policy: RefreshPolicy, options: MeasurePolicyOptions = {}) => measureRefreshPolicy(policy, options, () => loadShippedModel('mdlm', fetchModelFile)),
    }),
    arena: Object.freeze({
      ...arenaRules,
      /** Races a rule (and the built-in ones) on held-out tasks with the shipped block diffusion model. */
      race: (rule: ArenaRule, options: CellRaceOptions = {}) => raceInCell(rule, options, () => loadShippedModel('bd3', fetchModelFile)),
    }),
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
