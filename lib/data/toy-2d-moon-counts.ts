/**
 * Counts how many 2D points sit on each moon of the two-moons toy set (lesson 04's particle counter):
 * a sampler that gets the mode weights wrong shows it here as a lopsided split, one that leaves
 * particles between the modes as a large "stranded" count.
 *
 * The geometry is exactly that of sampleToy2d('two-moons') in ./toy-2d: sklearn's moons (the upper
 * half of the unit circle about (0, 0), and the lower half of the unit circle about (1, 0.5)), shifted
 * by (-0.5, -0.25) and scaled by 1.4, plus isotropic Gaussian jitter of std 0.07 per coordinate.
 */

import { DEFAULT_NOISE } from './toy-2d';

export type MoonName = 'upper' | 'lower';

export interface MoonArc {
  /** Centre of the half-circle the moon lies on, in output units. */
  centre: readonly [number, number];
  radius: number;
  /** +1: the arc is the upper half (y >= centre y); -1: the lower half. */
  side: 1 | -1;
}

/** The two moons of sampleToy2d('two-moons'), after its centring and scaling by 1.4. */
export const TWO_MOONS_ARCS: Readonly<Record<MoonName, MoonArc>> = {
  upper: { centre: [1.4 * (0 - 0.5), 1.4 * (0 - 0.25)], radius: 1.4, side: 1 },
  lower: { centre: [1.4 * (1 - 0.5), 1.4 * (0.5 - 0.25)], radius: 1.4, side: -1 },
};

/** The generator's default jitter std for the moons. */
export const TWO_MOONS_NOISE = DEFAULT_NOISE['two-moons'];

/** The true share of each moon: the generator picks the moon with rng.int(2), so one half each. */
export const TWO_MOONS_WEIGHTS: Readonly<Record<MoonName, number>> = { upper: 0.5, lower: 0.5 };

/**
 * Further than this from both arcs counts as stranded: 0.3 is over 4 jitter stds (0.07), so the data
 * itself is almost never there, yet under half the narrowest gap between the moons (0.7, at each tip).
 */
export const STRANDED_DISTANCE = 0.3;

export interface MoonCounts {
  upper: number;
  lower: number;
  /** Further than the stranded distance from both arcs, or not a finite point. */
  stranded: number;
  total: number;
}

/** Euclidean distance from (x, y) to the moon's arc (the half-circle, endpoints included). */
export function distanceToMoon(x: number, y: number, moon: MoonName): number {
  const { centre: [cx, cy], radius, side } = TWO_MOONS_ARCS[moon];
  const dx = x - cx;
  const dy = y - cy;
  // On the arc's side of the diameter, the nearest arc point is along the ray from the centre ...
  if (side * dy >= 0) return Math.abs(Math.hypot(dx, dy) - radius);
  // ... otherwise it is one of the two endpoints of the diameter.
  return Math.min(Math.hypot(dx - radius, dy), Math.hypot(dx + radius, dy));
}

/**
 * Classifies interleaved (x0, y0, x1, y1, ...) points by the nearer moon arc (ties go to the upper
 * moon), or as stranded when both arcs are further than strandedDistance.
 */
export function countMoons(points: Float32Array | ArrayLike<number>, strandedDistance = STRANDED_DISTANCE): MoonCounts {
  if (points.length % 2 !== 0) throw new Error(`countMoons: points must be interleaved (x, y) pairs, got an odd length ${points.length}`);
  if (!(strandedDistance >= 0) || !Number.isFinite(strandedDistance)) throw new Error(`countMoons: strandedDistance must be a finite number >= 0, got ${strandedDistance}`);
  const counts: MoonCounts = { upper: 0, lower: 0, stranded: 0, total: points.length / 2 };
  // Nearer arc wins: both moons have the same isotropic jitter, so the nearer curve is the likelier source.
  for (let i = 0; i < counts.total; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const du = distanceToMoon(x, y, 'upper');
    const dl = distanceToMoon(x, y, 'lower');
    const d = Math.min(du, dl);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(d <= strandedDistance)) counts.stranded++;
    else if (du <= dl) counts.upper++;
    else counts.lower++;
  }
  return counts;
}
