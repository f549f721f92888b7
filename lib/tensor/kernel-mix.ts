/**
 * A small stand-in for the course's models, timed on the current tfjs backend to choose the fastest
 * one: per layer the matrix products, softmax attention, layer norm and GELU of a transformer block
 * at the shipped models' scale (256 positions, width 128), chained as a model chains them, with one
 * read-back per round (as a sampler reads once per step). About 0.2 GFLOP a round.
 */
import * as tf from './tf';

export interface KernelMixShape {
  positions: number;
  width: number;
  layers: number;
}

export const DEFAULT_KERNEL_MIX: KernelMixShape = { positions: 256, width: 128, layers: 2 };

export interface KernelMixTiming {
  /** Median time of the timed rounds (ms). */
  milliseconds: number;
  /** Timed rounds run (at least one; fewer than asked when the budget ran out). */
  rounds: number;
  /** The untimed first round: kernel compilation and buffer allocation. */
  warmupMilliseconds: number;
}

export interface KernelMixOptions {
  shape?: KernelMixShape;
  /** Timed rounds wanted (default 3). */
  rounds?: number;
  /** Stop timing once this much time went by after the warm-up (ms, default 250). */
  budgetMs?: number;
  /** Clock (ms); performance.now by default. */
  now?: () => number;
}

/** Floating-point operations of one round (for reporting throughput). */
export function kernelMixFlops({ positions: n, width: d, layers }: KernelMixShape): number {
  const projections = 2 * n * d * (3 * d) + 2 * n * d * d; // qkv and output
  const attention = 2 * (2 * n * n * d); // scores and weighted sum
  const feedForward = 2 * (2 * n * d * (4 * d));
  return layers * (projections + attention + feedForward);
}

/** Runs the mix: one warm-up round, then timed rounds until `rounds` are done or the budget is spent. */
export async function timeKernelMix(options: KernelMixOptions = {}): Promise<KernelMixTiming> {
  const shape = options.shape ?? DEFAULT_KERNEL_MIX;
  const wanted = options.rounds ?? 3;
  const budget = options.budgetMs ?? 250;
  const now = options.now ?? (() => globalThis.performance.now());
  for (const [name, value] of Object.entries(shape)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`timeKernelMix: shape.${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`timeKernelMix: rounds must be a positive integer, got ${wanted}`);
  const { positions: n, width: d } = shape;
  const weights = tf.tidy(() => ({
    x: tf.randomNormal<tf.Rank.R2>([n, d], 0, 1, 'float32', 1),
    qkv: tf.randomNormal<tf.Rank.R2>([d, 3 * d], 0, 1 / Math.sqrt(d), 'float32', 2),
    out: tf.randomNormal<tf.Rank.R2>([d, d], 0, 1 / Math.sqrt(d), 'float32', 3),
    up: tf.randomNormal<tf.Rank.R2>([d, 4 * d], 0, 1 / Math.sqrt(d), 'float32', 4),
    down: tf.randomNormal<tf.Rank.R2>([4 * d, d], 0, 1 / Math.sqrt(4 * d), 'float32', 5),
  }));
  const round = async () => {
    const y = tf.tidy(() => {
      let h: tf.Tensor2D = weights.x;
      for (let layer = 0; layer < shape.layers; layer++) {
        const normed = layerNorm(h);
        const [q, k, v] = tf.split(tf.matMul(normed, weights.qkv), 3, 1) as tf.Tensor2D[];
        const attention = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d)));
        h = tf.add(h, tf.matMul(tf.matMul(attention, v), weights.out));
        const hidden = tf.matMul(layerNorm(h), weights.up);
        // tanh GELU, as written out by the models
        const gelu = tf.mul(tf.mul(hidden, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(hidden, tf.mul(tf.pow(hidden, 3), 0.044715)), Math.sqrt(2 / Math.PI)))));
        h = tf.add(h, tf.matMul(gelu, weights.down));
      }
      return tf.sum(h);
    });
    await y.data();
    y.dispose();
  };
  try {
    const warmStart = now();
    await round();
    const warmupMilliseconds = now() - warmStart;
    const times: number[] = [];
    const timedStart = now();
    while (times.length < wanted) {
      const start = now();
      await round();
      const end = now();
      times.push(end - start);
      if (end - timedStart >= budget) break;
    }
    return { milliseconds: median(times), rounds: times.length, warmupMilliseconds };
  } finally {
    for (const t of Object.values(weights)) t.dispose();
  }
}

function layerNorm(x: tf.Tensor2D): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
