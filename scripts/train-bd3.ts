/**
 * Trains the bd3 language model and writes public/models/bd3/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:bd3`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { FROM_AR_TWIN } from './train-from-ar';

/** The shipped run (v3): 1500 steps from the AR twin's weights (FROM_AR_TWIN, train-from-ar.ts); block decoding stops at [EOS], so every step keeps the 64-token canvas. */
export const SHIPPED_RUN: ShippedRun = {
  steps: 1500,
  ...FROM_AR_TWIN,
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
