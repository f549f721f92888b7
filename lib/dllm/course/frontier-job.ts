/**
 * Lesson 12's frontier: one decoding method of the shared method table (lib/dllm/methods.ts, the
 * same builds the benchmark measures) with one setting of its knobs, run on held-out task prompts
 * in the page. Reports the running point (accuracy, tokens per pass, tokens per second) after
 * every prompt, so the figure draws it as it arrives. The 'frontier-point' worker job.
 */
import { BOS_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { scoreTaskAnswer } from '@/lib/data/text/validator';
import { answerTokens, DEFAULT_KNOBS, isMethodId, METHODS, type MethodId, type MethodKnobs, type MethodModels } from '../methods';
import { heldOutTaskPrompts } from '../lab/heldout-tasks';
import { loadShippedModel } from '../lab/shipped-models';
import { ARENA_GEN_LENGTH, ARENA_IDS } from '../arena/race';
import { runDecoder } from '../types';
import type { JobFiles } from './context';

export interface FrontierParams {
  method: MethodId;
  /** Overrides of DEFAULT_KNOBS (tau, factor, mdlmBlock). */
  knobs?: Partial<MethodKnobs>;
  tasks: number;
}

export interface FrontierPoint {
  method: MethodId;
  knobs: MethodKnobs;
  tasks: number;
  correct: number;
  accuracy: number;
  tokensPerPass: number;
  tokensPerSecond: number;
  done: boolean;
}

export async function* runFrontierPoint(params: FrontierParams, context: JobFiles): AsyncGenerator<FrontierPoint, FrontierPoint, void> {
  if (!isMethodId(params?.method)) throw new Error(`frontier-point: unknown method ${JSON.stringify(params?.method)}`);
  if (!Number.isInteger(params.tasks) || params.tasks < 1 || params.tasks > 64) throw new Error(`frontier-point: tasks must be an integer in [1, 64], got ${params.tasks}`);
  const knobs: MethodKnobs = { ...DEFAULT_KNOBS, ...(params.knobs ?? {}) };
  if (!(knobs.tau > 0) || !(knobs.factor > 0) || !Number.isInteger(knobs.mdlmBlock) || knobs.mdlmBlock < 1) {
    throw new Error(`frontier-point: knobs must have tau > 0, factor > 0 and an integer mdlmBlock >= 1, got ${JSON.stringify(params.knobs)}`);
  }
  const spec = METHODS[params.method];
  const loaded = await Promise.all(spec.models.map((m) => loadShippedModel(m, context.fetchBytes)));
  const models: MethodModels = Object.fromEntries(spec.models.map((m, i) => [m, loaded[i]]));
  const point: FrontierPoint = { method: params.method, knobs, tasks: 0, correct: 0, accuracy: 0, tokensPerPass: 0, tokensPerSecond: 0, done: false };
  let tokens = 0;
  let passes = 0;
  let ms = 0;
  for (const { prompt } of heldOutTaskPrompts(params.tasks)) {
    const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
    const genLength = Math.min(ARENA_GEN_LENGTH, loaded[0].config.maxLen - ids.length);
    const result = await runDecoder(spec.build(models, ids, genLength, knobs, ARENA_IDS));
    point.tasks++;
    point.correct += scoreTaskAnswer(prompt, VOCAB.decode(Array.from(result.generated)));
    tokens += answerTokens(result);
    passes += result.nfe;
    ms += result.elapsedMs;
    point.accuracy = point.correct / point.tasks;
    point.tokensPerPass = passes ? tokens / passes : 0;
    point.tokensPerSecond = ms ? (tokens * 1000) / ms : 0;
    if (point.tasks < params.tasks) yield { ...point };
  }
  return { ...point, done: true };
}
