/**
 * Trains the ar language model and writes public/models/ar/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:ar`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

/** The shipped run (v3): a 3500-step schedule, run to its end (about 80 min on a shared 2-core machine, three runs at once). */
export const SHIPPED_RUN: ShippedRun = {
  steps: 3500,
  // v3: a long phase on a {LONG_MAX_LEN}-position table; no steps: the causal twin stops at [EOS] and trained positions are all it reaches; the table is widened so genLength 256 runs.
  long: { steps: 0, lr: 1.5e-3, maxLen: LONG_MAX_LEN, canvas: { baseLen: 64, longEvery: 0, minLong: 64, maxLong: 64, longStride: 8, longTokens: 1024 } },
};

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('ar', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
