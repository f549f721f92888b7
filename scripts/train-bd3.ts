/**
 * Trains the bd3 language model and writes public/models/bd3/v9/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:bd3`.
 */
import { register } from 'node:module';
import { storyStretchStage } from './train-task-stage';

/** The shipped run (v9): the story-and-stretch stage (train-task-stage.ts) from this model's v8 weights. */
export const SHIPPED_RUN = storyStretchStage('bd3');

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('bd3', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
