import { beforeAll, describe, expect, it } from 'vitest';
import { parseBackendOverride } from '@/lib/tensor/backends';
import { benchmarkMatmul, medianOf } from '@/lib/tensor/matmul-benchmark';
import { ensureBackend, resetBackendChoiceForTests } from '@/lib/tensor/ensure-backend';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';

describe('backend override from the address', () => {
  it('reads a known backend, ignores none, and explains an unknown one', () => {
    expect(parseBackendOverride('?backend=wasm')).toEqual({ backend: 'wasm', error: null });
    expect(parseBackendOverride('')).toEqual({ backend: null, error: null });
    const bad = parseBackendOverride('?backend=tpu');
    expect(bad.backend).toBeNull();
    expect(bad.error).toMatch(/Unknown backend "tpu".*webgpu, webgl, wasm, cpu/);
  });
});

describe('ensureBackend in Node', () => {
  it('falls past backends that cannot start here and reports why', async () => {
    resetBackendChoiceForTests();
    // Node has no WebGPU or WebGL: both fail, cpu starts.
    const choice = await ensureBackend({ candidates: ['webgpu', 'webgl', 'cpu'] });
    expect(choice.backend).toBe('cpu');
    expect(choice.attempts.map((a) => [a.backend, a.ok])).toEqual([['webgpu', false], ['webgl', false], ['cpu', true]]);
    expect(choice.attempts[0].error).toBeTruthy();
    // chosen once: a later call with another wish returns the same choice
    expect(await ensureBackend({ override: 'wasm' })).toBe(choice);
    resetBackendChoiceForTests();
  });
});

describe('the matMul benchmark', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('yields each timed run and reports GFLOP/s = 2 n^3 / median time, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const run = benchmarkMatmul({ size: 64, repetitions: 3 });
    const steps: number[] = [];
    let result;
    for (;;) {
      const next = await run.next();
      if (next.done) { result = next.value; break; }
      steps.push(next.value.milliseconds);
    }
    expect(steps).toHaveLength(3);
    expect(result.backend).toBe('wasm');
    expect(result.medianMilliseconds).toBe(medianOf(steps));
    expect(result.gflops).toBeCloseTo((2 * 64 ** 3) / (result.medianMilliseconds * 1e6), 9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees its matrices when cancelled midway', async () => {
    const before = tf.memory().numTensors;
    const run = benchmarkMatmul({ size: 32, repetitions: 10 });
    await run.next();
    await run.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad size naming the argument', async () => {
    await expect(benchmarkMatmul({ size: 0, repetitions: 1 }).next()).rejects.toThrow(/size must be an integer/);
  });

  it('median of even and odd counts', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });
});
