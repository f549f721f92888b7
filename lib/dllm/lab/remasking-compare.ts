/**
 * Low-confidence vs random remasking on the shipped MDLM model (lesson 09): the 'remasking-decode'
 * worker job decodes one prompt with one rule, step by step (for the unmasking timeline), with
 * decodeMasked and a fixed number of steps (tokens split evenly over the steps). The quality job
 * (remasking-quality.ts) reuses remaskingDecoder and drive.
 */
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { decodeMasked } from '../masked';
import type { Remasking } from '../denoise';
import type { DecodeResult, DecodeStep, SpecialIds } from '../types';
import { loadShippedModel } from './shipped-models';
import { toLabStep, type LabStep } from './lab-decode';

const IDS: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
export const RULES: readonly Remasking[] = ['low-confidence', 'random'];
export type Context = { fetchBytes(url: string): Promise<ArrayBuffer> };

export interface RemaskingDecodeParams {
  prompt: string;
  genLength: number;
  /** Number of steps; genLength tokens are split evenly over them. */
  steps: number;
  remasking: Remasking;
  seed: number;
}

/** One step, shaped like the lab's steps so the unmasking timeline draws it. */
/** Same shape as the lab's steps, so the same timeline draws both. */
export type RemaskingStep = LabStep;

export interface RemaskingDecodeResult {
  remasking: Remasking;
  answerText: string;
  steps: number;
  nfe: number;
  elapsedMs: number;
}

export function checkRemaskingParams(p: Pick<RemaskingDecodeParams, 'genLength' | 'steps' | 'seed'>, job: string): void {
  if (!Number.isInteger(p.genLength) || p.genLength < 1 || p.genLength > 48) throw new Error(`${job}: genLength must be an integer in [1, 48], got ${p.genLength}`);
  if (!Number.isInteger(p.steps) || p.steps < 1 || p.steps > p.genLength) throw new Error(`${job}: steps must be an integer in [1, genLength = ${p.genLength}], got ${p.steps}`);
  if (!Number.isInteger(p.seed)) throw new Error(`${job}: seed must be an integer, got ${p.seed}`);
}

export function remaskingDecoder(model: Parameters<typeof decodeMasked>[0], prompt: string, p: Omit<RemaskingDecodeParams, 'prompt'>) {
  const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
  const genLength = Math.min(p.genLength, model.config.maxLen - ids.length);
  if (genLength < 1) throw new Error(`the prompt leaves no room to generate (the model sees ${model.config.maxLen} tokens)`);
  const steps = Math.min(p.steps, genLength);
  return { answerStart: ids.length, decoder: decodeMasked(model, ids, { ids: IDS, genLength, rule: { kind: 'steps', perBlock: steps }, remasking: p.remasking, seed: p.seed }) };
}

export async function* drive(decoder: AsyncGenerator<DecodeStep, DecodeResult, void>, answerStart: number): AsyncGenerator<RemaskingStep, DecodeResult, void> {
  try {
    for (;;) {
      const next = await decoder.next();
      if (next.done) return next.value;
      yield toLabStep(next.value, answerStart);
    }
  } finally {
    await decoder.return(undefined as never); // disposes the decoder's tensors if stopped early
  }
}

export async function* runRemaskingDecode(params: RemaskingDecodeParams, context: Context): AsyncGenerator<RemaskingStep, RemaskingDecodeResult, void> {
  checkRemaskingParams(params, 'remasking-decode');
  if (!RULES.includes(params.remasking)) throw new Error(`remasking-decode: remasking must be 'low-confidence' or 'random', got ${String(params.remasking)}`);
  if (typeof params.prompt !== 'string') throw new Error('remasking-decode: prompt must be a string');
  const model = await loadShippedModel('mdlm', context.fetchBytes);
  const { answerStart, decoder } = remaskingDecoder(model, params.prompt, params);
  const result = yield* drive(decoder, answerStart);
  return { remasking: params.remasking, answerText: VOCAB.decode(Array.from(result.generated)), steps: result.steps, nfe: result.nfe, elapsedMs: result.elapsedMs };
}

