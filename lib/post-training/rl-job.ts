/**
 * Worker job 'diffu-grpo-train' (lesson 13's RlLoop): diffu-GRPO on the mirror task, starting from
 * the shipped known-language MDLM (or weights the page passes back). Yields the held-out accuracy
 * before training first (so the chart has a point at once), then every step's reward, KL and a few
 * rollouts, with the held-out accuracy every `evalEvery` steps; returns the tuned weights.
 */
import type { JobContext } from '@/lib/runtime/protocol';
import { knownLanguageWeightsOf, type KnownLanguageModelSource } from '@/lib/diffusion/discrete/known-language/jobs';
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';
import { createDiffuGrpoTrainer, defaultDiffuGrpoConfig, heldoutMirrorPrompts, mirrorAccuracy, type GrpoSample } from './diffu-grpo';

export interface DiffuGrpoTrainParams {
  steps: number;
  /** Where the policy (and the frozen reference) start. */
  init: KnownLanguageModelSource;
  seed?: number;
  /** Held-out accuracy every this many steps (and at the end). Default 10. */
  evalEvery?: number;
  /** Held-out prompts. Default 256. */
  heldoutCount?: number;
}

export interface DiffuGrpoProgress {
  step: number;
  steps: number;
  /** Mean reward of the step's rollouts (NaN at step 0). */
  reward: number;
  kl: number;
  flatGroups: number;
  samples: GrpoSample[];
  /** Rollouts decoded per second in this step. */
  rolloutsPerSecond: number;
  /** Present on evaluation steps (and step 0: before any update). */
  heldout?: number;
}

export interface DiffuGrpoResult {
  weights: KnownLanguageWeights;
  before: number;
  after: number;
  heldoutCount: number;
  rewards: number[];
  heldout: [number, number][];
  seconds: number;
}

/** Seeds of the held-out decode: the same prompts and the same dice before and after training. */
const EVAL_SEED = 3;

export async function* runDiffuGrpoTrainJob(params: DiffuGrpoTrainParams, context: JobContext): AsyncGenerator<DiffuGrpoProgress, DiffuGrpoResult, void> {
  if (!params || !Number.isInteger(params.steps) || params.steps < 1 || params.steps > 2000) throw new Error(`diffu-grpo-train: steps must be an integer in [1, 2000], got ${params?.steps}`);
  const every = params.evalEvery ?? 10;
  if (!Number.isInteger(every) || every < 1) throw new Error(`diffu-grpo-train: evalEvery must be a positive integer, got ${params.evalEvery}`);
  const heldoutCount = params.heldoutCount ?? 256;
  if (!Number.isInteger(heldoutCount) || heldoutCount < 1 || heldoutCount > 2048) throw new Error(`diffu-grpo-train: heldoutCount must be an integer in [1, 2048], got ${params.heldoutCount}`);
  const seed = params.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`diffu-grpo-train: seed must be an integer, got ${params.seed}`);
  const init = await knownLanguageWeightsOf(params.init, context);
  if (init.objective !== 'mdlm') throw new Error(`diffu-grpo-train: the starting weights are a ${init.objective} model; diffu-GRPO needs the MDLM`);
  const config = defaultDiffuGrpoConfig({ seed });
  const heldoutPrompts = heldoutMirrorPrompts(config.task, heldoutCount);
  const started = performance.now();
  const trainer = createDiffuGrpoTrainer(init.config, init.weights, config);
  const rewards: number[] = [];
  const heldout: [number, number][] = [];
  try {
    const before = (await mirrorAccuracy(trainer.policy, heldoutPrompts, config.task, EVAL_SEED)).accuracy;
    heldout.push([0, before]);
    yield { step: 0, steps: params.steps, reward: Number.NaN, kl: 0, flatGroups: 0, samples: [], rolloutsPerSecond: 0, heldout: before };
    while (trainer.stepsDone < params.steps) {
      const info = await trainer.step();
      rewards.push(info.reward);
      const progress: DiffuGrpoProgress = {
        step: info.step, steps: params.steps, reward: info.reward, kl: info.kl, flatGroups: info.flatGroups, samples: info.samples,
        rolloutsPerSecond: (config.promptsPerStep * config.groupSize * 1000) / Math.max(1e-3, info.rolloutMs),
      };
      if (info.step % every === 0 || info.step === params.steps) {
        progress.heldout = (await mirrorAccuracy(trainer.policy, heldoutPrompts, config.task, EVAL_SEED)).accuracy;
        heldout.push([info.step, progress.heldout]);
      }
      yield progress;
    }
    return {
      weights: { objective: 'mdlm', config: init.config, weights: await trainer.exportWeights() },
      before,
      after: heldout[heldout.length - 1][1],
      heldoutCount,
      rewards,
      heldout,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    trainer.dispose();
  }
}
