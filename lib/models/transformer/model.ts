/**
 * One pre-norm transformer for all three language models (AR, MDLM, BD3); only the attention
 * pattern differs. Learned absolute positions or rotary ones (rope.ts), tied output head (logits = h @ tok_emb^T).
 * Tokens and positions enter through one-hot matMuls rather than gather, because gather's gradient
 * needs a kernel (UnsortedSegmentSum) the wasm backend lacks, and the vocabulary is tiny.
 */
import * as tf from '@/lib/tensor/tf';
import type { ForwardInput, ForwardOutput, KvCache, SequenceModel, TransformerConfig } from './types';
import { validateConfig } from './config';
import { checkWeights, weightShapes, type HostWeights } from './init';
import { attend, dense, gelu, layerNorm, linear, mergeHeads, splitHeads } from './layers';
import { maskToBias, patternMask } from './masks';
import { applyRope, ropeTables } from './rope';

export interface TransformerOptions {
  /** Hold the weights as trainable tf.Variables (for training); default false (plain tensors). */
  trainable?: boolean;
}

export interface MaskedForwardInput {
  /** [batch, len], int32. */
  tokens: tf.Tensor2D;
  /** Absolute position of each token (repeats allowed: the 2L trick gives x_t and x_0 the same positions). */
  positions: Int32Array;
  /** [len * len] row-major, 1 = query row may attend to key column (e.g. blockDiffusionTrainingMask). */
  mask: Uint8Array;
}

export interface Transformer extends SequenceModel {
  /** The weights by name (tf.Variables when trainable). Owned by the model: dispose() frees them. */
  readonly weights: Readonly<Record<string, tf.Tensor>>;
  /** Trainable variables, for optimizer.minimize (empty unless trainable). */
  readonly variables: tf.Variable[];
  /** Forward with an explicit attention mask over the given tokens only (training, the 2L trick). Returns logits [batch, len, vocab]. */
  forwardMasked(input: MaskedForwardInput): tf.Tensor3D;
  /** Copies the current weights to the host (for saving). */
  exportWeights(): Promise<HostWeights>;
}

function checkTokens(tokens: tf.Tensor2D, positions: Int32Array, config: TransformerConfig, where: string): void {
  if (!tokens || tokens.rank !== 2) throw new Error(`${where}: tokens must be a [batch, len] tensor, got rank ${tokens?.rank}`);
  if (tokens.dtype !== 'int32') throw new Error(`${where}: tokens must be int32, got ${tokens.dtype}`);
  if (!(positions instanceof Int32Array)) throw new Error(`${where}: positions must be an Int32Array`);
  if (positions.length !== tokens.shape[1]) {
    throw new Error(`${where}: positions has length ${positions.length}, expected tokens' len ${tokens.shape[1]}`);
  }
  for (let i = 0; i < positions.length; i++) {
    if (!(positions[i] >= 0 && positions[i] < config.maxLen)) {
      throw new Error(`${where}: positions[${i}] = ${positions[i]} is outside [0, ${config.maxLen})`);
    }
  }
}

function checkContext(context: KvCache, batch: number, config: TransformerConfig): void {
  const headDim = config.dModel / config.nHeads;
  if (context.keys?.length !== config.nLayers || context.values?.length !== config.nLayers) {
    throw new Error(`forward: context.keys and context.values must have one entry per layer (${config.nLayers})`);
  }
  if (!(context.positions instanceof Int32Array)) throw new Error('forward: context.positions must be an Int32Array');
  const expected = [batch, config.nHeads, context.positions.length, headDim];
  for (let l = 0; l < config.nLayers; l++) {
    for (const [name, t] of [['keys', context.keys[l]], ['values', context.values[l]]] as const) {
      if (t.shape.some((s, i) => s !== expected[i])) {
        throw new Error(`forward: context.${name}[${l}] has shape [${t.shape.join(', ')}], expected [${expected.join(', ')}]`);
      }
    }
  }
}

/** Builds the model from named weights (copied into tensors; the host arrays stay the caller's). */
export function createTransformer(config: TransformerConfig, weights: HostWeights, options: TransformerOptions = {}): Transformer {
  validateConfig(config);
  checkWeights(config, weights);
  const trainable = options.trainable ?? false;
  const w: Record<string, tf.Tensor> = {};
  const variables: tf.Variable[] = [];
  for (const [name, shape] of weightShapes(config)) {
    const t = tf.tensor(weights[name].data, shape, 'float32');
    if (trainable) {
      const v = tf.variable(t, true);
      t.dispose();
      w[name] = v;
      variables.push(v);
    } else {
      w[name] = t;
    }
  }
  const { nHeads, nLayers, vocabSize, maxLen } = config;
  const rope = config.positionEncoding === 'rope';
  let disposed = false;
  const alive = (where: string) => {
    if (disposed) throw new Error(`${where}: the model was disposed`);
  };

  /** The shared body: embeddings, layers, head. `bias` is [len, contextLen + len]. */
  function run(tokens: tf.Tensor2D, positions: Int32Array, bias: tf.Tensor2D, context?: KvCache) {
    const [batch, len] = tokens.shape;
    const tokOneHot = tf.oneHot(tokens, vocabSize); // [batch, len, vocab]
    let x = dense(tokOneHot, w.tok_emb); // [batch, len, d]
    let rotate = (t: tf.Tensor4D) => t;
    if (rope) {
      const { cos, sin } = ropeTables(positions, config.dModel / nHeads);
      const cosT = tf.tensor2d(cos, [len, config.dModel / nHeads]);
      const sinT = tf.tensor2d(sin, [len, config.dModel / nHeads]);
      rotate = (t) => applyRope(t, cosT, sinT);
    } else {
      const posOneHot = tf.oneHot(tf.tensor1d(positions, 'int32'), maxLen); // [len, maxLen]
      x = tf.add(x, linear(posOneHot, w.pos_emb));
    }
    const keys: tf.Tensor4D[] = [];
    const values: tf.Tensor4D[] = [];
    for (let l = 0; l < nLayers; l++) {
      const p = `layers.${l}.`;
      const h = layerNorm(x, w[`${p}ln1.g`], w[`${p}ln1.b`]);
      const q = rotate(splitHeads(dense(h, w[`${p}attn.wq`]), nHeads)); // [batch, heads, len, headDim]
      const k = rotate(splitHeads(dense(h, w[`${p}attn.wk`]), nHeads));
      const v = splitHeads(dense(h, w[`${p}attn.wv`]), nHeads);
      keys.push(k);
      values.push(v);
      const kAll = context ? tf.concat([context.keys[l], k], 2) as tf.Tensor4D : k; // [batch, heads, ctx + len, headDim]
      const vAll = context ? tf.concat([context.values[l], v], 2) as tf.Tensor4D : v;
      const attn = mergeHeads(attend(q, kAll, vAll, bias)); // [batch, len, d]
      x = tf.add(x, dense(attn, w[`${p}attn.wo`]));
      const h2 = layerNorm(x, w[`${p}ln2.g`], w[`${p}ln2.b`]);
      x = tf.add(x, dense(gelu(dense(h2, w[`${p}mlp.w1`], w[`${p}mlp.b1`])), w[`${p}mlp.w2`], w[`${p}mlp.b2`]));
    }
    const hf = layerNorm(x, w['ln_f.g'], w['ln_f.b']);
    const logits = tf.reshape(
      linear(tf.reshape(hf, [batch * len, -1]), tf.transpose(w.tok_emb)), // [batch*len, vocab] (tied head)
      [batch, len, vocabSize],
    ) as tf.Tensor3D;
    return { logits, keys, values };
  }

  return {
    config,
    weights: w,
    variables,
    forward(input: ForwardInput): ForwardOutput {
      alive('forward');
      if (!input || typeof input !== 'object') throw new Error('forward: input must be { tokens, positions, context? }');
      const { tokens, positions, context } = input;
      checkTokens(tokens, positions, config, 'forward');
      if (context) checkContext(context, tokens.shape[0], config);
      const keyPositions = new Int32Array((context?.positions.length ?? 0) + positions.length);
      if (context) keyPositions.set(context.positions);
      keyPositions.set(positions, context?.positions.length ?? 0);
      const mask = patternMask(config.attention, positions, keyPositions, config.blockSize ?? 1);
      const out = tf.tidy(() => {
        const bias = tf.tensor2d(maskToBias(mask), [positions.length, keyPositions.length]);
        return run(tokens, positions, bias, context);
      });
      return { logits: out.logits, kv: { keys: out.keys, values: out.values, positions: Int32Array.from(positions) } };
    },
    forwardMasked(input: MaskedForwardInput): tf.Tensor3D {
      alive('forwardMasked');
      const { tokens, positions, mask } = input;
      checkTokens(tokens, positions, config, 'forwardMasked');
      const len = positions.length;
      if (!(mask instanceof Uint8Array) || mask.length !== len * len) {
        throw new Error(`forwardMasked: mask must be a Uint8Array of length len*len = ${len * len}, got ${mask?.length}`);
      }
      return tf.tidy(() => run(tokens, positions, tf.tensor2d(maskToBias(mask), [len, len])).logits);
    },
    async exportWeights(): Promise<HostWeights> {
      alive('exportWeights');
      const out: HostWeights = {};
      for (const [name, shape] of weightShapes(config)) {
        out[name] = { shape: [...shape], data: new Float32Array(await w[name].data()) };
      }
      return out;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of Object.values(w)) t.dispose();
    },
  };
}
