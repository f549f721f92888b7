/**
 * Trains the ar language model and writes public/models/ar/v<N>/ (flags: scripts/train-common.ts).
 * With no flags it reproduces the shipped model from the seed: `npm run train:ar`.
 */
import { register } from 'node:module';
import type { ShippedRun } from './train-common';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

/**
 * The shipped run (v3): a 3500-step schedule on the 64-token corpus, run to its end (about 80 min on
 * a shared 2-core machine, three runs at once), then the position table widened to LONG_MAX_LEN so
 * the twin runs at genLength 256 (it stops at [EOS] long before the new, untrained rows).
 */
export const SHIPPED_RUN: ShippedRun = { steps: 3500, widenTo: LONG_MAX_LEN };

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { runTraining } = await import('./train-common');

runTraining('ar', SHIPPED_RUN).catch((err) => {
  console.error(err);
  process.exit(1);
});
