/**
 * One denoising step inside a block, shared by the masked, block and Fast-dLLM decoders:
 * predict every still-masked position of the block, keep the ones the rule chooses, and write
 * them into the canvas (the others stay masked: low-confidence remasking).
 */
import type { Rng } from '@/lib/math/rng';
import { pickToken } from './sampling';
import type { BlockUnmasker } from './parallel';

export type Remasking = 'low-confidence' | 'random';

export interface DenoiseOptions {
  maskId: number;
  vocab: number;
  temperature: number;
  remasking: Remasking;
  rng: Rng;
}

/** Masked positions of canvas in [start, end). */
export function maskedIn(canvas: Int32Array, start: number, end: number, maskId: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) if (canvas[i] === maskId) out.push(i);
  return out;
}

/**
 * Runs one step. `logits` holds rows for positions sliceStart, sliceStart + 1, ...; `candidates`
 * are the block's masked positions. Returns what was revealed, in the order chosen.
 */
export function denoiseStep(
  canvas: Int32Array,
  logits: Float32Array,
  sliceStart: number,
  candidates: number[],
  unmasker: BlockUnmasker,
  options: DenoiseOptions,
): { positions: Int32Array; confidences: Float32Array } {
  const banned = [options.maskId];
  const proposals = candidates.map((pos) =>
    pickToken(logits, pos - sliceStart, options.vocab, { temperature: options.temperature, rng: options.rng, banned }),
  );
  const confidences = proposals.map((p) => p.prob);
  const scores = options.remasking === 'random' ? candidates.map(() => options.rng.next()) : undefined;
  const chosen = unmasker.select(confidences, scores);
  const positions = new Int32Array(chosen.length);
  const chosenConf = new Float32Array(chosen.length);
  chosen.forEach((c, i) => {
    positions[i] = candidates[c];
    chosenConf[i] = confidences[c];
    canvas[candidates[c]] = proposals[c].token;
  });
  return { positions, confidences: chosenConf };
}
