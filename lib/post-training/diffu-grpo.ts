/**
 * diffu-GRPO (d1, Zhao et al. 2025) on the known-language MDLM and the mirror task (mirror-task.ts).
 * One RL step:
 *   1. draw `promptsPerStep` training prompts; decode `groupSize` completions of each with the
 *      current policy (fast decoding: tokensPerStep per pass, sampled at temperature 1);
 *   2. reward each completion (1 if correct), advantages relative to its group (grpo.ts);
 *   3. `innerUpdates` gradient steps on the GRPO loss, each with a fresh prompt mask for the one-pass
 *      log-probability estimate (one-pass-logprob.ts); pi_old is the policy that made the rollouts,
 *      pi_ref the frozen starting model.
 * Deterministic from the seed: step s draws its prompts and noise from (seed, s) alone.
 */
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import type { HostWeights } from '@/lib/models/transformer/init';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import type { TransformerConfig } from '@/lib/models/transformer/types';
import { createAdam, DEFAULT_ADAM } from '@/lib/training/adam';
import { stepSeed } from '@/lib/training/trainer';
import { decodeKnownLanguage } from '@/lib/data/known-language';
import { decodeKnownLanguageMdlm } from '@/lib/diffusion/discrete/known-language/sample';
import { KNOWN_LANGUAGE_VOCAB } from '@/lib/diffusion/discrete/known-language/models';
import { groupAdvantages } from './grpo';
import { grpoLoss } from './grpo-loss';
import { onePassInput, tokenLogProbs, tokenLogProbsHost } from './one-pass-logprob';
import { checkMirrorTask, MIRROR_TASK, mirrorPrompts, mirrorRewards, repeatPrompts, type MirrorPrompts, type MirrorTaskConfig } from './mirror-task';

export interface DiffuGrpoConfig {
  task: MirrorTaskConfig;
  promptsPerStep: number;
  /** G: completions per prompt. */
  groupSize: number;
  /** mu: gradient steps per batch of rollouts, each with a fresh prompt mask. */
  innerUpdates: number;
  /** Probability of masking each prompt token in the one-pass estimate (d1: 0.15). */
  promptMaskRate: number;
  clip: number;
  beta: number;
  lr: number;
  seed: number;
}

/** The lesson's recipe: 8 prompts x 8 completions a step, 2 inner updates, d1's clip and a small KL. */
export function defaultDiffuGrpoConfig(overrides: Partial<DiffuGrpoConfig> = {}): DiffuGrpoConfig {
  return {
    task: MIRROR_TASK,
    promptsPerStep: 8,
    groupSize: 8,
    innerUpdates: 2,
    promptMaskRate: 0.15,
    clip: 0.2,
    beta: 0.02,
    lr: 1e-3,
    seed: 1,
    ...overrides,
  };
}

export function checkDiffuGrpoConfig(config: DiffuGrpoConfig): DiffuGrpoConfig {
  checkMirrorTask(config?.task);
  for (const key of ['promptsPerStep', 'groupSize', 'innerUpdates'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1 || config[key] > 64) throw new Error(`config.${key} must be an integer in [1, 64], got ${config[key]}`);
  }
  if (config.groupSize < 2) throw new Error(`config.groupSize must be at least 2 (advantages compare completions of one prompt), got ${config.groupSize}`);
  if (!(config.promptMaskRate >= 0 && config.promptMaskRate < 1)) throw new Error(`config.promptMaskRate must be in [0, 1), got ${config.promptMaskRate}`);
  if (!(config.clip > 0 && config.clip < 1)) throw new Error(`config.clip must be in (0, 1), got ${config.clip}`);
  if (!(config.beta >= 0)) throw new Error(`config.beta must be >= 0, got ${config.beta}`);
  if (!(config.lr > 0 && config.lr <= 0.01)) throw new Error(`config.lr must be in (0, 0.01], got ${config.lr}`);
  if (!Number.isInteger(config.seed)) throw new Error(`config.seed must be an integer, got ${config.seed}`);
  return config;
}

export interface GrpoSample {
  prompt: string;
  completion: string;
  reward: number;
}

export interface DiffuGrpoStepInfo {
  step: number;
  /** Mean reward of this step's rollouts (training prompts). */
  reward: number;
  /** Mean per-token KL to the reference (after the last inner update's forward). */
  kl: number;
  loss: number;
  /** Groups whose rewards were all equal: their advantages are 0, they teach nothing. */
  flatGroups: number;
  samples: GrpoSample[];
  rolloutMs: number;
  updateMs: number;
}

export interface HeldoutScore {
  /** Fraction of held-out prompts completed correctly (one sampled completion each). */
  accuracy: number;
  count: number;
}

/** Fraction of prompts whose completion (sampled, the task's tokens per pass) is correct; seeded. */
export async function mirrorAccuracy(model: Transformer, prompts: MirrorPrompts, task: MirrorTaskConfig, seed: number): Promise<HeldoutScore> {
  const done = await decodeKnownLanguageMdlm(model, prompts.tokens, { tokensPerStep: task.tokensPerStep, remasking: 'low-confidence', temperature: 1, rng: createRng(seed) });
  const rewards = mirrorRewards(done, prompts);
  return { accuracy: rewards.reduce((a, b) => a + b, 0) / prompts.count, count: prompts.count };
}

/** The fixed held-out prompt set (seeded), so before and after compare the same prompts. */
export function heldoutMirrorPrompts(task: MirrorTaskConfig, count = 256, seed = 7): MirrorPrompts {
  return mirrorPrompts(count, 'heldout', task, createRng(seed));
}

export interface DiffuGrpoTrainer {
  readonly config: DiffuGrpoConfig;
  readonly stepsDone: number;
  readonly policy: Transformer;
  step(): Promise<DiffuGrpoStepInfo>;
  exportWeights(): Promise<HostWeights>;
  dispose(): void;
}

/** A trainer starting from `init` (also the frozen reference). */
export function createDiffuGrpoTrainer(modelConfig: TransformerConfig, init: HostWeights, config: DiffuGrpoConfig): DiffuGrpoTrainer {
  checkDiffuGrpoConfig(config);
  const policy = createTransformer(modelConfig, init, { trainable: true });
  const reference = createTransformer(modelConfig, init);
  const adam = createAdam(policy.variables, { ...DEFAULT_ADAM, weightDecay: 0 }); // decay would pull away from the reference for no reason
  const { length: len } = KNOWN_LANGUAGE_VOCAB;
  let done = 0;
  let disposed = false;
  return {
    config,
    policy,
    get stepsDone() { return done; },
    async step() {
      if (disposed) throw new Error('diffu-GRPO trainer: step after dispose');
      const rng = createRng(stepSeed(config.seed, done));
      const prompts = repeatPrompts(mirrorPrompts(config.promptsPerStep, 'train', config.task, rng), config.groupSize);
      const t0 = performance.now();
      const completed = await decodeKnownLanguageMdlm(policy, prompts.tokens, { tokensPerStep: config.task.tokensPerStep, remasking: 'low-confidence', temperature: 1, rng });
      const t1 = performance.now();
      const rewards = mirrorRewards(completed, prompts);
      const advantages = Float32Array.from(groupAdvantages(rewards, config.groupSize));
      let flatGroups = 0;
      for (let g = 0; g < rewards.length; g += config.groupSize) if (rewards.subarray(g, g + config.groupSize).every((r) => r === rewards[g])) flatGroups++;
      // Completion tokens count; prompt tokens are given, not generated.
      const tokenMask = Float32Array.from(prompts.given, (g) => (g ? 0 : 1));
      // Every inner update's mask is drawn now, so pi_old and pi_ref are read before any update.
      const inputs = Array.from({ length: config.innerUpdates }, () => onePassInput(completed, prompts.given, config.promptMaskRate, rng));
      const olds = await Promise.all(inputs.map((x) => tokenLogProbsHost(policy, x, completed)));
      const refs = await Promise.all(inputs.map((x) => tokenLogProbsHost(reference, x, completed)));
      let loss = 0;
      for (let j = 0; j < config.innerUpdates; j++) {
        const { value, grads } = tf.variableGrads(() => grpoLoss({
          logpNew: tokenLogProbs(policy, inputs[j], completed), logpOld: olds[j], logpRef: refs[j], advantages, tokenMask, clip: config.clip, beta: config.beta,
        }), policy.variables);
        await adam.apply(policy.variables.map((v) => grads[v.name]), config.lr);
        loss = (await value.data())[0];
        tf.dispose([value, ...Object.values(grads)]);
      }
      if (!Number.isFinite(loss)) throw new Error(`diffu-GRPO trainer: loss became ${loss} at step ${done}`);
      // KL to the reference after the updates, on the first inner mask (what the KL term penalises).
      const now = await tokenLogProbsHost(policy, inputs[0], completed);
      let kl = 0;
      let counted = 0;
      for (let i = 0; i < now.length; i++) {
        if (!tokenMask[i]) continue;
        const d = refs[0][i] - now[i];
        kl += Math.exp(d) - d - 1;
        counted++;
      }
      done++;
      const samples: GrpoSample[] = [];
      for (let r = 0; r < Math.min(prompts.count, 2 * config.groupSize); r += Math.max(1, Math.floor(config.groupSize / 2))) {
        samples.push({ prompt: decodeKnownLanguage(prompts.tokens.subarray(r * len, (r + 1) * len)), completion: decodeKnownLanguage(completed.subarray(r * len, (r + 1) * len)), reward: rewards[r] });
      }
      return {
        step: done,
        reward: rewards.reduce((a, b) => a + b, 0) / rewards.length,
        kl: counted ? kl / counted : 0,
        loss,
        flatGroups,
        samples,
        rolloutMs: t1 - t0,
        updateMs: performance.now() - t1,
      };
    },
    exportWeights: () => policy.exportWeights(),
    dispose() {
      if (disposed) return;
      disposed = true;
      adam.dispose();
      policy.dispose();
      reference.dispose();
    },
  };
}
