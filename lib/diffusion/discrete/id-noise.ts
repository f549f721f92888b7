/**
 * Why Gaussian noise on token ids makes no sense (lesson 07): treat ids as numbers, add N(0, sigma^2)
 * noise, round back to the nearest valid id. The "nearby" ids are unrelated symbols, because an id's
 * number carries no meaning: only its identity does.
 */
import type { Rng } from '@/lib/math/rng';
import { checkPositiveInteger, checkTokens } from './categorical';

export interface IdNoiseResult {
  /** id + sigma * z, before rounding (real numbers, not tokens). */
  noisy: Float64Array;
  /** round(noisy), clipped to [0, size): the only way back to a token. */
  rounded: Int32Array;
}

/** Adds Gaussian noise to each id (one normal draw per id from the seeded RNG) and rounds back into [0, size). */
export function gaussianNoiseOnIds(ids: ArrayLike<number>, sigma: number, size: number, rng: Rng): IdNoiseResult {
  checkPositiveInteger('size', size);
  checkTokens('ids', ids, size);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new Error(`sigma must be a finite number >= 0, got ${sigma}`);
  const noisy = new Float64Array(ids.length);
  const rounded = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    noisy[i] = ids[i] + sigma * rng.normal();
    rounded[i] = Math.min(size - 1, Math.max(0, Math.round(noisy[i])));
  }
  return { noisy, rounded };
}

/** Fraction of positions whose rounded id differs from the original. */
export function changedFraction(original: ArrayLike<number>, rounded: ArrayLike<number>): number {
  if (original.length !== rounded.length) throw new Error(`rounded must have length ${original.length}, got ${rounded.length}`);
  if (original.length === 0) return 0;
  let changed = 0;
  for (let i = 0; i < original.length; i++) if (original[i] !== rounded[i]) changed++;
  return changed / original.length;
}
