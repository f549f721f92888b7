/**
 * Trains the bd3 language model and writes public/models/bd3/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:bd3`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

/**
 * The shipped run (v3): 1500 steps starting from the AR twin's weights (public/models/ar/v3; run
 * train:ar first to rebuild it). Trained from scratch, the v2 model learned the stories but never to
 * read its prompt (one masked answer character, everything else shown: p = 0.05 on the right one);
 * the AR twin has already learned to copy from the prompt, and those circuits carry over.
 * Positions: the AR twin's table on {LONG_MAX_LEN} positions; block decoding stops at [EOS], so every step keeps the 64-token canvas.
 */
export const SHIPPED_RUN: ShippedRun = {
  steps: 1500,
  initFrom: 'ar',
  lr: 1.5e-3, // half the from-scratch peak: a fine-tune
  model: { maxLen: LONG_MAX_LEN },
  canvas: { baseLen: 64, longEvery: 0, minLong: 64, maxLong: 64, longStride: 8, longTokens: 1024 },
  checkpoint: 'bd3-from-ar',
};

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('bd3', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
