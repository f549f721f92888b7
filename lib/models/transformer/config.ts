/**
 * Transformer configuration: the default size shared by the AR, MDLM and BD3 models, and the
 * boundary check every constructor runs.
 */
import { VOCAB_SIZE } from '@/lib/data/text/tokenizer';
import { SEQ_LEN } from '@/lib/data/text/corpus';
import type { AttentionPattern, TransformerConfig } from './types';

export const ATTENTION_PATTERNS: readonly AttentionPattern[] = ['causal', 'bidirectional', 'block-causal'];

/** Block size of the BD3 model: 8 blocks of 8 in a 64-token sequence (BD3-LM reports 4-16 work). */
export const DEFAULT_BLOCK_SIZE = 8;

/**
 * The shipped size: about 0.6M parameters, small enough to train in minutes on one CPU core with
 * wasm and to run in a browser in milliseconds per step; only the attention pattern differs.
 */
export function defaultTransformerConfig(attention: AttentionPattern): TransformerConfig {
  return {
    vocabSize: VOCAB_SIZE, // character vocabulary + 4 special tokens
    dModel: 128, // wide enough for 3-digit addition with carries, narrow enough for a CPU
    nHeads: 4, // head dim 32
    nLayers: 3, // 3 rather than 4: training time on a CPU core is the binding constraint
    dFF: 512, // the usual 4 * dModel
    maxLen: SEQ_LEN, // every example fits 64 tokens
    attention,
    ...(attention === 'block-causal' ? { blockSize: DEFAULT_BLOCK_SIZE } : {}),
  };
}

const positiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Throws an error naming the first bad field; returns the config unchanged when it is valid. */
export function validateConfig(config: TransformerConfig): TransformerConfig {
  if (!config || typeof config !== 'object') throw new Error('config must be an object');
  for (const key of ['vocabSize', 'dModel', 'nHeads', 'nLayers', 'dFF', 'maxLen'] as const) {
    if (!positiveInt(config[key])) throw new Error(`config.${key} must be a positive integer, got ${String(config[key])}`);
  }
  if (config.dModel % config.nHeads !== 0) {
    throw new Error(`config.dModel (${config.dModel}) must be divisible by config.nHeads (${config.nHeads})`);
  }
  if (!ATTENTION_PATTERNS.includes(config.attention)) {
    throw new Error(`config.attention must be one of ${ATTENTION_PATTERNS.join(', ')}, got ${String(config.attention)}`);
  }
  if (config.positionEncoding !== undefined && config.positionEncoding !== 'learned' && config.positionEncoding !== 'rope') {
    throw new Error(`config.positionEncoding must be learned or rope, got ${String(config.positionEncoding)}`);
  }
  if (config.positionEncoding === 'rope' && (config.dModel / config.nHeads) % 2 !== 0) {
    throw new Error(`config.dModel / config.nHeads must be even for rope, got ${config.dModel / config.nHeads}`);
  }
  if (config.attention === 'block-causal' && !positiveInt(config.blockSize)) {
    throw new Error(`config.blockSize must be a positive integer for block-causal attention, got ${String(config.blockSize)}`);
  }
  return config;
}

/** Number of trainable parameters (tied output head: the token embedding is counted once). */
export function countParameters(config: TransformerConfig): number {
  const { vocabSize: v, dModel: d, dFF: f, maxLen, nLayers } = config;
  const perLayer = 2 * d + 4 * d * d + 2 * d + d * f + f + f * d + d;
  const positionTable = config.positionEncoding === 'rope' ? 0 : maxLen * d;
  return v * d + positionTable + nLayers * perLayer + 2 * d;
}

/**
 * Position table of the shipped language models: a prompt of up to 64 tokens plus a 256-token
 * answer canvas (the benchmark's longest generation length).
 */
export const LONG_MAX_LEN = 320;
