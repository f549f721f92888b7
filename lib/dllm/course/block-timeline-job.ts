/**
 * Lesson 10's block-by-block timeline: the shipped BD3 model decodes one held-out prompt with its
 * exact prefix cache, and every pass reports what it fixed and how much of the answer came from
 * the cache. The 'block-timeline' worker job.
 */
import { BOS_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { decodeBlockDiffusion } from '../block';
import { toLabStep, type LabStep } from '../lab/lab-decode';
import { loadShippedModel } from '../lab/shipped-models';
import { ARENA_IDS } from '../arena/race';
import type { UnmaskRule } from '../parallel';
import { checkPromptText, driveDecoder, type JobFiles } from './context';

export interface BlockTimelineParams {
  prompt: string;
  /** 'one' = one token per pass; 'threshold' = every position above 0.9 at once. */
  rule: 'one' | 'threshold';
  genLength: number;
}

export interface BlockTimelineStep extends LabStep {
  /** Query positions run through the model on this pass. */
  positionsComputed: number;
}

export interface BlockTimelineResult {
  answerText: string;
  blockSize: number;
  /** Index of the first answer position inside its block (the prompt may end mid-block). */
  answerOffset: number;
  nfe: number;
  stoppedAtEos: boolean;
  elapsedMs: number;
}

export async function* runBlockTimeline(params: BlockTimelineParams, context: JobFiles): AsyncGenerator<BlockTimelineStep, BlockTimelineResult, void> {
  const prompt = checkPromptText(params?.prompt, 'block-timeline');
  if (params.rule !== 'one' && params.rule !== 'threshold') throw new Error(`block-timeline: rule must be 'one' or 'threshold', got ${String(params.rule)}`);
  if (!Number.isInteger(params.genLength) || params.genLength < 8 || params.genLength > 96) throw new Error(`block-timeline: genLength must be an integer in [8, 96], got ${params.genLength}`);
  const model = await loadShippedModel('bd3', context.fetchBytes);
  const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
  const blockSize = model.config.blockSize ?? 1;
  const rule: UnmaskRule = params.rule === 'one' ? { kind: 'steps', perBlock: blockSize } : { kind: 'threshold', tau: 0.9 };
  const genLength = Math.min(params.genLength, model.config.maxLen - ids.length);
  const decoder = decodeBlockDiffusion(model, ids, { ids: ARENA_IDS, maxNewTokens: genLength, rule });
  const result = yield* driveDecoder(decoder, (s) => ({ ...toLabStep(s, ids.length), positionsComputed: s.positionsComputed ?? 0 }));
  return {
    answerText: VOCAB.decode(Array.from(result.generated)),
    blockSize,
    answerOffset: ids.length % blockSize,
    nfe: result.nfe,
    stoppedAtEos: result.stoppedAtEos,
    elapsedMs: result.elapsedMs,
  };
}
