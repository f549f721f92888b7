/**
 * The task stages, shared by train-ar, train-mdlm and train-bd3 (kept apart from train-common.ts so
 * the scripts can import it before the resolve hook that tfjs needs is registered).
 *
 * v3: pretraining on stories + tasks (see the v3 manifests and `git log`).
 * v4: the task stage, from v3, on task-heavy length-bucketed data (TASK_STAGE_RECIPE).
 * v5: the long-answer stage, from v4, with copy at half the data (LONG_ANSWER_STAGE_RECIPE): v4 read
 *     long copies well for their first answer letters and lost them past absolute position ~64,
 *     whose position rows v4 was the first to train.
 */
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';
import { LONG_ANSWER_STAGE_RECIPE, TASK_STAGE_RECIPE } from '@/lib/training/recipes';
import type { ShippedModelName } from '@/lib/models/weights/shipped';
import type { DataRecipe } from '@/lib/training/recipe';
import type { ShippedRun } from './train-common';

/** Steps of the v4 task stage: the same for all three models, so the race stays fair. */
export const TASK_STAGE_STEPS = 1500;
/** Steps of the v5 long-answer stage, again the same for all three models. */
export const LONG_ANSWER_STAGE_STEPS = 1200;

/** A stage: each model continues from its own weights of version `version - 1`, same data, same steps, fresh warmup and cosine schedule. */
function stage(name: ShippedModelName, version: number, steps: number, recipe: DataRecipe, checkpoint: string, why: string): ShippedRun {
  return {
    steps,
    initFrom: { name, version: version - 1 },
    model: { maxLen: LONG_MAX_LEN },
    lr: 1e-3,
    recipe,
    version,
    checkpoint: `${name}-${checkpoint}`,
    stage: why,
  };
}

/** v4: from v3 on the task-heavy, length-bucketed stream of TASK_STAGE_RECIPE. */
export const taskStage = (name: ShippedModelName): ShippedRun => stage(name, 4, TASK_STAGE_STEPS, TASK_STAGE_RECIPE, 'v4-tasks',
  'task stage: continues v3 (pretrained on stories + tasks) on task-heavy, length-bucketed data with the long-answer copy and stretch families');

/** v5, the shipped stage: from v4 on LONG_ANSWER_STAGE_RECIPE. */
export const longAnswerStage = (name: ShippedModelName): ShippedRun => stage(name, 5, LONG_ANSWER_STAGE_STEPS, LONG_ANSWER_STAGE_RECIPE, 'v5-long',
  'long-answer stage: continues v4 (the task stage) with long copies at half the data, so positions past 64 learn to read the prompt');
