import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text';
import { checkStory, scoreTaskAnswer } from '@/lib/data/text/validator';
import { solveTask } from '@/lib/data/text/tasks';
import { answerTokens, METHODS, type MethodModels } from '../methods';
import type { DecodeResult, DecodeStep, SpecialIds } from '../types';
import { isLabMethod, methodKnobs, type LabKnobs, type LabMethod } from './lab-methods';
import { loadShippedModel } from './shipped-models';

export interface LabDecodeParams extends LabKnobs {
  method: LabMethod;
  /** Prompt text in the corpus alphabet (empty for a free story). */
  prompt: string;
  seed: number;
}

/** One step as the page draws it: only the generated region, plain arrays. */
export interface LabStep {
  /** Positions decided in this step, relative to the start of the answer. */
  positions: number[];
  confidences: number[];
  /** The answer so far; null where still masked. */
  answer: (string | null)[];
  nfe: number;
  elapsedMs: number;
  /** Answer positions [0, cachedAnswer) that came from a cache in this step (-1 when none of it). */
  cachedAnswer: number;
}

export interface LabResult {
  method: LabMethod;
  answerText: string;
  steps: number;
  nfe: number;
  elapsedMs: number;
  /** Answer tokens including [EOS] (lib/dllm/methods.ts answerTokens). */
  answerTokens: number;
  tokensPerForward: number;
  tokensPerSecond: number;
  /** 1 or 0 for a task prompt (exact match); null otherwise. */
  correct: 0 | 1 | null;
  /** For anything but a task: whether prompt + answer read as a grammatical, consistent story. */
  storyValid: boolean | null;
  stoppedAtEos: boolean;
}

const IDS: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };

export function checkLabParams(params: LabDecodeParams): void {
  if (!isLabMethod(params?.method)) throw new Error(`dllm-decode: unknown method ${JSON.stringify(params?.method)}`);
  if (typeof params.prompt !== 'string') throw new Error('dllm-decode: prompt must be a string');
  VOCAB.encode(params.prompt); // throws naming an unknown character
  for (const key of ['genLength', 'blockSize'] as const) {
    if (!Number.isInteger(params[key]) || params[key] < 1) throw new Error(`dllm-decode: ${key} must be a positive integer, got ${params[key]}`);
  }
  if (!(params.tau > 0)) throw new Error(`dllm-decode: tau must be positive, got ${params.tau}`);
  if (!(params.factor > 0)) throw new Error(`dllm-decode: factor must be positive, got ${params.factor}`);
}

/**
 * Decodes one prompt with one method on the shipped models, step by step, for the lab page.
 * Runs in the model worker; `fetchBytes` comes from the worker (lib/ does no I/O itself).
 */
export async function* runLabDecode(
  params: LabDecodeParams,
  context: { fetchBytes(url: string): Promise<ArrayBuffer> },
): AsyncGenerator<LabStep, LabResult, void> {
  checkLabParams(params);
  const { method } = params;
  const spec = METHODS[method];
  const loaded = await Promise.all(spec.models.map((m) => loadShippedModel(m, context.fetchBytes)));
  const models: MethodModels = Object.fromEntries(spec.models.map((m, i) => [m, loaded[i]]));
  const prompt = Int32Array.from([BOS_ID, ...VOCAB.encode(params.prompt)]);
  const answerStart = prompt.length;
  const maxLen = loaded[0].config.maxLen;
  const genLength = Math.min(params.genLength, maxLen - answerStart);
  if (genLength < 1) throw new Error(`dllm-decode: the prompt leaves no room to generate (the models see ${maxLen} tokens)`);
  const decoder: AsyncGenerator<DecodeStep, DecodeResult, void> = spec.build(models, prompt, genLength, methodKnobs(params, params.seed), IDS);

  let result: DecodeResult;
  try {
    for (;;) {
      const next = await decoder.next();
      if (next.done) {
        result = next.value;
        break;
      }
      yield toLabStep(next.value, answerStart);
    }
  } finally {
    await decoder.return(undefined as never); // disposes the decoder's tensors if we stop early
  }

  const answerText = VOCAB.decode(Array.from(result.generated));
  const tokens = answerTokens(result); // the answer and its [EOS], counted as the bench counts them
  return {
    method,
    answerText,
    steps: result.steps,
    nfe: result.nfe,
    elapsedMs: result.elapsedMs,
    answerTokens: tokens,
    tokensPerForward: result.nfe ? tokens / result.nfe : 0,
    tokensPerSecond: result.elapsedMs ? (tokens * 1000) / result.elapsedMs : 0,
    // A task prompt is scored by exact match; anything else is read as a story and validated.
    correct: solveTask(params.prompt) ? scoreTaskAnswer(params.prompt, answerText) : null,
    storyValid: solveTask(params.prompt) ? null : storyIsValid(params.prompt + answerText),
    stoppedAtEos: result.stoppedAtEos,
  };
}

function storyIsValid(text: string): boolean {
  const check = checkStory(text);
  return check.grammatical && check.consistent;
}

/** A decoder step as the page draws it: the answer region only, as plain arrays. */
export function toLabStep(step: DecodeStep, answerStart: number): LabStep {
  const answer: (string | null)[] = [];
  for (let i = answerStart; i < step.tokens.length; i++) {
    const id = step.tokens[i];
    answer.push(id === MASK_ID ? null : id === EOS_ID || id === PAD_ID ? '' : VOCAB.decode([id]));
  }
  const positions: number[] = [];
  const confidences: number[] = [];
  step.positionsDecoded.forEach((p, i) => {
    if (p >= answerStart) {
      positions.push(p - answerStart);
      confidences.push(step.confidences[i]);
    }
  });
  return {
    positions,
    confidences,
    answer,
    nfe: step.nfe,
    elapsedMs: step.elapsedMs,
    cachedAnswer: step.cachedUpTo === undefined ? -1 : Math.max(0, step.cachedUpTo - answerStart),
  };
}
