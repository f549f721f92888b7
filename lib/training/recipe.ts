/**
 * A data recipe: what each training step sees, as length buckets. A step draws one bucket (by its
 * share), then as many examples of that bucket's kinds as fit its token budget, on a canvas sized to
 * the bucket: short tasks are not padded to 64, and long answers get the canvas they are decoded on.
 *
 * The three objectives see the same examples at every step (same seeds), so a race between them is
 * fair; only the canvas differs, where the decoder never meets the longer one:
 * - AR runs use the data-sized canvas: a [PAD] tail after [EOS] is neither attended to by earlier
 *   positions nor scored, so it would be pure cost;
 * - BD3 runs too: block decoding stops after the block that holds [EOS], so the tail it meets is
 *   the rest of that block, which the rounded canvas (a multiple of the block) still holds;
 * - MDLM runs use the bucket's canvas, whose [PAD] tail the model must learn to predict (a
 *   masked-diffusion decoder fills a fixed canvas of prompt + genLength positions).
 */
import { createRng } from '@/lib/math/rng';
import { encodeBatch, generateExamples, hashText, type EncodedBatch, type Example, type ExampleMix } from '@/lib/data/text/corpus';
import { lookupQueryFirst } from '@/lib/data/text/tasks';

export interface LengthBucket {
  name: string;
  /** Relative share of steps drawn from this bucket. */
  share: number;
  mix: ExampleMix;
  /** Diffusion canvas: 'fit' (longest example, rounded up to `round`) or a fixed length. */
  canvas: 'fit' | number;
  /** Rows per step = floor(tokens / canvas length), at least 1. */
  tokens: number;
  /** 'lookup-query-first': lookup prompts with the query before the pairs (lookupQueryFirst). */
  format?: 'lookup-query-first';
}

export interface DataRecipe {
  buckets: LengthBucket[];
  /** Canvas lengths are rounded up to a multiple of this (a BD3 block size divides it). */
  round: number;
}

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** Throws naming the first bad field. */
export function validateRecipe(recipe: DataRecipe, maxLen: number, blockSize?: number): void {
  if (!Array.isArray(recipe.buckets) || recipe.buckets.length === 0) throw new Error('recipe.buckets must be a non-empty array');
  if (!Number.isInteger(recipe.round) || recipe.round <= 0) throw new Error(`recipe.round must be a positive integer, got ${recipe.round}`);
  if (blockSize && recipe.round % blockSize !== 0) throw new Error(`recipe.round (${recipe.round}) must be a multiple of the block size ${blockSize}`);
  for (const b of recipe.buckets) {
    if (!(b.share > 0)) throw new Error(`recipe bucket ${b.name}: share must be positive, got ${b.share}`);
    if (!(b.tokens > 0)) throw new Error(`recipe bucket ${b.name}: tokens must be positive, got ${b.tokens}`);
    if (b.canvas !== 'fit') {
      if (!Number.isInteger(b.canvas) || b.canvas <= 0 || b.canvas > maxLen) throw new Error(`recipe bucket ${b.name}: canvas must be 'fit' or an integer in [1, ${maxLen}], got ${b.canvas}`);
      if (b.canvas % recipe.round !== 0) throw new Error(`recipe bucket ${b.name}: canvas ${b.canvas} must be a multiple of recipe.round ${recipe.round}`);
    }
  }
}

/** The bucket of one step: a pure function of the seed and the step. */
export function bucketForStep(recipe: DataRecipe, seed: number, step: number): LengthBucket {
  const total = recipe.buckets.reduce((s, b) => s + b.share, 0);
  let u = createRng(hashText(`bucket:${seed}:${step}`)).next() * total;
  for (const b of recipe.buckets) {
    u -= b.share;
    if (u < 0) return b;
  }
  return recipe.buckets[recipe.buckets.length - 1];
}

/**
 * The batch of one step. Rows come from the bucket's token budget at its canvas length (a 'fit'
 * bucket budgets at its mix's longest kind); `fitToData` sizes the canvas to the data.
 */
export function recipeBatch(recipe: DataRecipe, bucket: LengthBucket, exampleSeed: number, fitToData: boolean, maxTokensOf: (mix: ExampleMix) => number): EncodedBatch {
  const budgetLen = bucket.canvas === 'fit' ? roundUp(maxTokensOf(bucket.mix), recipe.round) : bucket.canvas;
  const rows = Math.max(1, Math.floor(bucket.tokens / budgetLen));
  const examples = bucketExamples(bucket, { seed: exampleSeed, count: rows, split: 'train' });
  const batch = encodeBatch(examples, budgetLen);
  const longest = batch.length.reduce((m, l) => Math.max(m, l), 0);
  const seqLen = fitToData || bucket.canvas === 'fit' ? roundUp(longest, recipe.round) : budgetLen;
  return seqLen === budgetLen ? batch : encodeBatch(examples, seqLen);
}

/** Examples of a bucket's mix, in the bucket's format. */
export function bucketExamples(bucket: LengthBucket, options: { seed: number; count: number; split: 'train' | 'heldout' }): Example[] {
  const examples = generateExamples({ ...options, mix: bucket.mix });
  return bucket.format === 'lookup-query-first' ? examples.map((e) => (e.kind === 'kv' ? { ...e, prompt: lookupQueryFirst(e.prompt) } : e)) : examples;
}
