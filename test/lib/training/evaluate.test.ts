import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { greedyAnswers, lowConfidenceAnswers, scoreAnswers } from '@/lib/training/evaluate';
import { createTransformer } from '@/lib/models/transformer/model';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import type { Example } from '@/lib/data/text/corpus';
import type { TransformerConfig } from '@/lib/models/transformer/types';

const examples: Example[] = [
  { kind: 'add', prompt: 'add:1+2=', answer: '3' },
  { kind: 'rev', prompt: 'rev:abc=', answer: 'cba' },
];
const config = (attention: TransformerConfig['attention']): TransformerConfig => ({
  vocabSize: 51, dModel: 16, nHeads: 2, nLayers: 1, dFF: 32, maxLen: 64, attention, blockSize: 8,
});

describe('task accuracy evaluation', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('scores exact matches per task and skips stories', () => {
    const report = scoreAnswers([...examples, { kind: 'story', prompt: '', answer: 'mia smiled.' }], ['3', 'abc', 'x']);
    expect(report).toEqual({ byTask: { add: 1, rev: 0 }, overall: 0.5, count: 2 });
  });

  it('greedy and low-confidence decoding run on an untrained model and leak no tensors', async () => {
    for (const [attention, decode] of [
      ['causal', (m: ReturnType<typeof createTransformer>) => greedyAnswers(m, examples, 4)],
      ['bidirectional', (m: ReturnType<typeof createTransformer>) => lowConfidenceAnswers(m, examples, 4)],
      ['block-causal', (m: ReturnType<typeof createTransformer>) => lowConfidenceAnswers(m, examples, 4, 8)],
    ] as const) {
      const model = createTransformer(config(attention), initTransformerWeights(config(attention), 1));
      const before = tf.memory().numTensors;
      const answers = await decode(model);
      expect(answers).toHaveLength(2);
      answers.forEach((a) => expect(a.length).toBeLessThanOrEqual(4));
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });
});
