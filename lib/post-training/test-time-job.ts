/**
 * Worker job 'test-time-scaling': the three curves of test-time.ts on held-out mirror prompts, with
 * the shipped known-language MDLM or weights the page passes (e.g. the RL-tuned ones).
 */
import type { JobContext } from '@/lib/runtime/protocol';
import { createTransformer } from '@/lib/models/transformer/model';
import { knownLanguageWeightsOf, type KnownLanguageModelSource } from '@/lib/diffusion/discrete/known-language/jobs';
import { heldoutMirrorPrompts } from './diffu-grpo';
import { MIRROR_TASK } from './mirror-task';
import { bestOfNPoint, moreStepsPoint, remaskPoint, type ScalingPoint } from './test-time';

export interface TestTimeParams {
  source: KnownLanguageModelSource;
  /** Held-out prompts. */
  count: number;
  seed: number;
}

export const SCALING_KNOBS = {
  'more-steps': [4, 2, 1],
  'best-of-n': [1, 2, 4, 8],
  remask: [0, 1, 2, 4, 8],
} as const;

/** Positions remasked per refinement round: one pass at 4 tokens per pass. */
export const REMASK_PER_ROUND = 4;

export async function* runTestTimeJob(params: TestTimeParams, context: JobContext): AsyncGenerator<ScalingPoint, ScalingPoint[], void> {
  if (!params || !Number.isInteger(params.count) || params.count < 1 || params.count > 1024) throw new Error(`test-time-scaling: count must be an integer in [1, 1024], got ${params?.count}`);
  if (!Number.isInteger(params.seed)) throw new Error(`test-time-scaling: seed must be an integer, got ${params.seed}`);
  const w = await knownLanguageWeightsOf(params.source, context);
  if (w.objective !== 'mdlm') throw new Error(`test-time-scaling: needs the MDLM, got a ${w.objective} model`);
  const model = createTransformer(w.config, w.weights);
  const prompts = heldoutMirrorPrompts(MIRROR_TASK, params.count);
  const points: ScalingPoint[] = [];
  try {
    for (const k of SCALING_KNOBS['more-steps']) {
      const p = await moreStepsPoint(model, prompts, k, params.seed);
      points.push(p);
      yield p;
    }
    for (const n of SCALING_KNOBS['best-of-n']) {
      const p = await bestOfNPoint(model, prompts, MIRROR_TASK, n, params.seed);
      points.push(p);
      yield p;
    }
    for (const rounds of SCALING_KNOBS.remask) {
      const p = await remaskPoint(model, prompts, MIRROR_TASK, rounds, REMASK_PER_ROUND, params.seed);
      points.push(p);
      yield p;
    }
    return points;
  } finally {
    model.dispose();
  }
}
