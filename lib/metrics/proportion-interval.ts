/**
 * A 95% interval for a success rate measured on n instances: the Wilson score interval, which stays
 * inside [0, 1] and behaves at 0 or n successes (where the normal approximation collapses to a point).
 */
export interface Proportion {
  successes: number;
  n: number;
  rate: number;
  /** 95% Wilson interval [low, high]. */
  ci95: [number, number];
}

const Z95 = 1.959963984540054;

export function proportion(successes: number, n: number): Proportion {
  if (!Number.isInteger(n) || n < 1) throw new Error(`proportion: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) throw new Error(`proportion: successes must be an integer in [0, ${n}], got ${successes}`);
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { successes, n, rate: p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}
