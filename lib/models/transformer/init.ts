/**
 * Named weights of the transformer as plain arrays (what the weights file stores), and their
 * seeded initialisation.
 */
import { createRng } from '@/lib/math/rng';
import type { TransformerConfig } from './types';
import { validateConfig } from './config';

/** One weight on the host: row-major float32 data of the given shape. */
export interface HostTensor {
  shape: number[];
  data: Float32Array;
}
export type HostWeights = Record<string, HostTensor>;

/** Every weight name with its shape, in a fixed order (the order of the weights file). */
export function weightShapes(config: TransformerConfig): [string, number[]][] {
  const { vocabSize: v, dModel: d, dFF: f, maxLen, nLayers } = config;
  const shapes: [string, number[]][] = [['tok_emb', [v, d]]];
  if (config.positionEncoding !== 'rope') shapes.push(['pos_emb', [maxLen, d]]);
  for (let l = 0; l < nLayers; l++) {
    const p = `layers.${l}.`;
    shapes.push(
      [`${p}ln1.g`, [d]], [`${p}ln1.b`, [d]],
      [`${p}attn.wq`, [d, d]], [`${p}attn.wk`, [d, d]], [`${p}attn.wv`, [d, d]], [`${p}attn.wo`, [d, d]],
      [`${p}ln2.g`, [d]], [`${p}ln2.b`, [d]],
      [`${p}mlp.w1`, [d, f]], [`${p}mlp.b1`, [f]], [`${p}mlp.w2`, [f, d]], [`${p}mlp.b2`, [d]],
    );
  }
  shapes.push(['ln_f.g', [d]], ['ln_f.b', [d]]);
  return shapes;
}

/** GPT-2's init scale: every shipped language model through v7 started from it. */
export const GPT2_INIT_STD = 0.02;

export interface InitOptions {
  /**
   * Std of the query and key projections (default GPT2_INIT_STD). At 0.02 and this width, every
   * attention score starts near 0 and the gradient of q.k with respect to one projection is scaled by
   * the other, so heads that must match CONTENT (is this key the queried one?) barely move: a 2-layer
   * model learned a two-key equality in 1,500 steps for no seed of three at 0.02, and by step 250
   * for two of three at 0.2
   * (docs/training.md, the lookup check). Heads that attend by position get a strong signal either way.
   */
  queryKeyStd?: number;
}

/**
 * GPT-2 style init: N(0, 0.02) for matrices and embeddings, residual output projections scaled by
 * 1/sqrt(2 nLayers) so the residual stream does not grow with depth; norms gain 1, biases 0.
 */
export function initTransformerWeights(config: TransformerConfig, seed: number, options: InitOptions = {}): HostWeights {
  validateConfig(config);
  const queryKeyStd = options.queryKeyStd ?? GPT2_INIT_STD;
  if (!(queryKeyStd > 0)) throw new Error(`initTransformerWeights: queryKeyStd must be positive, got ${queryKeyStd}`);
  const rng = createRng(seed);
  const residualScale = 1 / Math.sqrt(2 * config.nLayers);
  const weights: HostWeights = {};
  for (const [name, shape] of weightShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (name.endsWith('.g')) data.fill(1);
    else if (shape.length === 2) {
      const std = name.endsWith('attn.wo') || name.endsWith('mlp.w2') ? GPT2_INIT_STD * residualScale
        : name.endsWith('attn.wq') || name.endsWith('attn.wk') ? queryKeyStd : GPT2_INIT_STD;
      for (let i = 0; i < size; i++) data[i] = std * rng.normal();
    }
    weights[name] = { shape, data };
  }
  return weights;
}

/** Throws naming the first missing or mis-shaped weight. */
export function checkWeights(config: TransformerConfig, weights: HostWeights): void {
  if (!weights || typeof weights !== 'object') throw new Error('weights must be an object of named arrays');
  for (const [name, shape] of weightShapes(config)) {
    const w = weights[name];
    if (!w) throw new Error(`weights: missing "${name}" (expected shape [${shape.join(', ')}])`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (w.shape.length !== shape.length || w.shape.some((s, i) => s !== shape[i]) || w.data.length !== size) {
      throw new Error(`weights: "${name}" has shape [${w.shape.join(', ')}] (${w.data.length} values), expected [${shape.join(', ')}]`);
    }
  }
}

/**
 * The same weights for a model that sees more positions: rows beyond the old table come from the
 * seeded init of the larger config (as if freshly initialised); every other weight is kept.
 */
export function extendPositionTable(weights: HostWeights, config: TransformerConfig, seed: number): HostWeights {
  if (config.positionEncoding === 'rope') return weights; // rotary positions have no table
  const old = weights.pos_emb;
  if (!old) throw new Error('extendPositionTable: weights have no "pos_emb"');
  const d = config.dModel;
  const oldLen = old.shape[0];
  if (old.shape[1] !== d) throw new Error(`extendPositionTable: pos_emb is [${old.shape.join(', ')}], the config has dModel ${d}`);
  if (oldLen > config.maxLen) throw new Error(`extendPositionTable: the table has ${oldLen} positions, more than maxLen ${config.maxLen}`);
  const fresh = initTransformerWeights(config, seed).pos_emb;
  const data = Float32Array.from(fresh.data);
  data.set(old.data);
  return { ...weights, pos_emb: { shape: [config.maxLen, d], data } };
}
