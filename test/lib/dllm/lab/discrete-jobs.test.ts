import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { exampleStream } from '@/lib/data/text/corpus';
import { decodeMasked } from '@/lib/dllm/masked';
import { loadShippedModel } from '@/lib/dllm/lab/shipped-models';
import { runNelboJob } from '@/lib/dllm/lab/nelbo-job';
import { runRemaskingDecode } from '@/lib/dllm/lab/remasking-compare';
import { runRemaskingQuality } from '@/lib/dllm/lab/remasking-quality';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { useNodeBackend } from '@/test/support/tf-node';
import { drainAll, fetchFromPublic, publicContext } from '@/test/support/public-files';

describe('the discrete-diffusion jobs on the shipped MDLM model', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    await loadShippedModel('mdlm', fetchFromPublic);
  });

  it('mdlm-nelbo: per-position terms sum to the loss, the weight is 1/t, no tensors leak', async () => {
    const story = exampleStream(5, 'heldout')();
    const before = tf.memory().numTensors;
    const { result } = await drainAll(runNelboJob({ prompt: story.prompt, answer: story.answer, t: 0.4, seed: 3 }, publicContext));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.weight).toBeCloseTo(2.5, 12);
    expect(result.terms.length).toBeGreaterThan(5);
    const sum = result.terms.reduce((s, x) => s + x.nll, 0);
    expect(result.sumNll).toBeCloseTo(sum, 9);
    expect(result.loss).toBeCloseTo(2.5 * sum, 9);
    for (const term of result.terms) {
      expect(term.position).toBeGreaterThanOrEqual(result.answerStart);
      expect(term.nll).toBeGreaterThanOrEqual(0);
      expect(term.prob).toBeLessThanOrEqual(term.topProb + 1e-12);
    }
    // the trained model beats a uniform guess over the 50 non-mask tokens (log 50 = 3.91 nats per token)
    expect(result.sumNll / result.terms.length).toBeLessThan(Math.log(50));
    console.log(`mdlm-nelbo t=0.4: ${result.terms.length} masked, mean -log p ${(sum / result.terms.length).toFixed(3)}, loss ${result.loss.toFixed(2)}, per token ${(result.loss / result.regionLength).toFixed(3)}`);
  });

  it('remasking-decode gives the tokens of decodeMasked with the same rule and seed', async () => {
    const prompt = 'rev:abc=';
    for (const remasking of ['low-confidence', 'random'] as const) {
      const before = tf.memory().numTensors;
      const { progress: steps, result } = await drainAll(runRemaskingDecode({ prompt, genLength: 8, steps: 4, remasking, seed: 2 }, publicContext));
      expect(tf.memory().numTensors).toBe(before);
      expect(steps).toHaveLength(4);
      expect(steps.every((s) => s.positions.length === 2)).toBe(true);
      const model = await loadShippedModel('mdlm', fetchFromPublic);
      const ref = await drainAll(decodeMasked(model, [BOS_ID, ...VOCAB.encode(prompt)], { ids: { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID }, genLength: 8, rule: { kind: 'steps', perBlock: 4 }, remasking, seed: 2 }));
      expect(result.answerText).toBe(VOCAB.decode(Array.from(ref.result.generated)));
    }
  });

  it('remasking-quality scores both rules on the same held-out tasks and story openings', async () => {
    const before = tf.memory().numTensors;
    const { progress: steps, result } = await drainAll(runRemaskingQuality({ count: 3, tokensPerStep: 2, seed: 1 }, publicContext));
    expect(tf.memory().numTensors).toBe(before);
    expect(steps).toHaveLength(12);
    expect(result.rules.map((r) => [r.tasks, r.stories])).toEqual([[3, 3], [3, 3]]);
    console.log(result.instances.map((i) => `${i.kind} ${i.remasking}: ${i.prompt} -> ${JSON.stringify(i.answer)} ${i.correct}`).join('\n'));
    console.log(`remasking quality (3 prompts): ${result.rules.map((r) => `${r.remasking} exact ${r.accuracy} chars ${r.characterAccuracy.toFixed(3)} stories ${r.storyValidity.toFixed(2)}`).join('; ')}`);
    await expect(runRemaskingQuality({ count: 0, tokensPerStep: 1, seed: 1 }, publicContext).next()).rejects.toThrow(/count must be an integer in \[1, 32\]/);
    await expect(runRemaskingQuality({ count: 2, tokensPerStep: 5, seed: 1 }, publicContext).next()).rejects.toThrow(/tokensPerStep must be 1, 2, 3 or 4/);
  });
});
