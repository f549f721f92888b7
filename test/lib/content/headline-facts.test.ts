import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFacts } from '@/lib/content/measured-facts';
import { headlineLines, withReadmeMeasuredBlock } from '@/lib/content/headline-facts';
import { loadFacts } from '@/lib/content/measured-facts.server';

describe('headline claims from the benchmark', () => {
  it('the README block is exactly what the benchmark JSON says (rerun npm run bench:dllm after changing either)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withReadmeMeasuredBlock(readme, loadFacts())).toBe(readme);
  });

  it('writes one line per answer length from the facts, and nothing without a benchmark', () => {
    const p = (rate: number) => ({ rate, n: 50, ci95: [rate - 0.1, rate] as [number, number] });
    const row = (method: string, rate: number, tps: number, tpp: number) => ({ method, set: 'stretch', genLength: 256, accuracy: p(rate), storyValidity: null, tokensPerForward: tpp, tokensPerSecond: tps, nfe: 10 });
    const facts = buildFacts([], {
      backend: 'wasm',
      rows: [row('ar-kv', 0.98, 400, 1), row('bd3-prefix-cache-threshold', 0.96, 1400, 5.2)],
      goals: { checks: [{ goal: 'long stretch @256: within 2 points of the AR twin (points)', met: true, method: 'bd3-prefix-cache-threshold' }] },
    });
    const lines = headlineLines(facts);
    expect(lines).toHaveLength(1);
    expect(lines[0].text).toBe("long answers (160-240 tokens, genLength 256): `bd3-prefix-cache-threshold` runs at 3.5x the AR twin's tokens per second (5.20 tokens per pass), exact match 96.0% vs 98.0% for the twin");
    expect(headlineLines(buildFacts([], null))).toEqual([]);
  });
});
