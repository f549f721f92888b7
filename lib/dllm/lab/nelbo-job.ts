/**
 * The 'mdlm-nelbo' worker job (lesson 09): one held-out example, masked at time t with a seed, run
 * once through the shipped MDLM model; returns the NELBO term by term. lib/ does no I/O: the worker
 * lends fetchBytes to load the weights.
 */
import { encodeExample, SEQ_LEN } from '@/lib/data/text/corpus';
import { MASK_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { forwardSlice } from '../kv-cache';
import { loadShippedModel } from './shipped-models';
import { maskAnswerRegion, nelboBreakdown, type NelboTerm } from './nelbo-terms';

export interface NelboJobParams {
  prompt: string;
  answer: string;
  t: number;
  seed: number;
}

export interface NelboJobTerm extends NelboTerm {
  /** Readable names of the target and the model's top guess ('a', ' ', '[EOS]', '[PAD]'). */
  targetName: string;
  topName: string;
}

export interface NelboJobResult {
  t: number;
  weight: number;
  sumNll: number;
  loss: number;
  /** Answer-region length (answer, [EOS], [PAD] tail): the per-token NELBO divides by it. */
  regionLength: number;
  answerStart: number;
  /** x_t as text with '_' for [MASK] (specials dropped), and the clean text. */
  noisyText: string;
  cleanText: string;
  terms: NelboJobTerm[];
  elapsedMs: number;
}

export async function* runNelboJob(
  params: NelboJobParams,
  context: { fetchBytes(url: string): Promise<ArrayBuffer> },
): AsyncGenerator<{ stage: string }, NelboJobResult, void> {
  if (!params || typeof params.prompt !== 'string' || typeof params.answer !== 'string') throw new Error('mdlm-nelbo: prompt and answer must be strings');
  if (!(params.t > 0 && params.t <= 1)) throw new Error(`mdlm-nelbo: t must be in (0, 1], got ${params.t}`);
  if (!Number.isInteger(params.seed)) throw new Error(`mdlm-nelbo: seed must be an integer, got ${params.seed}`);
  yield { stage: 'loading the model' };
  const model = await loadShippedModel('mdlm', context.fetchBytes);
  const start = performance.now();
  // The training canvas (SEQ_LEN), so the loss is the one the manifest reports, not one diluted by a longer [PAD] tail.
  const enc = encodeExample({ kind: 'story', prompt: params.prompt, answer: params.answer }, Math.min(SEQ_LEN, model.config.maxLen));
  const noisy = maskAnswerRegion(enc.tokens, enc.answerStart, params.t, MASK_ID, params.seed);
  const positions = Int32Array.from({ length: noisy.length }, (_, i) => i);
  const { logits } = await forwardSlice(model, noisy, positions, null, false);
  const b = nelboBreakdown(logits, enc.tokens, noisy, model.config.vocabSize, MASK_ID, params.t);
  return {
    t: b.t,
    weight: b.weight,
    sumNll: b.sumNll,
    loss: b.loss,
    regionLength: enc.tokens.length - enc.answerStart,
    answerStart: enc.answerStart,
    noisyText: VOCAB.decode(noisy.slice(1), { stopAtEos: true }),
    cleanText: params.prompt + params.answer,
    terms: b.terms.map((term) => ({ ...term, targetName: VOCAB.tokenName(term.target), topName: VOCAB.tokenName(term.top) })),
    elapsedMs: performance.now() - start,
  };
}
