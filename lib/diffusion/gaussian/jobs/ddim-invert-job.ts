/**
 * Job 'ddim-invert-2d': encodes a few clean points into noise with DDIM inversion (eta = 0 run
 * backwards), decodes them again with deterministic DDIM, and returns both paths and the round-trip
 * error: DDIM's noise is a deterministic code for the data point.
 */
import { createRng } from '@/lib/math/rng';
import type { JobContext } from '@/lib/runtime/protocol';
import { ddimTimesteps, invertDdim, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import type { SamplerStep } from '@/lib/diffusion/gaussian/types';
import { epsModelFromDenoiser } from '@/lib/models/mlp-denoiser/model';
import { loadDenoiser, type DenoiserSource } from './model-source';

export interface DdimInvertParams {
  source: DenoiserSource;
  /** Clean points to encode [k * 2]. */
  points: Float32Array;
  /** DDIM steps for both directions. Default 50. */
  steps?: number;
}

export interface DdimInvertResult {
  /** Every state going up (t ascending, first is the input), each [k * 2]. */
  up: Float32Array[];
  /** Every state coming down (first is the latent, last the reconstruction). */
  down: Float32Array[];
  latent: Float32Array;
  reconstructed: Float32Array;
  /** Largest Euclidean distance between an input point and its reconstruction. */
  maxError: number;
}

async function collect(gen: AsyncGenerator<SamplerStep, Float32Array>): Promise<Float32Array[]> {
  const states: Float32Array[] = [];
  for await (const s of gen) states.push(s.x);
  return states;
}

// eslint-disable-next-line require-yield -- two short runs, reported at the end
export async function* ddimInvertJob(params: DdimInvertParams, context: JobContext): AsyncGenerator<never, DdimInvertResult> {
  const { model, schedule } = await loadDenoiser(params.source, context);
  try {
    const timesteps = ddimTimesteps(schedule.T, params.steps ?? 50);
    const epsModel = epsModelFromDenoiser(model);
    const up = await collect(invertDdim({ epsModel, schedule, x0: params.points, timesteps }));
    const latent = up[up.length - 1];
    const k = latent.length / 2;
    // eta = 0 never draws noise; the rng is only there because the sampler's API asks for one.
    const down = await collect(sampleDdim({ epsModel, schedule, timesteps, eta: 0, n: k, rng: createRng(0), xStart: latent }));
    const reconstructed = down[down.length - 1];
    let maxError = 0;
    for (let i = 0; i < k; i++) {
      maxError = Math.max(maxError, Math.hypot(reconstructed[2 * i] - params.points[2 * i], reconstructed[2 * i + 1] - params.points[2 * i + 1]));
    }
    return { up, down, latent, reconstructed, maxError };
  } finally {
    model.dispose();
  }
}
