/** Helpers for building exercise cases: seeded random inputs and rounding for readable messages. */
import type { Rng } from '@/lib/math/rng';
import type { CheckCase, CompareOptions } from '@/lib/notebook/check';

export interface ExerciseCases {
  cases: CheckCase<unknown[]>[];
  compare: CompareOptions;
}

/** Normal draws rounded to 3 decimals, so a failing case prints short, exact inputs. */
export function normals(rng: Rng, n: number, scale = 1): number[] {
  return Array.from({ length: n }, () => Math.round(rng.normal() * scale * 1000) / 1000);
}

/** Plain numbers from a typed array (the reader returns plain arrays; both compare equal). */
export function plain(values: ArrayLike<number>): number[] {
  return Array.from(values);
}
