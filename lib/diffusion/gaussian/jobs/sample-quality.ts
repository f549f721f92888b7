/**
 * How good are 2D samples? Energy distance to a fresh data draw, next to the two numbers that give
 * it meaning: pure noise (what a useless model scores) and a second data draw (the floor: what a
 * perfect model scores, about 0). Pure typed-array code, no tfjs.
 */
import { createRng } from '@/lib/math/rng';
import { sampleToy2d, GAUSSIAN_MIXTURE_2D, type Toy2dName } from '@/lib/data/toy-2d';
import { energyDistance } from '@/lib/metrics/energy-distance';

export interface SampleQuality {
  /** D^2 between the samples and a fresh data draw of the same size. */
  energyDistance: number;
  /** D^2 between N(0, I) points and that data draw. */
  noiseBaseline: number;
  /** D^2 between a second data draw and that data draw (about 0). */
  dataFloor: number;
  /** How many points each set had. */
  n: number;
}

/** Scores samples [n * 2] against `dataset`; the reference draws are seeded so runs compare fairly. */
export function sampleQuality(samples: Float32Array, dataset: Toy2dName, seed = 777): SampleQuality {
  const n = samples.length / 2;
  if (!Number.isInteger(n) || n < 2) throw new Error(`sampleQuality: samples must hold at least 2 points [n * 2], got length ${samples.length}`);
  const rng = createRng(seed);
  const data = sampleToy2d(dataset, n, rng).points;
  const second = sampleToy2d(dataset, n, rng).points;
  const noise = new Float32Array(2 * n);
  for (let i = 0; i < noise.length; i++) noise[i] = rng.normal();
  return {
    energyDistance: energyDistance(samples, data),
    noiseBaseline: energyDistance(noise, data),
    dataFloor: energyDistance(second, data),
    n,
  };
}

export interface ClassFidelity {
  /** Fraction of samples whose nearest mixture component is the requested class (fidelity). */
  accuracy: number;
  /** Std of the samples across the class's direction, i.e. along the ring (diversity; data: 0.2). */
  sidewaysStd: number;
  /** Distance from the samples' mean to the class mean (0 for data; guidance overshoots outwards). */
  offset: number;
}

/** Fidelity and diversity of samples asked to be class `k` of the 8-Gaussian mixture. */
export function mixtureClassFidelity(samples: Float32Array, k: number): ClassFidelity {
  const means = GAUSSIAN_MIXTURE_2D.means;
  if (!Number.isInteger(k) || k < 0 || k >= means.length) throw new Error(`mixtureClassFidelity: k must be an integer in [0, ${means.length - 1}], got ${k}`);
  const n = samples.length / 2;
  if (!Number.isInteger(n) || n < 1) throw new Error(`mixtureClassFidelity: samples must be [n * 2], got length ${samples.length}`);
  const [mx, my] = means[k];
  // Unit vector along the ring at class k (perpendicular to the direction of its mean).
  const r = Math.hypot(mx, my);
  const ux = -my / r;
  const uy = mx / r;
  let hits = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    sx += x;
    sy += y;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < means.length; c++) {
      const d = (x - means[c][0]) ** 2 + (y - means[c][1]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best === k) hits++;
  }
  const cx = sx / n;
  const cy = sy / n;
  let side = 0;
  for (let i = 0; i < n; i++) side += ((samples[2 * i] - cx) * ux + (samples[2 * i + 1] - cy) * uy) ** 2;
  return { accuracy: hits / n, sidewaysStd: Math.sqrt(side / n), offset: Math.hypot(cx - mx, cy - my) };
}
