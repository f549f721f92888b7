/**
 * Job 'ar-next-token' (lesson 01): the shipped autoregressive twin's next-character
 * log-probabilities after a prompt, one forward pass in the model worker.
 */
import { BOS_ID, MASK_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { loadShippedModel } from './lab/shipped-models';
import { nextTokenLogProbs } from './next-token';

export interface NextTokenParams {
  /** Text after [BOS], in the corpus alphabet. */
  prompt: string;
}

export interface NextTokenResult {
  prompt: string;
  /** One log-probability per token id ([MASK] is -Infinity). */
  logProbs: number[];
}

// eslint-disable-next-line require-yield -- one pass, no progress to report
export async function* runNextToken(params: NextTokenParams, context: { fetchBytes(url: string): Promise<ArrayBuffer> }): AsyncGenerator<never, NextTokenResult> {
  if (typeof params?.prompt !== 'string') throw new Error(`ar-next-token: prompt must be a string, got ${typeof params?.prompt}`);
  const model = await loadShippedModel('ar', context.fetchBytes);
  const ids = [BOS_ID, ...VOCAB.encode(params.prompt)];
  const logp = await nextTokenLogProbs(model, { ids, maskId: MASK_ID });
  return { prompt: params.prompt, logProbs: Array.from(logp) };
}
