import * as tf from './tf';

export interface MatmulBenchmarkParams {
  /** Side of the square matrices; 2 n^3 floating-point operations per product. */
  size: number;
  /** Timed repetitions after one untimed warm-up (shader compilation, buffer allocation). */
  repetitions: number;
}

export interface MatmulBenchmarkStep {
  repetition: number;
  milliseconds: number;
}

export interface MatmulBenchmarkResult {
  backend: string;
  size: number;
  medianMilliseconds: number;
  gflops: number;
}

const clock = () => globalThis.performance.now();

/**
 * Measures matMul throughput on the current tfjs backend. Yields each timed repetition; the median
 * is reported because the first runs and a busy machine make single timings noisy.
 */
export async function* benchmarkMatmul(params: MatmulBenchmarkParams): AsyncGenerator<MatmulBenchmarkStep, MatmulBenchmarkResult, void> {
  const { size, repetitions } = params;
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new Error(`benchmarkMatmul: size must be an integer in 1..4096, got ${size}`);
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`benchmarkMatmul: repetitions must be a positive integer, got ${repetitions}`);
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  const times: number[] = [];
  try {
    for (let rep = 0; rep <= repetitions; rep++) {
      const start = clock();
      const product = tf.matMul(a, b);
      await product.data(); // wait for the device: timing stops when the numbers are readable
      product.dispose();
      const ms = clock() - start;
      if (rep === 0) continue; // warm-up
      times.push(ms);
      yield { repetition: rep, milliseconds: ms };
    }
  } finally {
    a.dispose();
    b.dispose();
  }
  const median = medianOf(times);
  return { backend: tf.getBackend(), size, medianMilliseconds: median, gflops: (2 * size ** 3) / (median * 1e6) };
}

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new Error('medianOf: no values');
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
