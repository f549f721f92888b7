import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KERNEL_MIX, kernelMixFlops, timeKernelMix } from '@/lib/tensor/kernel-mix';
import { ensureBackend, resetBackendChoiceForTests } from '@/lib/tensor/ensure-backend';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';

describe('the kernel mix', () => {
  beforeAll(async () => { await useNodeBackend('cpu'); });

  it('counts its floating-point work', () => {
    // per layer: qkv 2·256·128·384 + out 2·256·128·128 + attention 4·256·256·128 + feed-forward 4·256·128·512
    expect(kernelMixFlops(DEFAULT_KERNEL_MIX)).toBe(2 * (25_165_824 + 8_388_608 + 33_554_432 + 67_108_864));
  });

  it('times rounds within its budget and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    let clock = 0;
    // a fake clock: every call moves 40 ms, so the 100 ms budget stops it after two timed rounds
    const timing = await timeKernelMix({ shape: { positions: 8, width: 4, layers: 1 }, rounds: 5, budgetMs: 100, now: () => (clock += 40) });
    expect(timing.rounds).toBe(2);
    expect(timing.milliseconds).toBe(40);
    expect(timing.warmupMilliseconds).toBe(40);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad shape', async () => {
    await expect(timeKernelMix({ shape: { positions: 0, width: 4, layers: 1 } })).rejects.toThrow('shape.positions must be a positive integer, got 0');
  });
});

describe('choosing by measurement in Node', () => {
  it('skips a software WebGPU, measures wasm, keeps it, and says why', async () => {
    resetBackendChoiceForTests();
    const wasmPath = path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep;
    const choice = await ensureBackend({ candidates: ['webgpu', 'wasm', 'cpu'], wasmPath, measure: { software: { webgpu: true } } });
    expect(choice.backend).toBe('wasm');
    expect(choice.how).toBe('measured');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.verdicts?.map((v) => [v.backend, v.chosen])).toEqual([['wasm', true], ['webgpu', false], ['cpu', false]]);
    expect(choice.verdicts?.[0].milliseconds).toBeGreaterThan(0);
    expect(choice.verdicts?.[1].reason).toMatch(/^not tried: software adapter/);
    resetBackendChoiceForTests();
  });
});
