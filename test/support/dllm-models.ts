/**
 * Small real transformers (lib/models/transformer) with random init weights, for decoder tests.
 * The token embedding is scaled up so random logits are well separated (no near-ties that float
 * rounding could flip between cached and uncached passes).
 */
import { createTransformer } from '@/lib/models/transformer/model';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import type { AttentionPattern, SequenceModel } from '@/lib/models/transformer/types';
import { EOS_ID, MASK_ID, PAD_ID, VOCAB_SIZE } from '@/lib/data/text/tokenizer';
import type { SpecialIds } from '@/lib/dllm/types';

export const TEXT_IDS: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
/** First ordinary (non-special) token id of the text tokenizer. */
export const FIRST_TEXT_ID = 4;

export function createSmallTransformer(attention: AttentionPattern, seed: number, blockSize = 8): SequenceModel {
  const config = {
    vocabSize: VOCAB_SIZE,
    dModel: 32,
    nHeads: 2,
    nLayers: 2,
    dFF: 64,
    maxLen: 64,
    attention,
    ...(attention === 'block-causal' ? { blockSize } : {}),
  };
  const weights = initTransformerWeights(config, seed);
  for (const name of ['tok_emb', 'pos_emb']) weights[name].data.forEach((v, i, a) => (a[i] = v * 50));
  return createTransformer(config, weights);
}
