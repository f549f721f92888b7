import { describe, expect, it } from 'vitest';
import { maxTokensOfMix } from '@/lib/data/text/corpus';
import { bucketExamples, bucketForStep, recipeBatch, validateRecipe, type DataRecipe } from '@/lib/training/recipe';
import { readFileSync } from 'node:fs';
import { ADDITION_STAGE_RECIPE, DRILL_STAGE_RECIPE, LAST_BLOCK_STAGE_RECIPE, LONG_ANSWER_STAGE_RECIPE, STORY_STRETCH_STAGE_RECIPE, TASK_STAGE_RECIPE } from '@/lib/training/recipes';
import { batchForStep, defaultTrainerConfig, heldoutSets } from '@/lib/training/trainer';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

const rowsOf = (tokens: Int32Array, batch: number, len: number) => Array.from({ length: batch }, (_, b) => Array.from(tokens.subarray(b * len, (b + 1) * len)));
/** A row without its [PAD] tail, to compare the same example on canvases of different lengths. */
const trimmed = (row: number[]) => row.slice(0, row.findLastIndex((t) => t !== 0) + 1);

describe('length-bucketed data recipes', () => {
  it('the shipped task stage is valid for every objective, with canvases that fit 320 positions and 8-token blocks', () => {
    expect(() => validateRecipe(TASK_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe(LONG_ANSWER_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe(LAST_BLOCK_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe(DRILL_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe(ADDITION_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe(STORY_STRETCH_STAGE_RECIPE, LONG_MAX_LEN, 8)).not.toThrow();
    expect(() => validateRecipe({ round: 8, buckets: [{ name: 'x', share: 1, mix: { add: 1 }, canvas: 100, tokens: 64 }] }, 320, 8)).toThrow(/canvas 100 must be a multiple of recipe.round 8/);
    expect(() => validateRecipe({ round: 6, buckets: TASK_STAGE_RECIPE.buckets }, 320, 8)).toThrow(/multiple of the block size 8/);
    expect(() => validateRecipe({ round: 8, buckets: [{ name: 'x', share: 1, mix: { add: 1 }, canvas: 400, tokens: 64 }] }, 320)).toThrow(/integer in \[1, 320\]/);
  });

  it('the shipped models record the recipes this module defines (v8: addition stage, v9: story-and-stretch stage)', () => {
    const recorded = (name: string, version: number) => JSON.parse(readFileSync(`public/models/${name}/v${version}/manifest.json`, 'utf8')).data.recipe;
    for (const name of ['ar', 'mdlm', 'bd3']) {
      expect(recorded(name, 8)).toEqual(ADDITION_STAGE_RECIPE);
      expect(recorded(name, 9)).toEqual(STORY_STRETCH_STAGE_RECIPE);
    }
  });

  it('draws buckets by share, deterministically per (seed, step)', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 4000; s++) {
      const b = bucketForStep(TASK_STAGE_RECIPE, 1000, s);
      counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
      if (s < 20) expect(bucketForStep(TASK_STAGE_RECIPE, 1000, s).name).toBe(b.name);
    }
    const total = TASK_STAGE_RECIPE.buckets.reduce((a, b) => a + b.share, 0);
    for (const b of TASK_STAGE_RECIPE.buckets) expect(Math.abs((counts.get(b.name) ?? 0) / 4000 - b.share / total)).toBeLessThan(0.03);
  });

  it('sizes short-task canvases to the data, not to 64, and gives long answers their decoding canvas', () => {
    const tasks = TASK_STAGE_RECIPE.buckets.find((b) => b.name === 'tasks')!;
    const batch = recipeBatch(TASK_STAGE_RECIPE, tasks, 5, true, maxTokensOfMix);
    expect(batch.seqLen).toBeLessThanOrEqual(32);
    expect(batch.batch).toBe(Math.floor(tasks.tokens / 32));
    const stretch = TASK_STAGE_RECIPE.buckets.find((b) => b.name === 'stretch')!;
    const canvas = recipeBatch(TASK_STAGE_RECIPE, stretch, 5, false, maxTokensOfMix);
    expect(canvas.seqLen).toBe(296); // longest stretch prompt (40 tokens with [BOS]) + a 256-token answer canvas
    const fitted = recipeBatch(TASK_STAGE_RECIPE, stretch, 5, true, maxTokensOfMix);
    expect(fitted.seqLen).toBeLessThan(296);
    expect(fitted.seqLen % 8).toBe(0);
  });

  it('writes a bucket\'s lookups query first when its format says so, in training batches and held-out sets alike', () => {
    const bucket = { name: 'kv', share: 1, mix: { kv: 1 }, canvas: 'fit' as const, tokens: 256 };
    const plain = bucketExamples(bucket, { seed: 3, count: 20, split: 'train' });
    const queryFirst = bucketExamples({ ...bucket, format: 'lookup-query-first' }, { seed: 3, count: 20, split: 'train' });
    expect(plain.every((e) => /^kv:.*\?[a-z]>$/.test(e.prompt))).toBe(true);
    expect(queryFirst.every((e) => /^kv\?[a-z]:.*>$/.test(e.prompt))).toBe(true);
    expect(queryFirst.map((e) => e.answer)).toEqual(plain.map((e) => e.answer));
    const config = defaultTrainerConfig('ar', { recipe: { round: 8, buckets: [{ ...bucket, format: 'lookup-query-first' }] } });
    expect(heldoutSets(config)[0].examples.every((e) => e.prompt.startsWith('kv?'))).toBe(true);
  });

  it('gives all three objectives the same examples at every step; only mdlm keeps the [PAD]-tailed canvas', () => {
    const configs = (['ar', 'mdlm', 'bd3'] as const).map((o) => {
      const c = defaultTrainerConfig(o, { recipe: TASK_STAGE_RECIPE });
      return { ...c, model: { ...c.model, maxLen: LONG_MAX_LEN } };
    });
    for (let step = 0; step < 12; step++) {
      const [ar, mdlm, bd3] = configs.map((c) => batchForStep(c, step));
      const rows = [ar, mdlm, bd3].map((b) => rowsOf(b.tokens, b.batch, b.seqLen).map(trimmed));
      expect(rows[1]).toEqual(rows[0]);
      expect(rows[2]).toEqual(rows[0]);
      expect(ar.seqLen).toBe(bd3.seqLen);
      expect(mdlm.seqLen).toBeGreaterThanOrEqual(ar.seqLen);
    }
  });

  it('a recipe without buckets is refused', () => {
    expect(() => validateRecipe({ round: 8, buckets: [] } as DataRecipe, 320)).toThrow(/non-empty/);
  });
});
