import { describe, expect, it } from 'vitest';
import { buildFacts, lookupFact, type BenchFacts, type ManifestFacts } from '@/lib/content/measured-facts';
import { compileMdx } from '@/lib/content/lessons.server';
import { loadFacts } from '@/lib/content/measured-facts.server';

const manifest: ManifestFacts = { name: 'mdlm', version: 4, parameters: 641024, steps: 1500, training: { wallTimeSeconds: 1530 }, metrics: { heldoutLoss: 0.1234, taskAccuracy: { overall: 0.9, count: 100 } } };
const p = (rate: number, n: number) => ({ rate, n, ci95: [rate - 0.05, Math.min(1, rate + 0.05)] as [number, number] });
const bench: BenchFacts = {
  when: '2026-12-03T08:00:00Z',
  backend: 'wasm',
  rows: [
    { method: 'ar-kv', set: 'copy', genLength: 64, accuracy: p(0.98, 100), storyValidity: null, tokensPerForward: 1, tokensPerSecond: 500, nfe: 33 },
    { method: 'mdlm-vanilla', set: 'copy', genLength: 64, accuracy: p(0.97, 100), storyValidity: null, tokensPerForward: 0.5, tokensPerSecond: 50, nfe: 64 },
    { method: 'bd3-prefix-cache-threshold', set: 'copy', genLength: 64, accuracy: p(0.97, 100), storyValidity: null, tokensPerForward: 4.2, tokensPerSecond: 1250, nfe: 8 },
  ],
  goals: { checks: [{ goal: 'long copy @64: within 2 points of the AR twin (points)', met: true, method: 'bd3-prefix-cache-threshold' }, { goal: 'long copy @64: tok/s vs ar-kv >= 2x', met: false, method: 'bd3-prefix-cache-threshold' }] },
};

describe('measured facts', () => {
  const facts = buildFacts([manifest], bench);

  it('computes every figure from the manifest and bench rows, tagged with its source', () => {
    expect(facts['model.mdlm.parameters'].display).toBe('641,024');
    expect(facts['model.mdlm.trainingMinutes'].display).toBe('26');
    expect(facts['model.mdlm.taskAccuracy']).toMatchObject({ display: '90.0%', tag: 'trained' });
    expect(facts['bench.copy.best.method'].display).toBe('bd3-prefix-cache-threshold');
    expect(facts['bench.copy.best.vsArKv']).toMatchObject({ display: '2.5x', value: 2.5, tag: 'bench' });
    expect(facts['bench.copy.best.vsVanilla'].display).toBe('25x');
    expect(facts['bench.copy.ar-kv.accuracy'].display).toBe('98.0%');
    expect(facts['bench.copy.best.ci95'].display).toBe('92-100%');
    expect(facts['bench.goals.met'].display).toBe('1 of 2');
    expect(facts['bench.copy.best.vsArKv'].source).toMatch(/bench-results\/dllm\.json.*2026-12-03.*wasm/);
  });

  it('names an unknown fact and its neighbours', () => {
    expect(() => lookupFact(facts, 'bench.copy.best.speed')).toThrow(/unknown measured fact "bench.copy.best.speed"; known under bench.copy: .*bench.copy.ar-kv.accuracy/);
  });

  it('a lesson quoting a fact renders the figure with its tag, and an unknown fact fails the build', async () => {
    const front = '---\ntitle: Noise\nsummary: The forward process.\norder: 2\nminutes: 20\nprerequisites: [welcome]\npapers: []\n---\n';
    const real = loadFacts();
    const key = 'model.ar.parameters';
    const { code } = await compileMdx('02-noise.mdx', `${front}\nThe twin has <Measured fact="${key}" /> parameters.\n`);
    expect(code).toContain(real[key].display);
    expect(code).toContain('measured__tag');
    await expect(compileMdx('02-noise.mdx', `${front}\nIt is <Measured fact="model.ar.speed" /> fast.\n`)).rejects.toThrow(/02-noise\.mdx:\d+: unknown measured fact "model\.ar\.speed"/);
  });
});
