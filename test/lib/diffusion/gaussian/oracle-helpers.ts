/** Shared helpers for the Gaussian-diffusion tests: a 2D Gaussian data set and its moments. */
export const DATA_MEAN = [1, -0.5];
export const DATA_STD = [0.5, 0.3];

export function moments(x: Float32Array, dim = 2): { mean: number[]; variance: number[] } {
  const n = x.length / dim;
  const mean = new Array(dim).fill(0);
  const variance = new Array(dim).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += x[i * dim + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) variance[j] += (x[i * dim + j] - mean[j]) ** 2 / n;
  return { mean, variance };
}
