/**
 * The shipped language models' data recipes (v9's story-and-stretch stage is at the end). v4's task stage: every model (AR, MDLM, BD3) continues
 * from its v3 weights (pretrained on the story + task corpus) on the same task-heavy, length-bucketed
 * stream, for the same number of steps, so the race between them stays fair.
 */
import type { DataRecipe } from './recipe';

const SHORT_TASKS = { add: 0.3, rev: 0.2, sort: 0.2, kv: 0.3 } as const;
/**
 * The [PAD]-tail bucket's mix, the same in every stage: short answers on a genLength-64 canvas, so a
 * masked decoder learns to read the tail. (kv 0.1: the v4 run declared { story: 0.2, ...SHORT_TASKS },
 * which sums to 1.2 and so drew kv with 0.1; this is what it drew, and mixes must now sum to 1.)
 */
const TAIL_64_MIX = { story: 0.2, add: 0.3, rev: 0.2, sort: 0.2, kv: 0.1 } as const;

export const TASK_STAGE_RECIPE: DataRecipe = {
  round: 8, // the BD3 block size divides every canvas
  buckets: [
    // Short tasks on data-sized canvases (about 24-32 tokens, not 64).
    { name: 'tasks', share: 0.35, mix: SHORT_TASKS, canvas: 'fit', tokens: 2048 },
    { name: 'stories', share: 0.1, mix: { story: 1 }, canvas: 'fit', tokens: 2048 },
    // The same kinds on a genLength-64 canvas (TAIL_64_MIX).
    { name: 'tail-64', share: 0.15, mix: TAIL_64_MIX, canvas: 96, tokens: 2048 },
    // Long answers: copy (24-40 tokens) on its genLength-64 canvas, stretch (160-240) on its genLength-256 one.
    { name: 'copy', share: 0.2, mix: { copy: 1 }, canvas: 112, tokens: 2048 },
    { name: 'stretch', share: 0.2, mix: { stretch: 1 }, canvas: 296, tokens: 2048 },
  ],
};

/** The copy-heavy stages (v5, v6): the same five buckets, in this order, at the given shares. */
function copyStageRecipe(share: { copy: number; tasks: number; stories: number; tail: number; stretch: number }): DataRecipe {
  return {
    round: 8,
    buckets: [
      { name: 'copy', share: share.copy, mix: { copy: 1 }, canvas: 112, tokens: 2048 },
      { name: 'tasks', share: share.tasks, mix: SHORT_TASKS, canvas: 'fit', tokens: 2048 },
      { name: 'stories', share: share.stories, mix: { story: 1 }, canvas: 'fit', tokens: 2048 },
      { name: 'tail-64', share: share.tail, mix: TAIL_64_MIX, canvas: 96, tokens: 2048 },
      { name: 'stretch', share: share.stretch, mix: { stretch: 1 }, canvas: 296, tokens: 2048 },
    ],
  };
}

/**
 * v5's long-answer stage, from v4: copy takes half of the data, because v4's models copied the first
 * letters of a long word and lost the rest past absolute position ~64 (its char accuracy by answer
 * position fell from 0.93 to 0.18). The short tasks, stories and the [PAD] tail keep a share so what
 * v4 learned stays trained; stretch keeps a small one so the genLength-256 positions stay in use.
 */
export const LONG_ANSWER_STAGE_RECIPE: DataRecipe = copyStageRecipe({ copy: 0.5, tasks: 0.2, stories: 0.1, tail: 0.1, stretch: 0.1 });

/**
 * v6's last-block stage, from v5, with a fresh data seed: BD3 v5 copied long words block by block
 * and lost the block that holds [EOS] (argmax accuracy there, clean prefix given: 0.31 for 40-letter
 * copies, 0.87 for 24-letter ones, 0.99-1.00 for every other block). Copy rises to 60% of the data;
 * the rest keeps what v4 and v5 learned in use.
 */
export const LAST_BLOCK_STAGE_RECIPE: DataRecipe = copyStageRecipe({ copy: 0.6, tasks: 0.2, stories: 0.05, tail: 0.1, stretch: 0.05 });

/**
 * The task-drill stages (v7, v8): the short tasks at `tasks` of the data in the given mix, long copies
 * at `copy`, and stories 10%, the [PAD] tail 5% and stretches 5%, in this bucket order.
 */
function drillStageRecipe(tasks: number, taskMix: Record<'add' | 'kv' | 'sort' | 'rev', number>, copy: number): DataRecipe {
  return {
    round: 8,
    buckets: [
      { name: 'tasks', share: tasks, mix: taskMix, canvas: 'fit', tokens: 2048 },
      { name: 'copy', share: copy, mix: { copy: 1 }, canvas: 112, tokens: 2048 },
      { name: 'stories', share: 0.1, mix: { story: 1 }, canvas: 'fit', tokens: 2048 },
      { name: 'tail-64', share: 0.05, mix: TAIL_64_MIX, canvas: 96, tokens: 2048 },
      { name: 'stretch', share: 0.05, mix: { stretch: 1 }, canvas: 296, tokens: 2048 },
    ],
  };
}

/**
 * v7's drill stage, from v6, at the sweep's best lr (3e-3; bench-results/sweep.json): every model
 * still failed addition (AR 8%) and lookup (AR 38%) with them at 6% of the data, while a model of the
 * shipped shape trained on addition alone at 3e-3 reached 75% in 513 steps. The short tasks take 60%
 * of the data, weighted towards the two that fail (and sort, the diffusion models' next weakest); copy
 * keeps a fifth so the long answers v5 and v6 taught stay learned.
 */
export const DRILL_STAGE_RECIPE: DataRecipe = drillStageRecipe(0.6, { add: 0.4, kv: 0.3, sort: 0.2, rev: 0.1 }, 0.2);

/**
 * v8's addition stage: the short tasks at 70%, addition half of them and sort 30%. After v7 the AR
 * twin answered 97% of the bench's additions and 91% of its sorts, the masked models 11-22% and
 * 25-66%: the recipe sweep's masked model needed most of its data on addition to learn it.
 */
export const ADDITION_STAGE_RECIPE: DataRecipe = drillStageRecipe(0.7, { add: 0.5, sort: 0.3, kv: 0.1, rev: 0.1 }, 0.1);

/**
 * v9's story-and-stretch stage: after v8 the diffusion models wrote valid stories 0-48% of the time
 * (BD3 48% even one token per pass; the twin 100%), and copied none of the 160-240-letter stretches
 * whole (the twin 76%): BD3 loses its place in the word and repeats one letter to the end of the
 * canvas. Stories and stretches had 10% and 5% of v8's data; here they take 30% and 20%, the short
 * tasks keep 30% in a mix nearer the bench's, copy and the [PAD] tail 10% each.
 */
export const STORY_STRETCH_STAGE_RECIPE: DataRecipe = {
  round: 8,
  buckets: [
    { name: 'stories', share: 0.3, mix: { story: 1 }, canvas: 'fit', tokens: 2048 },
    { name: 'stretch', share: 0.2, mix: { stretch: 1 }, canvas: 296, tokens: 2048 },
    { name: 'tasks', share: 0.3, mix: { add: 0.3, kv: 0.3, sort: 0.25, rev: 0.15 }, canvas: 'fit', tokens: 2048 },
    { name: 'copy', share: 0.1, mix: { copy: 1 }, canvas: 112, tokens: 2048 },
    { name: 'tail-64', share: 0.1, mix: TAIL_64_MIX, canvas: 96, tokens: 2048 },
  ],
};
