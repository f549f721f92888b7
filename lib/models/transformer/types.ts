import type * as tf from '@/lib/tensor/tf';

/**
 * Who may attend to whom. The same weights layout serves all three; only the mask differs.
 * - causal: position i sees j <= i (the autoregressive twin).
 * - bidirectional: every position sees every position (MDLM / LLaDA style).
 * - block-causal: position i in block b sees every position in blocks <= b (BD3-LM sampling);
 *   training uses the 2L mask over [x_t ; x_0] (see blockDiffusionTrainingMask).
 */
export type AttentionPattern = 'causal' | 'bidirectional' | 'block-causal';

export interface TransformerConfig {
  vocabSize: number;
  /** Width of the residual stream. */
  dModel: number;
  nHeads: number;
  nLayers: number;
  /** Hidden width of the MLP (usually 4 * dModel). */
  dFF: number;
  /** Longest sequence the model is trained for (positions 0..maxLen-1). */
  maxLen: number;
  attention: AttentionPattern;
  /** Block size for the block-causal pattern (BD3-LM); ignored otherwise. */
  blockSize?: number;
  /** How positions enter: a learned table added to the embeddings (default), or rotary (rope, no weights). */
  positionEncoding?: PositionEncoding;
}

export type PositionEncoding = 'learned' | 'rope';

/** Keys and values of some positions, one entry per layer, each [batch, heads, len, headDim]. */
export interface KvCache {
  keys: tf.Tensor4D[];
  values: tf.Tensor4D[];
  /** Absolute position of each cached entry (same order as the len axis). */
  positions: Int32Array;
}

export interface ForwardInput {
  /** Token ids, [batch, len], int32. */
  tokens: tf.Tensor2D;
  /** Absolute position of each of the len tokens (need not be contiguous with the context). */
  positions: Int32Array;
  /** Keys/values of other positions the slice may attend to (prefix cache, or prefix + suffix for a dual cache). */
  context?: KvCache;
}

export interface ForwardOutput {
  /** [batch, len, vocabSize] */
  logits: tf.Tensor3D;
  /** Keys/values of the given slice only (positions = input.positions); the caller owns and disposes them. */
  kv: KvCache;
}

/** The model interface decoders use. Implemented by lib/models/transformer. */
export interface SequenceModel {
  readonly config: TransformerConfig;
  forward(input: ForwardInput): ForwardOutput;
  dispose(): void;
}
