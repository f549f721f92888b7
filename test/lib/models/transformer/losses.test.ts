import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { encodeBatch } from '@/lib/data/text/corpus';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import {
  autoregressiveTargets, blockDiffusionTargets, lowDiscrepancyTimes, maskedDiffusionTargets, weightedCrossEntropy,
} from '@/lib/models/transformer/losses';

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

describe('language model losses', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('weighted cross-entropy matches a hand computation, with and without [MASK] in the softmax', async () => {
    const before = tf.memory().numTensors;
    // vocab 5 (id 1 is [MASK]); row 0 uniform logits, row 1 logits [1, 2, 3, 0, 0]
    const logits = tf.tensor3d([[[0, 0, 0, 0, 0], [1, 2, 3, 0, 0]]]);
    const t = { targets: Int32Array.of(4, 2), weights: Float32Array.of(2, 0.5), normalizer: 3, outLen: 2 };
    const withMask = (2 * Math.log(5) + 0.5 * -Math.log(Math.exp(3) / (Math.E + Math.exp(2) + Math.exp(3) + 2))) / 3;
    const noMask = (2 * Math.log(4) + 0.5 * -Math.log(Math.exp(3) / (Math.E + Math.exp(3) + 2))) / 3;
    expect(await scalar(weightedCrossEntropy(logits, t, false))).toBeCloseTo(withMask, 5);
    expect(await scalar(weightedCrossEntropy(logits, t, true))).toBeCloseTo(noMask, 5);
    // only the first outLen positions are scored
    expect(await scalar(weightedCrossEntropy(logits, { ...t, targets: Int32Array.of(0), weights: Float32Array.of(1), normalizer: 1, outLen: 1 }, false))).toBeCloseTo(Math.log(5), 5);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the AR loss predicts each next token and counts only answer tokens and [EOS]', () => {
    const batch = encodeBatch([{ kind: 'rev', prompt: 'ab', answer: 'c' }], 8);
    const [a, b, c] = VOCAB.encode('abc');
    expect(Array.from(batch.tokens)).toEqual([BOS_ID, a, b, c, EOS_ID, PAD_ID, PAD_ID, PAD_ID]);
    const t = autoregressiveTargets(batch);
    expect(t.outLen).toBe(7);
    expect(Array.from(t.inputs)).toEqual([BOS_ID, a, b, c, EOS_ID, PAD_ID, PAD_ID]);
    expect(Array.from(t.targets)).toEqual([a, b, c, EOS_ID, PAD_ID, PAD_ID, PAD_ID]);
    expect(Array.from(t.weights)).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(t.normalizer).toBe(2);
  });

  it('the MDLM loss with uniform logits is (1/t) * masked count * log(V - 1) / region size', async () => {
    const before = tf.memory().numTensors;
    const L = 16;
    const batch = encodeBatch([{ kind: 'add', prompt: 'add:1+2=', answer: '3' }, { kind: 'story', prompt: '', answer: 'mia smiled.' }], L);
    const region = (L - 9) + (L - 1);
    // t = 1 masks the whole region; the prompt (and [BOS]) stay clean
    const all = maskedDiffusionTargets(batch, createRng(1), [1, 1]);
    expect(all.normalizer).toBe(region);
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < L; i++) {
        const inRegion = i >= batch.answerStart[b];
        expect(all.inputs[b * L + i]).toBe(inRegion ? MASK_ID : batch.tokens[b * L + i]);
        expect(all.weights[b * L + i]).toBe(inRegion ? 1 : 0);
      }
    }
    const V = VOCAB.size;
    const logits = tf.zeros([2, L, V]) as tf.Tensor3D;
    expect(await scalar(weightedCrossEntropy(logits, all))).toBeCloseTo(Math.log(V - 1), 5);
    // t = 0.5: weight 2 on each masked token
    const half = maskedDiffusionTargets(batch, createRng(2), [0.5, 0.5]);
    const masked = Array.from(half.inputs).filter((id) => id === MASK_ID).length;
    expect(masked).toBeGreaterThan(0);
    expect(Array.from(half.weights).filter((w) => w > 0).every((w) => w === 2)).toBe(true);
    expect(await scalar(weightedCrossEntropy(logits, half))).toBeCloseTo((2 * masked * Math.log(V - 1)) / region, 4);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the BD3 loss input is [x_t ; x_0] with one noise level per block', () => {
    const L = 8;
    const batch = encodeBatch([{ kind: 'story', prompt: '', answer: 'mia r' }], L);
    // blocks of 4: block 0 never masked (t ~ 0), block 1 fully masked (t = 1)
    const t = blockDiffusionTargets(batch, 4, createRng(3), [1e-12, 1]);
    expect(t.positions).toEqual(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]));
    expect(Array.from(t.inputs.slice(0, 4))).toEqual(Array.from(batch.tokens.slice(0, 4)));
    expect(Array.from(t.inputs.slice(4, 8))).toEqual([MASK_ID, MASK_ID, MASK_ID, MASK_ID]);
    expect(Array.from(t.inputs.slice(8))).toEqual(Array.from(batch.tokens));
    expect(Array.from(t.weights)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(t.normalizer).toBe(7); // region: positions 1..7
    expect(t.outLen).toBe(L);
    expect(() => blockDiffusionTargets(batch, 3, createRng(1))).toThrow(/blockSize/);
  });

  it('low-discrepancy times are evenly spaced in (eps, 1)', () => {
    const ts = Array.from(lowDiscrepancyTimes(4, createRng(5), 0.01)).sort((a, b) => a - b);
    ts.forEach((t) => { expect(t).toBeGreaterThanOrEqual(0.01); expect(t).toBeLessThan(1); });
    for (let i = 1; i < 4; i++) expect(ts[i] - ts[i - 1]).toBeCloseTo(0.99 / 4, 6);
  });
});
