/**
 * Energy distance (Szekely & Rizzo) between two point sets:
 *   D^2 = 2 E|X - Y| - E|X - X'| - E|Y - Y'|,
 * zero exactly when the distributions are equal. Computed exactly in O(n m) on typed arrays
 * (2000 x 2000 points is 12M distances, well under a second) with the unbiased U-statistics for
 * the within-set terms (pairs i != j), so two samples of the same distribution score about 0
 * (slightly negative values are possible and mean "indistinguishable"). Returns D^2.
 */

function meanCross(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): number {
  let sum = 0;
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const d = a[i * dim + k] - b[j * dim + k];
        s += d * d;
      }
      sum += Math.sqrt(s);
    }
  }
  return sum / (na * nb);
}

function meanWithin(a: Float32Array, na: number, dim: number): number {
  if (na < 2) return 0;
  let sum = 0;
  for (let i = 0; i < na; i++) {
    for (let j = i + 1; j < na; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) {
        const d = a[i * dim + k] - a[j * dim + k];
        s += d * d;
      }
      sum += Math.sqrt(s);
    }
  }
  return (2 * sum) / (na * (na - 1));
}

/** Squared energy distance between point sets x [n * dim] and y [m * dim] (row-major). */
export function energyDistance(x: Float32Array, y: Float32Array, dim = 2): number {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`energyDistance: dim must be a positive integer, got ${dim}`);
  if (x.length < 2 * dim || x.length % dim !== 0) throw new Error(`energyDistance: x must hold at least 2 points of dim ${dim}, got length ${x.length}`);
  if (y.length < 2 * dim || y.length % dim !== 0) throw new Error(`energyDistance: y must hold at least 2 points of dim ${dim}, got length ${y.length}`);
  for (const [name, arr] of [['x', x], ['y', y]] as const) {
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i])) throw new Error(`energyDistance: ${name}[${i}] is not finite (${arr[i]})`);
    }
  }
  const n = x.length / dim;
  const m = y.length / dim;
  return 2 * meanCross(x, n, y, m, dim) - meanWithin(x, n, dim) - meanWithin(y, m, dim);
}
