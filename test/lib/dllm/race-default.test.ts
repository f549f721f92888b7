/**
 * The race's default: a long-answer prompt that both racers answer correctly, where the default
 * diffusion method commits several tokens per pass and, on the bench's copy answers, is faster than
 * the AR twin. (Whether it is also as accurate over the whole copy family is the bench's goal,
 * reported there, not assumed here.)
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { DEFAULT_RACE_METHOD } from '@/lib/dllm/lab/lab-methods';
import { answerTokens, DEFAULT_KNOBS, METHODS, type MethodModels } from '@/lib/dllm/methods';
import { runDecoder } from '@/lib/dllm/types';
import { loadShippedModel } from '@/lib/models/weights/shipped';
import { racePrompts } from '@/components/widgets/dllm/race-prompts';
import { useNodeBackend } from '@/test/support/tf-node';
import { fetchFromPublic } from '@/test/support/public-files';

interface Row { method: string; set: string; tokensPerSecond: number; accuracy: { rate: number } }
const bench = JSON.parse(readFileSync('bench-results/dllm.json', 'utf8')) as { rows: Row[] };
const copyRow = (method: string) => bench.rows.find((r) => r.method === method && r.set === 'copy')!;
const speed = (method: string) => copyRow(method).tokensPerSecond;

const models: MethodModels = {};

describe('the race default', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    for (const name of new Set(['ar' as const, ...METHODS[DEFAULT_RACE_METHOD].models])) models[name] = (await loadShippedModel(name, fetchFromPublic)).model;
  }, 60_000);

  it(`${DEFAULT_RACE_METHOD} and ar-kv both answer the default copy prompt exactly; the diffusion model in far fewer passes, leaking no tensors`, async () => {
    const first = racePrompts()[0];
    expect(first.kind).toBe('copy');
    expect(METHODS[DEFAULT_RACE_METHOD].cached && METHODS[DEFAULT_RACE_METHOD].parallel && METHODS[DEFAULT_RACE_METHOD].inLab).toBe(true);
    const prompt = Int32Array.from([BOS_ID, ...VOCAB.encode(first.prompt)]);
    const ids = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
    const before = tf.memory().numTensors;
    const ar = await runDecoder(METHODS['ar-kv'].build(models, prompt, first.genLength, DEFAULT_KNOBS, ids));
    const mine = await runDecoder(METHODS[DEFAULT_RACE_METHOD].build(models, prompt, first.genLength, DEFAULT_KNOBS, ids));
    expect(tf.memory().numTensors).toBe(before);
    expect(VOCAB.decode(ar.generated)).toBe(first.answer);
    expect(VOCAB.decode(mine.generated)).toBe(first.answer);
    expect(ar.nfe).toBe(first.answer.length + 1); // one pass per answer token and its [EOS]
    expect(answerTokens(mine) / mine.nfe).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it(`on the bench's copy answers ${DEFAULT_RACE_METHOD} decodes more answer tokens per second than ar-kv`, () => {
    expect(speed(DEFAULT_RACE_METHOD)).toBeGreaterThan(speed('ar-kv'));
  });

  it(`${DEFAULT_RACE_METHOD} is the most accurate cached + parallel diffusion racer on the bench's copy answers (ties go to the faster)`, () => {
    const racers = (Object.keys(METHODS) as (keyof typeof METHODS)[])
      .filter((id) => METHODS[id].cached && METHODS[id].parallel && METHODS[id].inLab && !METHODS[id].models.includes('ar'));
    const best = racers.map(copyRow).sort((a, b) => b.accuracy.rate - a.accuracy.rate || b.tokensPerSecond - a.tokensPerSecond)[0];
    expect(best.method).toBe(DEFAULT_RACE_METHOD);
  });
});
