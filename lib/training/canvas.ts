/**
 * Canvas lengths of training batches. Every corpus example fits SEQ_LEN (64) tokens, but a masked
 * diffusion model decodes on a fixed canvas of prompt + genLength positions (genLength up to 256):
 * the positions after [EOS] must learn to read as [PAD]. So some steps train on long canvases (the
 * same kind of examples, a longer [PAD] tail), with fewer rows to keep the tokens per step near constant.
 */
import { createRng } from '@/lib/math/rng';
import { hashText } from '@/lib/data/text/corpus';

export interface CanvasSchedule {
  /** Length of an ordinary step's canvas (the corpus length). */
  baseLen: number;
  /** Every `longEvery`-th step uses a long canvas; 0 never does. */
  longEvery: number;
  /** A long canvas is drawn uniformly from minLong..maxLong in steps of `longStride`. */
  minLong: number;
  maxLong: number;
  longStride: number;
  /** A long step has floor(longTokens / length) rows (at least 1). */
  longTokens: number;
}

export interface StepCanvas {
  seqLen: number;
  batchSize: number;
}

/** The canvas of one step: a pure function of the schedule, the seed and the step. */
export function canvasForStep(schedule: CanvasSchedule | undefined, baseBatch: number, baseLen: number, seed: number, step: number): StepCanvas {
  if (!schedule || schedule.longEvery <= 0 || step % schedule.longEvery !== schedule.longEvery - 1) {
    return { seqLen: schedule?.baseLen ?? baseLen, batchSize: baseBatch };
  }
  const choices = Math.floor((schedule.maxLong - schedule.minLong) / schedule.longStride) + 1;
  const rng = createRng(hashText(`canvas:${seed}:${step}`));
  const seqLen = schedule.minLong + schedule.longStride * rng.int(choices);
  return { seqLen, batchSize: Math.max(1, Math.floor(schedule.longTokens / seqLen)) };
}

/** Throws naming the first bad field; the longest canvas must fit the model. */
export function validateCanvasSchedule(schedule: CanvasSchedule, maxLen: number, blockSize?: number): void {
  for (const key of ['baseLen', 'minLong', 'maxLong', 'longStride', 'longTokens'] as const) {
    if (!Number.isInteger(schedule[key]) || schedule[key] <= 0) throw new Error(`canvas.${key} must be a positive integer, got ${schedule[key]}`);
  }
  if (!Number.isInteger(schedule.longEvery) || schedule.longEvery < 0) throw new Error(`canvas.longEvery must be a non-negative integer, got ${schedule.longEvery}`);
  if (schedule.minLong > schedule.maxLong) throw new Error(`canvas.minLong (${schedule.minLong}) must be <= canvas.maxLong (${schedule.maxLong})`);
  if (Math.max(schedule.baseLen, schedule.maxLong) > maxLen) throw new Error(`canvas lengths up to ${Math.max(schedule.baseLen, schedule.maxLong)} exceed the model's maxLen ${maxLen}`);
  if (blockSize) {
    for (const key of ['baseLen', 'minLong', 'longStride'] as const) {
      if (schedule[key] % blockSize !== 0) throw new Error(`canvas.${key} (${schedule[key]}) must be a multiple of the block size ${blockSize}`);
    }
  }
}
