/**
 * Trains the mdlm language model and writes public/models/mdlm/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:mdlm`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

/**
 * The shipped run (v3): 3000 steps starting from the AR twin's weights (public/models/ar/v3; run
 * train:ar first to rebuild it). Trained from scratch, the v2 model learned the stories but never to
 * read its prompt (one masked answer character, everything else shown: p = 0.05 on the right one);
 * the AR twin has already learned to copy from the prompt, and those circuits carry over.
 * Positions: the AR twin's table on {LONG_MAX_LEN} positions; one step in four trains on a long [PAD]-tailed canvas (96 to 320 positions), so a genLength-256 canvas is familiar.
 */
export const SHIPPED_RUN: ShippedRun = {
  steps: 3000,
  initFrom: 'ar',
  lr: 1.5e-3, // half the from-scratch peak: a fine-tune
  model: { maxLen: LONG_MAX_LEN },
  canvas: { baseLen: 64, longEvery: 4, minLong: 96, maxLong: 320, longStride: 32, longTokens: 1024 },
  checkpoint: 'mdlm-from-ar',
};

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('mdlm', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
