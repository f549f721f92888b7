/**
 * Job 'score-field-2d': the learned score s(x, t) = -eps_theta(x, t) / sqrt(1 - abar_t) on a grid,
 * for the vector-field figure, together with eps itself so the page can show eps = -sqrt(1 - abar) s.
 */
import type { JobContext } from '@/lib/runtime/protocol';
import { scoreField } from '@/lib/diffusion/gaussian/score';
import { checkTimestep } from '@/lib/diffusion/gaussian/schedules';
import { epsModelFromDenoiser } from '@/lib/models/mlp-denoiser/model';
import { loadDenoiser, type DenoiserSource } from './model-source';

export interface ScoreFieldParams {
  source: DenoiserSource;
  t: number;
  /** Points per side of the square grid. Default 21. */
  gridSize?: number;
  /** The grid covers [-extent, extent]^2. Default 2.5 (the toys' box). */
  extent?: number;
}

export interface ScoreFieldResult {
  t: number;
  /** Grid points [m * 2]. */
  points: Float32Array;
  /** Score at each point [m * 2]. */
  scores: Float32Array;
  /** sqrt(1 - abar_t): eps = -sqrtOneMinusAbar * score. */
  sqrtOneMinusAbar: number;
  abar: number;
}

/** An evenly spaced grid over [-extent, extent]^2, row-major [size^2 * 2]. */
export function gridPoints(size: number, extent: number): Float32Array {
  if (!Number.isInteger(size) || size < 2 || size > 200) throw new Error(`gridPoints: size must be an integer in [2, 200], got ${size}`);
  if (!(extent > 0)) throw new Error(`gridPoints: extent must be > 0, got ${extent}`);
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      out[2 * i] = -extent + (2 * extent * c) / (size - 1);
      out[2 * i + 1] = -extent + (2 * extent * r) / (size - 1);
    }
  }
  return out;
}

// eslint-disable-next-line require-yield -- one computation, no progress to report; jobs are generators
export async function* scoreFieldJob(params: ScoreFieldParams, context: JobContext): AsyncGenerator<never, ScoreFieldResult> {
  const { model, schedule } = await loadDenoiser(params.source, context);
  try {
    checkTimestep(schedule, params.t);
    const points = gridPoints(params.gridSize ?? 21, params.extent ?? 2.5);
    const scores = await scoreField(epsModelFromDenoiser(model), schedule, points, params.t);
    return { t: params.t, points, scores, sqrtOneMinusAbar: schedule.sqrtOneMinusAlphaBars[params.t], abar: schedule.alphaBars[params.t] };
  } finally {
    model.dispose();
  }
}
