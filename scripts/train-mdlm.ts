/**
 * Trains the mdlm language model and writes public/models/mdlm/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:mdlm`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { FROM_AR_TWIN } from './train-from-ar';

/** The shipped run (v3): 3000 steps from the AR twin's weights (FROM_AR_TWIN, train-from-ar.ts); one step in four trains on a long [PAD]-tailed canvas (96 to 320 positions), so a genLength-256 canvas is familiar. */
export const SHIPPED_RUN: ShippedRun = {
  steps: 3000,
  ...FROM_AR_TWIN,
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
