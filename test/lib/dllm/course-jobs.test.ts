import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { useNodeBackend } from '@/test/support/tf-node';
import { runBlockTimeline, type BlockTimelineStep } from '@/lib/dllm/course/block-timeline-job';
import { runCacheDrift, type CacheDriftFrame } from '@/lib/dllm/course/cache-drift-job';
import { runCacheCompare, type CacheCompareProgress } from '@/lib/dllm/course/cache-compare-job';
import { runFrontierPoint, type FrontierPoint } from '@/lib/dllm/course/frontier-job';
import { loadShippedModel } from '@/lib/dllm/lab/shipped-models';
import { heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';

const context = {
  fetchBytes: async (url: string) => {
    const bytes = await readFile(path.join(process.cwd(), 'public', url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  },
};

async function drain<S, R>(gen: AsyncGenerator<S, R, void>): Promise<{ steps: S[]; result: R }> {
  const steps: S[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { steps, result: next.value };
    steps.push(next.value);
  }
}

describe('the worker jobs of lessons 10-12 on the shipped models', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    // Loaded once per realm and kept: load before counting tensors.
    await Promise.all((['ar', 'mdlm', 'bd3'] as const).map((m) => loadShippedModel(m, context.fetchBytes)));
  });
  const prompt = heldOutTaskPrompts(1)[0].prompt;

  it('block-timeline: one token per pass, the cached band grows block by block, no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const { steps, result } = await drain(runBlockTimeline({ prompt, rule: 'one', genLength: 48 }, context));
    expect(tf.memory().numTensors).toBe(before);
    expect(steps.every((s: BlockTimelineStep) => s.positions.length === 1)).toBe(true);
    expect(result.nfe).toBe(steps.length);
    expect(result.blockSize).toBe(8);
    const cached = steps.map((s) => s.cachedAnswer);
    expect(cached).toEqual([...cached].sort((a, b) => a - b));
    expect(steps.slice(1).every((s) => s.positionsComputed <= 16)).toBe(true);
    await expect(drain(runBlockTimeline({ prompt, rule: 'many' as never, genLength: 48 }, context))).rejects.toThrow(/rule must be/);
  });

  it('cache-drift: zero on refresh passes, positive later, null on the block', async () => {
    const before = tf.memory().numTensors;
    const { steps, result } = await drain(runCacheDrift({ prompt, cache: 'dual', genLength: 16, blockLength: 8 }, context));
    expect(tf.memory().numTensors).toBe(before);
    expect(steps.length).toBe(16);
    const frames = steps as CacheDriftFrame[];
    expect(frames[0].refreshed).toBe(true);
    expect(frames[0].maxDrift).toBe(0);
    expect(result.maxDrift).toBeGreaterThan(0);
    expect(frames[1].drift[0][frames[1].blockStart]).toBeNull();
  });

  it('cache-compare: the exact cache agrees 100%, and the dual cache runs only the block after each refresh', async () => {
    const before = tf.memory().numTensors;
    const { result } = await drain(runCacheCompare({ prompts: 2, genLength: 16, blockLength: 8 }, context));
    expect(tf.memory().numTensors).toBe(before);
    const by = Object.fromEntries((result as CacheCompareProgress).stats.map((s) => [s.scheme, s]));
    expect(by['bd3-exact'].tokenAgreement).toBe(1);
    expect(by['mdlm-none'].tokenAgreement).toBe(1);
    // dual: 2 blocks of 8 one-token passes; first of each block is full, the other 7 run 8 positions
    const total = heldOutTaskPrompts(2).map((p) => p.prompt.length + 1 + 16);
    const expected = total.reduce((s, n) => s + 2 * n + 14 * 8, 0) / 32;
    expect(by['mdlm-dual'].positionsPerPass).toBeCloseTo(expected, 10);
  });

  it('frontier-point: one-per-pass methods report exactly one token per pass', async () => {
    const { steps, result } = await drain(runFrontierPoint({ method: 'bd3-prefix-cache', tasks: 2 }, context));
    expect(steps.length).toBe(1);
    expect((result as FrontierPoint).tasks).toBe(2);
    expect((result as FrontierPoint).tokensPerPass).toBeLessThanOrEqual(1);
    await expect(drain(runFrontierPoint({ method: 'nope' as never, tasks: 2 }, context))).rejects.toThrow(/unknown method/);
  });
});
