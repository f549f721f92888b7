/**
 * A roofline in the reader's browser (lesson 14): milliseconds per forward pass of a transformer
 * against the number of tokens in the pass, on whatever tfjs backend this realm runs.
 *
 * Why the curve has the shape it has: one pass reads every weight once whatever the token count, and
 * on a GPU launches the same kernels; the arithmetic grows with the token count. While reading the
 * weights and launching kernels dominate (memory- and launch-bound), more tokens per pass are almost
 * free, so the curve is flat; once the arithmetic dominates (compute-bound), time grows in
 * proportion to the tokens. A CPU has little arithmetic to spare, so its curve rises almost at once;
 * a GPU stays flat for a long way. Parallel decoding pays exactly where the curve is flat.
 */
import * as tf from '@/lib/tensor/tf';
import type { Transformer } from '@/lib/models/transformer/model';

export interface RooflineOptions {
  /** Tokens per pass to measure, increasing. */
  sizes: number[];
  /** Timed passes per size (after one untimed warm-up); fewer when the budget runs out. */
  repeats: number;
  /** Stop timing one size after this many milliseconds (at least 2 timed passes are kept). */
  budgetMs: number;
}

export interface RooflinePoint {
  tokens: number;
  /** Median over the timed passes. */
  ms: number;
  /** Every timed pass. */
  samples: number[];
}

export const ROOFLINE_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

export function checkRooflineOptions(options: RooflineOptions, maxLen: number): RooflineOptions {
  const { sizes, repeats, budgetMs } = options ?? ({} as RooflineOptions);
  if (!Array.isArray(sizes) || sizes.length === 0 || sizes.some((n, i) => !Number.isInteger(n) || n < 1 || n > maxLen || (i > 0 && n <= sizes[i - 1]))) {
    throw new Error(`sizes must be increasing integers in [1, ${maxLen}], got ${JSON.stringify(sizes)}`);
  }
  if (!Number.isInteger(repeats) || repeats < 2 || repeats > 50) throw new Error(`repeats must be an integer in [2, 50], got ${repeats}`);
  if (!(budgetMs > 0)) throw new Error(`budgetMs must be positive, got ${budgetMs}`);
  return options;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One forward pass over `tokens` tokens (bidirectional attention), waited for: the time a decoder pays per pass. */
export async function timeForwardPass(model: Transformer, tokens: number): Promise<number> {
  const positions = Int32Array.from({ length: tokens }, (_, i) => i);
  const mask = new Uint8Array(tokens * tokens).fill(1);
  const ids = Int32Array.from({ length: tokens }, (_, i) => 1 + (i % Math.max(1, model.config.vocabSize - 2)));
  const start = performance.now();
  const out = tf.tidy(() => model.forwardMasked({ tokens: tf.tensor2d(ids, [1, tokens], 'int32'), positions, mask }));
  try {
    await out.data(); // the pass is done only when its result is readable
  } finally {
    out.dispose();
  }
  return performance.now() - start;
}

/** Measures every size in turn, yielding each point as it is done. */
export async function* measureRoofline(model: Transformer, options: RooflineOptions): AsyncGenerator<RooflinePoint, RooflinePoint[], void> {
  checkRooflineOptions(options, model.config.maxLen);
  const points: RooflinePoint[] = [];
  for (const tokens of options.sizes) {
    await timeForwardPass(model, tokens); // warm-up: shader compilation, buffer allocation
    const samples: number[] = [];
    let spent = 0;
    while (samples.length < options.repeats && (samples.length < 2 || spent < options.budgetMs)) {
      const ms = await timeForwardPass(model, tokens);
      samples.push(ms);
      spent += ms;
    }
    const point = { tokens, ms: median(samples), samples };
    points.push(point);
    yield point;
  }
  return points;
}

/**
 * How many times longer a pass over `n` tokens takes than a pass over 1: near 1 while memory- or
 * launch-bound, near n when compute-bound.
 */
export function passCostRatio(points: RooflinePoint[], n: number): number | null {
  const one = points.find((p) => p.tokens === 1);
  const many = points.find((p) => p.tokens === n);
  return one && many && one.ms > 0 ? many.ms / one.ms : null;
}
