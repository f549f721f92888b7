/**
 * Job 'kv-cache-cost' (lesson 01): the shipped autoregressive twin writes a free story of genLength
 * tokens with its KV cache and without, and reports each token's positions computed and step time.
 */
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID } from '@/lib/data/text/tokenizer';
import { loadShippedModel } from './lab/shipped-models';
import { measureKvCacheCost, type KvCostProgress, type KvCostResult } from './kv-cache-cost';

export interface KvCacheCostParams {
  /** Tokens to write after [BOS]. */
  genLength: number;
}

export async function* runKvCacheCost(
  params: KvCacheCostParams,
  context: { fetchBytes(url: string): Promise<ArrayBuffer> },
): AsyncGenerator<KvCostProgress, KvCostResult> {
  const model = await loadShippedModel('ar', context.fetchBytes);
  const most = model.config.maxLen - 1;
  if (!Number.isInteger(params?.genLength) || params.genLength < 2 || params.genLength > most) {
    throw new Error(`kv-cache-cost: genLength must be an integer in [2, ${most}] (the model sees ${model.config.maxLen} positions), got ${params?.genLength}`);
  }
  return yield* measureKvCacheCost(model, Int32Array.of(BOS_ID), params.genLength, { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID });
}
