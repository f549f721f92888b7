/**
 * Quality guard of the shipped language models: each decodes a fixed list of held-out instances
 * (seeds no training run or bench uses) with the method the lab races it with, and must stay above
 * floors set a little below what the shipped weights measured. A retrain that forgets its tasks, or a
 * decoder change that breaks them, fails here before any page shows it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { generateExamples, type ExampleMix } from '@/lib/data/text/corpus';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { checkStory, scoreTaskAnswer } from '@/lib/data/text/validator';
import { answerTokens, DEFAULT_KNOBS, METHODS, type MethodId, type MethodModels } from '@/lib/dllm/methods';
import { runDecoder } from '@/lib/dllm/types';
import { loadShippedModel } from '@/lib/models/weights/shipped';
import { useNodeBackend } from '@/test/support/tf-node';
import { fetchFromPublic } from '@/test/support/public-files';
import { characterAccuracy } from '@/lib/dllm/lab/heldout-tasks';

const ids = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };


const SETS: { name: string; mix: ExampleMix; count: number; seed: number; genLength: number }[] = [
  { name: 'tasks', mix: { add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 }, count: 32, seed: 920001, genLength: 64 },
  { name: 'stories', mix: { story: 1 }, count: 8, seed: 920002, genLength: 64 },
  { name: 'copy', mix: { copy: 1 }, count: 8, seed: 920003, genLength: 64 },
  { name: 'stretch', mix: { stretch: 1 }, count: 4, seed: 920004, genLength: 256 },
];

/**
 * Floors a little below the shipped v9 weights' measurement on these lists (one instance below where
 * a list is short): exact match on the short tasks and on copy, valid stories, and on stretch (whose
 * 160-240-letter answers BD3 gets few of whole) the mean share of characters right (lib/dllm/lab/heldout-tasks.ts).
 */
const FLOORS: Record<'ar-kv' | 'mdlm-dual-cache-threshold' | 'bd3-prefix-cache-threshold', Record<string, number>> = {
  // measured on these lists (v9, wasm): ar 30/32, 8/8, 8/8, 0.998; mdlm 26/32, 0/8, 3/8, 0.988; bd3 24/32, 7/8, 8/8, 0.28
  'ar-kv': { tasks: 0.90625, stories: 0.875, copy: 0.875, stretch: 0.95 },
  // No story floor for MDLM: v9 writes none of these 8 valid (it places [EOS] before the story's last
  // word is spelled out: "he saw a green d."), and a floor of zero cannot fail. Its story validity is
  // measured with intervals by npm run bench:dllm.
  'mdlm-dual-cache-threshold': { tasks: 0.78125, copy: 0.25, stretch: 0.95 },
  'bd3-prefix-cache-threshold': { tasks: 0.71875, stories: 0.75, copy: 0.875, stretch: 0.2 },
};

const models: MethodModels = {};

describe('shipped language models: quality guard on held-out instances', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    for (const name of ['ar', 'mdlm', 'bd3'] as const) models[name] = (await loadShippedModel(name, fetchFromPublic)).model;
  }, 60_000);

  for (const method of Object.keys(FLOORS) as (keyof typeof FLOORS)[]) {
    it(`${method} stays above its floors, leaking no tensors`, async () => {
      const measured: Record<string, number> = {};
      const before = tf.memory().numTensors;
      let tokens = 0;
      let passes = 0;
      for (const set of SETS) {
        const examples = generateExamples({ seed: set.seed, count: set.count, split: 'heldout', mix: set.mix });
        let good = 0;
        // Exact match everywhere but stretch, whose 160-240-letter answers BD3 gets none of whole yet
        // (MDLM about a fifth): there the mean share of characters right is what can fall.
        const long = set.name === 'stretch';
        for (const e of examples) {
          const promptText = set.name === 'stories' ? `${e.answer.split(' ')[0]} ` : e.prompt;
          const prompt = Int32Array.from([BOS_ID, ...VOCAB.encode(promptText)]);
          const result = await runDecoder(METHODS[method as MethodId].build(models, prompt, set.genLength, DEFAULT_KNOBS, ids));
          tokens += answerTokens(result);
          passes += result.nfe;
          const text = VOCAB.decode(result.generated);
          if (set.name === 'stories') {
            const check = checkStory(promptText + text);
            good += check.grammatical && check.consistent ? 1 : 0;
          } else {
            good += long ? characterAccuracy(text, e.answer) : scoreTaskAnswer(e.prompt, text);
          }
        }
        measured[set.name] = good / examples.length;
      }
      expect(tf.memory().numTensors).toBe(before);
      console.log(`${method}: ${JSON.stringify(measured)}, ${(tokens / passes).toFixed(2)} answer tokens per pass`);
      for (const [set, floor] of Object.entries(FLOORS[method])) expect(measured[set], `${method} on ${set}`).toBeGreaterThanOrEqual(floor);
    }, 300_000);
  }
});
