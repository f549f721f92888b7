/**
 * The autoregressive twin's next-token distribution after a prompt: one forward pass over
 * [BOS] + prompt, the last row's log-probabilities with [MASK] banned (the twin never writes it).
 * For lesson 01's sampling figure, which reshapes it with temperature and top-k on the page.
 */
import * as tf from '@/lib/tensor/tf';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { logSoftmaxRow } from './sampling';

export interface NextTokenInput {
  /** Token ids the model reads, [BOS] first. */
  ids: readonly number[];
  maskId: number;
}

export async function nextTokenLogProbs(model: SequenceModel, input: NextTokenInput): Promise<Float64Array> {
  const { ids, maskId } = input;
  const V = model.config.vocabSize;
  if (ids.length < 1 || ids.length > model.config.maxLen) throw new Error(`nextTokenLogProbs: ids must hold 1 to ${model.config.maxLen} tokens, got ${ids.length}`);
  if (ids.some((t) => !Number.isInteger(t) || t < 0 || t >= V)) throw new Error(`nextTokenLogProbs: every id must be an integer in [0, ${V}), got [${ids.join(', ')}]`);
  const last = tf.tidy(() => {
    const out = model.forward({ tokens: tf.tensor2d([Array.from(ids)], [1, ids.length], 'int32'), positions: Int32Array.from(ids.keys()) });
    tf.dispose([...out.kv.keys, ...out.kv.values]);
    return tf.slice(out.logits, [0, ids.length - 1, 0], [1, 1, V]); // [1, 1, V]
  });
  try {
    return logSoftmaxRow(await last.data(), 0, V, [maskId]);
  } finally {
    last.dispose();
  }
}
