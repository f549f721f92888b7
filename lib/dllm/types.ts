/**
 * Shared types and boundary checks for every decoder in lib/dllm. Decoders are async generators
 * (ARCHITECTURE.md rule 5): each step yields plain typed arrays a widget can draw, never tensors.
 */
import type { SequenceModel } from '@/lib/models/transformer/types';

/** Token ids with a special meaning; they come from the tokenizer, never hard-coded here. */
export interface SpecialIds {
  /** The absorbing [MASK] token: undecided positions. Never predicted. */
  maskId: number;
  /** End of sequence: variable-length decoders stop at the first one. */
  eosId: number;
  /** Padding after the end; read like eos when the answer is cut out of the canvas. */
  padId: number;
}

/** The state a decoder yields after every step (one step may run one or more forward passes). */
export interface DecodeStep {
  /** Absolute positions (indices into `tokens`) decided in this step, in the order chosen. */
  positionsDecoded: Int32Array;
  /** Confidence (model probability of the chosen token) for each entry of positionsDecoded. */
  confidences: Float32Array;
  /** The whole canvas: prompt + generation region, maskId where still undecided. A fresh copy. */
  tokens: Int32Array;
  /** Forward passes of the model(s) so far. */
  nfe: number;
  /** Wall time since the decoder started, in milliseconds. */
  elapsedMs: number;
  /** Positions [0, cachedUpTo) whose keys/values came from a cache in this step (cached decoders). */
  cachedUpTo?: number;
  /** Query positions run through the model(s) in this step: the work a cache saves. */
  positionsComputed?: number;
}

/** What a decoder returns when it finishes. */
export interface DecodeResult {
  /** Final canvas: prompt + decoded region (trimmed where a variable-length decoder stopped). */
  tokens: Int32Array;
  /** The answer: decoded tokens after the prompt, up to (not including) the first eos or pad. */
  generated: Int32Array;
  /** True when an eos (or pad) token ended the answer. */
  stoppedAtEos: boolean;
  /** Steps yielded. */
  steps: number;
  nfe: number;
  elapsedMs: number;
}

export type Decoder = AsyncGenerator<DecodeStep, DecodeResult, void>;

export function checkModel(model: SequenceModel, fn: string): void {
  if (!model || typeof model.forward !== 'function' || !model.config) {
    throw new Error(`${fn}: model must be a SequenceModel with config and forward()`);
  }
}

export function checkIds(ids: SpecialIds | undefined, vocabSize: number, fn: string): SpecialIds {
  if (!ids) throw new Error(`${fn}: options.ids is required ({ maskId, eosId, padId })`);
  for (const key of ['maskId', 'eosId', 'padId'] as const) {
    const v = ids[key];
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize) {
      throw new Error(`${fn}: options.ids.${key} must be an integer in [0, ${vocabSize}), got ${v}`);
    }
  }
  return ids;
}

export function checkPrompt(prompt: Int32Array | readonly number[], vocabSize: number, maskId: number | null, fn: string): Int32Array {
  if (!prompt || typeof prompt.length !== 'number' || prompt.length < 1) {
    throw new Error(`${fn}: prompt must hold at least one token id, got length ${prompt?.length}`);
  }
  const out = Int32Array.from(prompt);
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    if (!Number.isInteger(prompt[i]) || t < 0 || t >= vocabSize) {
      throw new Error(`${fn}: prompt[${i}] must be a token id in [0, ${vocabSize}), got ${prompt[i]}`);
    }
    if (maskId !== null && t === maskId) throw new Error(`${fn}: prompt[${i}] is the mask id ${maskId}; prompts must be clean`);
  }
  return out;
}

export function checkInt(value: unknown, name: string, min: number, fn: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new Error(`${fn}: options.${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

export function checkNumber(value: unknown, name: string, min: number, fn: string, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${fn}: options.${name} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

export function checkLength(promptLength: number, genLength: number, maxLen: number, fn: string): void {
  if (promptLength + genLength > maxLen) {
    throw new Error(
      `${fn}: options.genLength (${genLength}) plus the prompt length (${promptLength}) must be <= the model's maxLen ${maxLen}`,
    );
  }
}

/** The answer: tokens after the prompt up to the first eos or pad. */
export function answerOf(canvas: Int32Array, promptLength: number, end: number, ids: SpecialIds): { generated: Int32Array; stoppedAtEos: boolean } {
  for (let i = promptLength; i < end; i++) {
    if (canvas[i] === ids.eosId || canvas[i] === ids.padId) return { generated: canvas.slice(promptLength, i), stoppedAtEos: true };
  }
  return { generated: canvas.slice(promptLength, end), stoppedAtEos: false };
}

/** Whether the generated part of a finished block holds [EOS] or [PAD]: a decoder that stops at [EOS] stops after it (the answer, read up to it, is final). */
export function blockEndsAnswer(canvas: Int32Array, blockStart: number, blockEnd: number, promptLength: number, ids: SpecialIds): boolean {
  for (let i = Math.max(blockStart, promptLength); i < blockEnd; i++) {
    if (canvas[i] === ids.eosId || canvas[i] === ids.padId) return true;
  }
  return false;
}

/**
 * The step a diffusion decoder yields after one denoising pass: what was revealed, a fresh copy of
 * the canvas, and the counters (shared by the masked, block and Fast-dLLM decoders).
 */
export function revealedStep(
  revealed: { positions: Int32Array; confidences: Float32Array },
  canvas: Int32Array,
  nfe: number,
  startedAt: number,
  cost: Pick<DecodeStep, 'cachedUpTo' | 'positionsComputed'>,
): DecodeStep {
  return { positionsDecoded: revealed.positions, confidences: revealed.confidences, tokens: canvas.slice(), nfe, elapsedMs: now() - startedAt, ...cost };
}

/** A clock that works in Node and browsers alike (performance is global in both). */
export function now(): number {
  return performance.now();
}

export function range(start: number, end: number): Int32Array {
  const out = new Int32Array(Math.max(0, end - start));
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

/** Runs a decoder to the end (calling onStep for every yielded step) and returns its result. */
export async function runDecoder<S extends DecodeStep, R extends DecodeResult>(
  decoder: AsyncGenerator<S, R, void>,
  onStep?: (step: S) => void,
): Promise<R> {
  for (;;) {
    const next = await decoder.next();
    if (next.done) return next.value;
    onStep?.(next.value);
  }
}
