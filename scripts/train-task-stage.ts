/**
 * v4's task stage, shared by train-ar, train-mdlm and train-bd3 (kept apart from train-common.ts so
 * the scripts can import it before the resolve hook that tfjs needs is registered).
 */
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';
import { TASK_STAGE_RECIPE } from '@/lib/training/recipes';
import type { ShippedModelName } from '@/lib/models/weights/shipped';
import type { ShippedRun } from './train-common';

/** Steps of the task stage: the same for all three models, so the race stays fair. */
export const TASK_STAGE_STEPS = 1500;

/**
 * Each model continues from its own v3 weights (the pretraining stage: `git log` and the v3
 * manifests say how those were trained) on the task-heavy, length-bucketed stream of
 * TASK_STAGE_RECIPE, with a fresh warmup and cosine schedule.
 */
export function taskStage(name: ShippedModelName): ShippedRun {
  return {
    steps: TASK_STAGE_STEPS,
    initFrom: { name, version: 3 },
    model: { maxLen: LONG_MAX_LEN },
    lr: 1e-3,
    recipe: TASK_STAGE_RECIPE,
    version: 4,
    checkpoint: `${name}-v4-tasks`,
    stage: 'task stage: continues v3 (pretrained on stories + tasks) on task-heavy, length-bucketed data with the long-answer copy and stretch families',
  };
}
