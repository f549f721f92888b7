/**
 * The task stages, shared by train-ar, train-mdlm and train-bd3 (kept apart from train-common.ts so
 * the scripts can import it before the resolve hook that tfjs needs is registered).
 *
 * v3: pretraining on stories + tasks (see the v3 manifests and `git log`).
 * v4: the task stage, from v3, on task-heavy length-bucketed data (TASK_STAGE_RECIPE).
 * v5: the long-answer stage, from v4, with copy at half the data (LONG_ANSWER_STAGE_RECIPE): v4 read
 *     long copies well for their first answer letters and lost them past absolute position ~64,
 *     whose position rows v4 was the first to train.
 * v6: the last-block stage, from v5, copy at 60% on a fresh data seed (LAST_BLOCK_STAGE_RECIPE): BD3 v5
 *     lost the block of a long copy that holds [EOS].
 * v7: the drill stage, from v6, short tasks at 60% (addition and lookup first) at lr 3e-3 on a fresh
 *     data seed (DRILL_STAGE_RECIPE): every model still failed addition and lookup.
 * v8: the addition stage, from v7, short tasks at 70% (addition half, sort 30%) at lr 3e-3 on a fresh
 *     data seed (ADDITION_STAGE_RECIPE): the masked models still failed addition and sort.
 * v9: the story-and-stretch stage, from v8, stories 30% and stretches 20% at lr 2e-3 on a fresh data
 *     seed (STORY_STRETCH_STAGE_RECIPE): the diffusion models wrote few valid stories and no whole stretch.
 */
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';
import { ADDITION_STAGE_RECIPE, DRILL_STAGE_RECIPE, LAST_BLOCK_STAGE_RECIPE, LONG_ANSWER_STAGE_RECIPE, STORY_STRETCH_STAGE_RECIPE, TASK_STAGE_RECIPE } from '@/lib/training/recipes';
import type { ShippedModelName } from '@/lib/models/weights/shipped';
import type { DataRecipe } from '@/lib/training/recipe';
import type { ShippedRun } from './train-common';

/** Steps of the v4 task stage: the same for all three models, so the race stays fair. */
export const TASK_STAGE_STEPS = 1500;
/** Steps of the v5 long-answer stage, again the same for all three models. */
export const LONG_ANSWER_STAGE_STEPS = 1200;
/** Steps of the v6 last-block stage, the same for all three models. */
export const LAST_BLOCK_STAGE_STEPS = 1200;
/** Steps of the v7 drill stage, the same for all three models. */
export const DRILL_STAGE_STEPS = 1500;
/** Steps of the v8 addition stage, the same for all three models. */
export const ADDITION_STAGE_STEPS = 2000;
/** The v7 and v8 stages' peak lr: the recipe sweep's best for addition (3e-3 over 1e-3 and 1e-2). */
export const DRILL_STAGE_LR = 3e-3;
/** Steps of the v9 story-and-stretch stage, the same for all three models. */
export const STORY_STRETCH_STAGE_STEPS = 1500;
/** v9's peak lr: lower than v7's and v8's, so the short tasks they taught are kept while stories and stretches are learned. */
export const STORY_STRETCH_STAGE_LR = 2e-3;

/** A stage: each model continues from its own weights of version `version - 1`, same data, same steps, fresh warmup and cosine schedule. */
function stage(name: ShippedModelName, version: number, steps: number, recipe: DataRecipe, checkpoint: string, why: string, dataSeed?: number, lr = 1e-3): ShippedRun {
  return {
    steps,
    ...(dataSeed === undefined ? {} : { dataSeed }),
    initFrom: { name, version: version - 1 },
    model: { maxLen: LONG_MAX_LEN },
    lr,
    recipe,
    version,
    checkpoint: `${name}-${checkpoint}`,
    stage: why,
  };
}

/** v4: from v3 on the task-heavy, length-bucketed stream of TASK_STAGE_RECIPE. */
export const taskStage = (name: ShippedModelName): ShippedRun => stage(name, 4, TASK_STAGE_STEPS, TASK_STAGE_RECIPE, 'v4-tasks',
  'task stage: continues v3 (pretrained on stories + tasks) on task-heavy, length-bucketed data with the long-answer copy and stretch families');

/** v5: from v4 on LONG_ANSWER_STAGE_RECIPE (v4 and v5 drew their examples from the default data seed). */
export const longAnswerStage = (name: ShippedModelName): ShippedRun => stage(name, 5, LONG_ANSWER_STAGE_STEPS, LONG_ANSWER_STAGE_RECIPE, 'v5-long',
  'long-answer stage: continues v4 (the task stage) with long copies at half the data, so positions past 64 learn to read the prompt');

/** v6: from v5 on LAST_BLOCK_STAGE_RECIPE, examples from data seed 6000 (not v4's or v5's). */
export const lastBlockStage = (name: ShippedModelName): ShippedRun => stage(name, 6, LAST_BLOCK_STAGE_STEPS, LAST_BLOCK_STAGE_RECIPE, 'v6-last-block',
  'last-block stage: continues v5 with long copies at 60% of the data on a fresh data seed, so the block holding [EOS] of a long copy is learned', 6000);

/** v7: from v6 on DRILL_STAGE_RECIPE at lr 3e-3, examples from data seed 8000 (no earlier run's). */
export const drillStage = (name: ShippedModelName): ShippedRun => stage(name, 7, DRILL_STAGE_STEPS, DRILL_STAGE_RECIPE, 'v7-drill',
  'drill stage: continues v6 with the short tasks at 60% of the data (addition and lookup first) at the sweep\'s best lr, so the tasks every model failed are learned', 8000, DRILL_STAGE_LR);

/** v8: from v7 on ADDITION_STAGE_RECIPE at lr 3e-3, examples from data seed 9000 (no earlier run's). */
export const additionStage = (name: ShippedModelName): ShippedRun => stage(name, 8, ADDITION_STAGE_STEPS, ADDITION_STAGE_RECIPE, 'v8-addition',
  'addition stage: continues v7 with the short tasks at 70% of the data (addition half of them, sort 30%) at lr 3e-3, so the masked models learn the tasks the AR twin already answers', 9000, DRILL_STAGE_LR);

/** v9, the shipped stage: from v8 on STORY_STRETCH_STAGE_RECIPE at lr 2e-3, examples from data seed 10000 (no earlier run's). */
export const storyStretchStage = (name: ShippedModelName): ShippedRun => stage(name, 9, STORY_STRETCH_STAGE_STEPS, STORY_STRETCH_STAGE_RECIPE, 'v9-story-stretch',
  'story-and-stretch stage: continues v8 with stories at 30% and 160-240-letter stretches at 20% of the data at lr 2e-3, so the diffusion models write consistent stories and keep their place in long answers', 10000, STORY_STRETCH_STAGE_LR);
