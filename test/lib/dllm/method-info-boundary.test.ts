/**
 * Pages read the method table's descriptions (lab, embeds, race) through lib/dllm/method-info.ts,
 * which imports nothing: importing lib/dllm/methods.ts (the decoders, hence tfjs) from those modules
 * put tfjs-core into every page's first load, the 404 page's included (bench:web, 2026-12-03).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const runtimeImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((m) => m[1]);

describe('the page side of the method table', () => {
  it('method-info imports nothing at run time', () => {
    expect(runtimeImports('lib/dllm/method-info.ts')).toEqual([]);
  });

  it('lab-methods and embeds import method-info, never the decoders', () => {
    expect(runtimeImports('lib/dllm/lab/lab-methods.ts')).toEqual(['../method-info']);
    expect(runtimeImports('lib/content/embeds.ts')).toEqual(['../dllm/lab/lab-methods']);
  });
});

describe('the lab starts where the benchmark measures', () => {
  it('its default knobs are the method table\'s, and only the masked methods read the block length', async () => {
    const { DEFAULT_KNOBS } = await import('@/lib/dllm/methods');
    const { defaultLabKnobs, readsBlockSize } = await import('@/lib/dllm/lab/lab-methods');
    expect(defaultLabKnobs(256)).toEqual({ genLength: 256, blockSize: 64, tau: 0.9, factor: 1 });
    expect(DEFAULT_KNOBS).toMatchObject({ mdlmBlock: 64, tau: 0.9, factor: 1 });
    expect(readsBlockSize('mdlm-dual-cache-threshold')).toBe(true);
    expect(readsBlockSize('mdlm-vanilla')).toBe(true);
    expect(readsBlockSize('bd3-prefix-cache-factor')).toBe(false);
    expect(readsBlockSize('apd')).toBe(false);
    expect(readsBlockSize('ar-kv')).toBe(false);
  });
});
