/**
 * Trains the mdlm language model and writes public/models/mdlm/v1/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:mdlm`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';

/** The shipped run: a 401-step schedule that stopped after 262 steps (its wall-time limit). */
export const SHIPPED_RUN: ShippedRun = { steps: 401, stopAfter: 262 };

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('mdlm', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
