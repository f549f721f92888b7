/**
 * Trains the ar language model and writes public/models/ar/v2/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:ar`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';

/** The shipped run (v2): a 3500-step schedule, run to its end (about 80 min on a shared 2-core machine, three runs at once). */
export const SHIPPED_RUN: ShippedRun = { steps: 3500 };

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('ar', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
