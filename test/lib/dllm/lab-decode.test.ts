import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text';
import { decodeBlockDiffusion } from '@/lib/dllm/block';
import { runLabDecode, type LabResult, type LabStep } from '@/lib/dllm/lab/lab-decode';
import { loadShippedModel } from '@/lib/dllm/lab/shipped-models';
import { racePrompts } from '@/components/widgets/dllm/race-prompts';
import { answerTokens, DEFAULT_KNOBS, METHODS } from '@/lib/dllm/methods';
import { runDecoder } from '@/lib/dllm/types';
import { useNodeBackend } from '@/test/support/tf-node';
import { SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';

/** Serves the shipped files from public/, as the site does. */
async function fetchFromPublic(url: string): Promise<ArrayBuffer> {
  const bytes = await readFile(path.join('public', url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function drain(run: AsyncGenerator<LabStep, LabResult, void>): Promise<{ steps: LabStep[]; result: LabResult }> {
  const steps: LabStep[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) return { steps, result: next.value };
    steps.push(next.value);
  }
}

const knobs = { genLength: 24, blockSize: 8, tau: 0.9, factor: 1, seed: 1 };

describe('the lab decode job on the shipped models', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    // load once so the tensor counts below measure decoding only
    for (const name of ['ar', 'mdlm', 'bd3'] as const) await loadShippedModel(name, fetchFromPublic);
  });

  it('gives exactly the tokens of the block decoder it wraps, step by step, leaking no tensors', async () => {
    const prompt = racePrompts().find((p) => p.group === 'short')!.prompt;
    const before = tf.memory().numTensors;
    const { steps, result } = await drain(runLabDecode({ method: 'bd3-prefix-cache-threshold', prompt, ...knobs }, { fetchBytes: fetchFromPublic }));
    expect(tf.memory().numTensors).toBe(before);

    const model = await loadShippedModel('bd3', fetchFromPublic);
    const direct = decodeBlockDiffusion(model, [BOS_ID, ...VOCAB.encode(prompt)], {
      ids: { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID }, maxNewTokens: 24, blockSize: 8, rule: { kind: 'threshold', tau: 0.9 },
    });
    let reference;
    for (;;) { const n = await direct.next(); if (n.done) { reference = n.value; break; } }
    expect(result.answerText).toBe(VOCAB.decode(Array.from(reference.generated)));
    expect(result.nfe).toBe(reference.nfe);
    expect(steps.length).toBe(reference.steps);
    // every step decides at least one answer position, each exactly once over the run
    const decided = steps.flatMap((s) => s.positions);
    expect(new Set(decided).size).toBe(decided.length);
    // one character per token, and the [EOS] counts as a token (as the bench counts it)
    expect(result.answerTokens).toBe(result.answerText.length + (result.stoppedAtEos ? 1 : 0));
    expect(result.tokensPerForward).toBeCloseTo(result.answerTokens / result.nfe, 9);
  });

  it('builds the same decoder as the benchmark from the one method table', async () => {
    const prompt = racePrompts()[0].prompt;
    const ids = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
    const models = { ar: await loadShippedModel('ar', fetchFromPublic), mdlm: await loadShippedModel('mdlm', fetchFromPublic) };
    for (const method of ['mdlm-vanilla', 'apd'] as const) {
      const labKnobs = { genLength: 24, blockSize: DEFAULT_KNOBS.mdlmBlock, tau: DEFAULT_KNOBS.tau, factor: DEFAULT_KNOBS.factor, seed: DEFAULT_KNOBS.seed };
      const { result } = await drain(runLabDecode({ method, prompt, ...labKnobs }, { fetchBytes: fetchFromPublic }));
      const bench = await runDecoder(METHODS[method].build(models, Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]), 24, DEFAULT_KNOBS, ids));
      expect(result.answerText).toBe(VOCAB.decode(Array.from(bench.generated)));
      expect(result.nfe).toBe(bench.nfe);
      expect(result.answerTokens).toBe(answerTokens(bench));
    }
  });

  it('scores a task answer by exact match and a story by the validator', async () => {
    const task = racePrompts().find((p) => p.group === 'short')!;
    const { result } = await drain(runLabDecode({ method: 'ar-kv', prompt: task.prompt, ...knobs }, { fetchBytes: fetchFromPublic }));
    expect(result.correct).toBe(result.answerText === task.answer ? 1 : 0);
    const story = await drain(runLabDecode({ method: 'ar-kv', prompt: '', ...knobs, genLength: 60 }, { fetchBytes: fetchFromPublic }));
    expect(story.result.correct).toBeNull();
    expect(typeof story.result.storyValid).toBe('boolean');
  });

  it('names the problem with a prompt the tokenizer cannot read, or an unknown method', async () => {
    await expect(runLabDecode({ method: 'ar-kv', prompt: 'add:2€', ...knobs }, { fetchBytes: fetchFromPublic }).next()).rejects.toThrow(/unknown character "€"/);
    await expect(runLabDecode({ method: 'warp' as never, prompt: '', ...knobs }, { fetchBytes: fetchFromPublic }).next()).rejects.toThrow(/unknown method "warp"/);
  });

  it('reports a missing weights file clearly', async () => {
    const missing = async (url: string) => {
      if (url.endsWith('.bin')) throw new Error(`Could not download ${url}: the server answered 404 Not Found`);
      return fetchFromPublic(url);
    };
    // loadShippedModel keeps loaded models, so check the loader it calls, as a fresh page would meet it
    const { loadTransformer, parseManifest } = await import('@/lib/models/weights');
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(await fetchFromPublic(`/models/ar/v${SHIPPED_LM_VERSION}/manifest.json`))));
    await expect(loadTransformer(manifest, (p) => missing(`/models/ar/v${SHIPPED_LM_VERSION}/${p}`))).rejects.toThrow(/404/);
  });
});
