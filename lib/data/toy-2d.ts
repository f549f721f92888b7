/**
 * Toy 2D distributions for the Gaussian-diffusion lessons, sampled with a seeded rng.
 * Every set is centred near the origin with a spread of order 1 (roughly inside [-2.5, 2.5]^2),
 * the scale the unit-variance forward process expects: noise then dissolves data at the same rate
 * on every toy, and one model config fits them all.
 * Points are row-major Float32Array [n * 2]; labels are Int32Array [n] (all 0 where no class is natural).
 */
import type { Rng } from '@/lib/math/rng';
import type { MixtureComponents } from '@/lib/diffusion/gaussian/oracles';

export const TOY_2D_NAMES = ['two-moons', 'swiss-roll', 'rings', 'checkerboard', 'gaussian-mixture', 'smiley'] as const;
export type Toy2dName = (typeof TOY_2D_NAMES)[number];

export interface Toy2dSample {
  name: Toy2dName;
  /** [n * 2] row-major (x0, y0, x1, y1, ...). */
  points: Float32Array;
  /** [n], class of each point in [0, numClasses). */
  labels: Int32Array;
  numClasses: number;
  /** A short name per class, for legends. */
  classNames: string[];
}

export interface Toy2dOptions {
  /**
   * Std of the Gaussian jitter added to each point, in output units. Defaults per set (below) make
   * the structure visibly thin but not degenerate (a zero-width curve has no density).
   */
  noise?: number;
}

const CLASS_NAMES: Record<Toy2dName, string[]> = {
  'two-moons': ['upper moon', 'lower moon'],
  'swiss-roll': ['roll'],
  rings: ['inner ring', 'middle ring', 'outer ring'],
  checkerboard: ['dark squares'],
  'gaussian-mixture': ['E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE'],
  smiley: ['face', 'left eye', 'right eye', 'mouth'],
};

export const DEFAULT_NOISE: Record<Toy2dName, number> = {
  'two-moons': 0.07,
  'swiss-roll': 0.05,
  rings: 0.05,
  checkerboard: 0,
  'gaussian-mixture': 0, // the components carry their own std
  smiley: 0.05,
};

/** Eight isotropic Gaussians on a circle of radius 2, std 0.2, equal weights (class k at angle k pi/4). */
export const GAUSSIAN_MIXTURE_2D: MixtureComponents = {
  means: Array.from({ length: 8 }, (_, k) => [2 * Math.cos((k * Math.PI) / 4), 2 * Math.sin((k * Math.PI) / 4)]),
  stds: Array.from({ length: 8 }, () => 0.2),
  weights: Array.from({ length: 8 }, () => 1 / 8),
};

/** Class names and counts without sampling (for legends and model configs). */
export function toy2dClasses(name: Toy2dName): { numClasses: number; classNames: string[] } {
  checkName(name);
  return { numClasses: CLASS_NAMES[name].length, classNames: [...CLASS_NAMES[name]] };
}

function checkName(name: string): asserts name is Toy2dName {
  if (!(TOY_2D_NAMES as readonly string[]).includes(name)) throw new Error(`toy-2d: name must be one of ${TOY_2D_NAMES.join(', ')}, got ${name}`);
}

/** One point of a set, before jitter: [x, y, label]. */
function drawOne(name: Toy2dName, rng: Rng): [number, number, number] {
  switch (name) {
    case 'two-moons': {
      // sklearn's moons (outer: unit half-circle; inner: shifted, flipped), centred, scaled by 1.4.
      const c = rng.int(2);
      const th = Math.PI * rng.next();
      const [x, y] = c === 0 ? [Math.cos(th), Math.sin(th)] : [1 - Math.cos(th), 0.5 - Math.sin(th)];
      return [1.4 * (x - 0.5), 1.4 * (y - 0.25), c];
    }
    case 'swiss-roll': {
      // Archimedean spiral r = theta, theta in [1.5 pi, 4.5 pi], scaled by 1/6 to fit the box.
      const th = 1.5 * Math.PI * (1 + 2 * rng.next());
      return [(th * Math.cos(th)) / 6, (th * Math.sin(th)) / 6, 0];
    }
    case 'rings': {
      const c = rng.int(3);
      const r = [0.6, 1.3, 2.0][c];
      const th = 2 * Math.PI * rng.next();
      return [r * Math.cos(th), r * Math.sin(th), c];
    }
    case 'checkerboard': {
      // 4 x 4 board on [-2, 2]^2, only squares with (i + j) even are filled (8 of 16).
      const cell = rng.int(8);
      const i = Math.floor(cell / 2);
      const j = 2 * (cell % 2) + (i % 2);
      return [-2 + i + rng.next(), -2 + j + rng.next(), 0];
    }
    case 'gaussian-mixture': {
      const k = rng.int(8);
      const [mx, my] = GAUSSIAN_MIXTURE_2D.means[k];
      const s = GAUSSIAN_MIXTURE_2D.stds[k];
      return [mx + s * rng.normal(), my + s * rng.normal(), k];
    }
    case 'smiley': {
      // 40% face outline, 15% each eye, 30% mouth (a lower arc).
      const u = rng.next();
      if (u < 0.4) {
        const th = 2 * Math.PI * rng.next();
        return [2 * Math.cos(th), 2 * Math.sin(th), 0];
      }
      if (u < 0.7) {
        const c = u < 0.55 ? 1 : 2;
        const cx = c === 1 ? -0.7 : 0.7;
        return [cx + 0.15 * rng.normal(), 0.7 + 0.15 * rng.normal(), c];
      }
      const th = Math.PI * (1.15 + 0.7 * rng.next());
      return [1.2 * Math.cos(th), 0.1 + 1.2 * Math.sin(th), 3];
    }
  }
}

/** n points of the named toy set, reproducible from the rng. */
export function sampleToy2d(name: Toy2dName, n: number, rng: Rng, options: Toy2dOptions = {}): Toy2dSample {
  checkName(name);
  if (!Number.isInteger(n) || n < 1) throw new Error(`sampleToy2d: n must be a positive integer, got ${n}`);
  const noise = options.noise ?? DEFAULT_NOISE[name];
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new Error(`sampleToy2d: options.noise must be a finite number >= 0, got ${noise}`);
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, c] = drawOne(name, rng);
    points[2 * i] = noise > 0 ? x + noise * rng.normal() : x;
    points[2 * i + 1] = noise > 0 ? y + noise * rng.normal() : y;
    labels[i] = c;
  }
  return { name, points, labels, ...toy2dClasses(name) };
}
