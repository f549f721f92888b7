/**
 * Part of the shipped runs of train-mdlm and train-bd3, kept apart from train-common.ts so the
 * scripts can import it before the resolve hook that tfjs needs is registered.
 */
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';
import type { ShippedRun } from './train-common';

/**
 * What the diffusion twins share: they start from the shipped AR twin (public/models/ar/v<N>; run
 * train:ar first to rebuild it) at half the from-scratch peak lr, on its LONG_MAX_LEN positions.
 * From scratch, v2 learned the stories but never to read its prompt (one masked answer character,
 * everything else shown: p = 0.05 on the right one); the AR twin already copies from its prompt.
 */
export const FROM_AR_TWIN = { initFrom: 'ar', lr: 1.5e-3, model: { maxLen: LONG_MAX_LEN } } as const satisfies Partial<ShippedRun>;
