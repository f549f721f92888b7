/**
 * Job 'sample-2d': draws 2D points from a denoiser with DDPM (all T steps) or DDIM (any number of
 * steps, any eta), optionally with classifier-free guidance toward one class, yielding the particle
 * positions a few dozen times for the animation, and returning the final points with the measured
 * quality (energy distance vs noise and data baselines, or class fidelity under guidance) and the
 * sampler's wall time.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { TOY_2D_NAMES, type Toy2dName } from '@/lib/data/toy-2d';
import type { JobContext } from '@/lib/runtime/protocol';
import { sampleDdpm, type DdpmVariance } from '@/lib/diffusion/gaussian/ddpm';
import { ddimTimesteps, sampleDdim } from '@/lib/diffusion/gaussian/ddim';
import { guidedEpsModel } from '@/lib/diffusion/gaussian/guidance';
import type { EpsModel, SamplerStep } from '@/lib/diffusion/gaussian/types';
import { epsModelFromDenoiser } from '@/lib/models/mlp-denoiser/model';
import { nullClassOf } from '@/lib/models/mlp-denoiser/config';
import { loadDenoiser, type DenoiserSource } from './model-source';
import { mixtureClassFidelity, sampleQuality, type ClassFidelity, type SampleQuality } from './sample-quality';

export interface Sample2dParams {
  source: DenoiserSource;
  /** The data set the model learned (scores the samples). */
  dataset: Toy2dName;
  sampler: 'ddpm' | 'ddim';
  /** DDIM only: number of model evaluations (evenly spaced timesteps). */
  steps?: number;
  /** DDIM only: 0 deterministic ... 1 DDPM-like. Default 0. */
  eta?: number;
  /** DDPM only. Default 'posterior'. */
  variance?: DdpmVariance;
  /** Number of particles. Default 2000 (the evaluation size). */
  n?: number;
  seed?: number;
  /** About how many intermediate states to report (0: only the start and the end). Default 50. */
  frames?: number;
  /** Guidance toward class `classLabel` with scale w (class-conditional models only). */
  guidance?: { w: number; classLabel: number };
}

export interface SampleFrame {
  step: number;
  total: number;
  t: number;
  x: Float32Array;
}

export interface Sample2dResult {
  x: Float32Array;
  sampler: 'ddpm' | 'ddim';
  steps: number;
  eta: number;
  /** Wall time of the sampler alone (model evaluations and reads), in seconds. */
  seconds: number;
  /** Without guidance: energy distance with its baselines. */
  quality?: SampleQuality;
  /** With guidance: how many samples land in the class, and how spread out they are. */
  fidelity?: ClassFidelity;
}

function guided(base: EpsModel, nullClass: number, guidance: Sample2dParams['guidance'], n: number): { eps: EpsModel; labels?: Int32Array } {
  if (!guidance) return { eps: base };
  if (nullClass < 0) throw new Error('sample-2d: guidance needs a class-conditional model');
  if (!Number.isInteger(guidance.classLabel) || guidance.classLabel < 0 || guidance.classLabel >= nullClass) {
    throw new Error(`sample-2d: guidance.classLabel must be an integer in [0, ${nullClass - 1}], got ${guidance.classLabel}`);
  }
  return { eps: guidedEpsModel(base, nullClass, guidance.w), labels: new Int32Array(n).fill(guidance.classLabel) };
}

export async function* sample2dJob(params: Sample2dParams, context: JobContext): AsyncGenerator<SampleFrame, Sample2dResult> {
  if (!(TOY_2D_NAMES as readonly string[]).includes(params.dataset)) throw new Error(`sample-2d: dataset must be one of ${TOY_2D_NAMES.join(', ')}, got ${params.dataset}`);
  if (params.sampler !== 'ddpm' && params.sampler !== 'ddim') throw new Error(`sample-2d: sampler must be 'ddpm' or 'ddim', got ${params.sampler}`);
  const n = params.n ?? 2000;
  const frames = params.frames ?? 50;
  const eta = params.eta ?? 0;
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`sample-2d: frames must be an integer >= 0, got ${frames}`);
  const { model, schedule } = await loadDenoiser(params.source, context);
  let gen: AsyncGenerator<SamplerStep, Float32Array> | null = null;
  try {
    const { eps, labels } = guided(epsModelFromDenoiser(model), nullClassOf(model.config), params.guidance, n);
    const rng = createRng(params.seed ?? 1);
    const steps = params.sampler === 'ddpm' ? schedule.T : (params.steps ?? 50);
    const yieldEvery = frames === 0 ? steps : Math.max(1, Math.round(steps / frames));
    gen =
      params.sampler === 'ddpm'
        ? sampleDdpm({ epsModel: eps, schedule, n, rng, variance: params.variance, classLabels: labels, yieldEvery })
        : sampleDdim({ epsModel: eps, schedule, timesteps: ddimTimesteps(schedule.T, steps), eta, n, rng, classLabels: labels, yieldEvery });
    // Warm-up: one evaluation at the batch size, so the timing excludes one-off kernel compilation
    // (large on webgpu/webgl) and compares samplers fairly whichever runs first.
    tf.dispose(tf.tidy(() => eps(tf.zeros([n, 2]) as tf.Tensor2D, schedule.T, labels)));
    let seconds = 0;
    let last: Float32Array | null = null;
    for (;;) {
      const t0 = performance.now();
      const r = await gen.next();
      seconds += (performance.now() - t0) / 1000;
      if (r.done) {
        last = r.value ?? last;
        break;
      }
      last = r.value.x;
      yield { step: r.value.step, total: r.value.total, t: r.value.t, x: r.value.x };
    }
    const x = last as Float32Array;
    const result: Sample2dResult = { x, sampler: params.sampler, steps, eta: params.sampler === 'ddim' ? eta : 1, seconds };
    if (params.guidance) result.fidelity = mixtureClassFidelity(x, params.guidance.classLabel);
    else result.quality = sampleQuality(x, params.dataset);
    return result;
  } finally {
    // On cancel the sampler is still suspended: return() runs its finally, which frees its tensor.
    await gen?.return(new Float32Array(0));
    model.dispose();
  }
}
