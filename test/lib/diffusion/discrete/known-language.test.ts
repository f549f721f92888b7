import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import { drainAll, publicContext } from '@/test/support/public-files';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { encodeKnownLanguage, posteriorGivenUnmasked, productOfMarginalsValidity, sampleSequences, validityRate } from '@/lib/data/known-language';
import { createTransformer, type Transformer } from '@/lib/models/transformer/model';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import { seddScoresFromLogits, knownLanguageModelConfig, KNOWN_LANGUAGE_VOCAB } from '@/lib/diffusion/discrete/known-language/models';
import { createKnownLanguageTrainer, quickKnownLanguageTrainConfig } from '@/lib/diffusion/discrete/known-language/train';
import { answerAccuracy, decodeKnownLanguageMdlm, generationValidity, learnedMaskedScores, sampleKnownLanguageSedd } from '@/lib/diffusion/discrete/known-language/sample';
import { loadKnownLanguageModel, runKnownLanguageRatiosJob, runKnownLanguageRemaskingJob, runKnownLanguageSampleJob, runKnownLanguageTrainJob } from '@/lib/diffusion/discrete/known-language/jobs';

const { length: LEN, size: K, mask: MASK } = KNOWN_LANGUAGE_VOCAB;


/**
 * A model whose output is the exact log-posterior log P(x0_l = y | unmasked tokens): the decoders
 * and samplers must turn it into valid sequences. (Test code may read tensors synchronously.)
 */
function oracleModel(): Transformer {
  const real = createTransformer(knownLanguageModelConfig(), initTransformerWeights(knownLanguageModelConfig(), 0));
  return {
    ...real,
    forwardMasked({ tokens }) {
      const ids = tokens.dataSync();
      const rows = ids.length / LEN;
      const out = new Float32Array(rows * LEN * K);
      for (let r = 0; r < rows; r++) {
        // Rows made inconsistent by a parallel step (two mirrors that disagree) get flat logits: they are invalid anyway.
        let post: Float64Array;
        try { post = posteriorGivenUnmasked(ids.subarray(r * LEN, (r + 1) * LEN)); } catch { post = new Float64Array(LEN * K).fill(1 / K); }
        for (let i = 0; i < LEN * K; i++) out[r * LEN * K + i] = Math.log(Math.max(post[i], 1e-30));
      }
      return tf.tensor3d(out, [rows, LEN, K]);
    },
  };
}

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('known-language models: scores and decoders', () => {
  it('the SEDD score is exp(h) / (e^sigma - 1), with the [MASK] column 0', () => {
    const h = Float32Array.from({ length: K }, (_, y) => Math.log(0.1 * (y + 1)));
    const s = seddScoresFromLogits(h, 0.4, MASK, K);
    for (let y = 0; y < K; y++) expect(s[y]).toBeCloseTo(y === MASK ? 0 : (0.1 * (y + 1)) / Math.expm1(0.4), 6);
    expect(() => seddScoresFromLogits(h, 0, MASK, K)).toThrow(/sigma/);
  });

  it('with the exact posterior as the model, Tweedie with many steps and one-token-per-step decoding give valid sequences', async () => {
    const oracle = oracleModel();
    try {
      const samples = await sampleKnownLanguageSedd(oracle, { sampler: 'tweedie', steps: 64, count: 12, schedule: 'log-linear', rng: createRng(1) });
      expect(samples.includes(MASK)).toBe(false);
      // 12 samples: each invalid only if two mirror letters unmask in the same one of 64 steps
      expect(validityRate(samples)).toBeGreaterThanOrEqual(10 / 12);
      for (const remasking of ['low-confidence', 'random'] as const) {
        const gen = await generationValidity(oracle, 8, { tokensPerStep: 1, remasking, rng: createRng(2) });
        expect(gen.validity).toBe(1);
        const answers = await answerAccuracy(oracle, sampleSequences(8, 'heldout', createRng(3)), { tokensPerStep: 4, remasking, temperature: 0, rng: createRng(4) });
        expect(answers.exact).toBe(1);
        expect(answers.letters).toBe(1);
      }
      // one step from all-[MASK] draws every position from its marginal: almost never valid
      const oneStep = await sampleKnownLanguageSedd(oracle, { sampler: 'tweedie', steps: 1, count: 12, schedule: 'log-linear', rng: createRng(5) });
      expect(validityRate(oneStep)).toBeLessThan(0.2);
    } finally {
      oracle.dispose();
    }
  });

  it('decoders check their options', async () => {
    const model = createTransformer(knownLanguageModelConfig(), initTransformerWeights(knownLanguageModelConfig(), 0));
    try {
      const x = new Int32Array(LEN).fill(MASK);
      await expect(decodeKnownLanguageMdlm(model, x, { tokensPerStep: 0, remasking: 'random', temperature: 0, rng: createRng(1) })).rejects.toThrow(/tokensPerStep/);
      await expect(decodeKnownLanguageMdlm(model, x, { tokensPerStep: 1, remasking: 'best' as never, temperature: 0, rng: createRng(1) })).rejects.toThrow(/remasking/);
      await expect(sampleKnownLanguageSedd(model, { sampler: 'ddpm' as never, steps: 2, count: 1, schedule: 'log-linear', rng: createRng(1) })).rejects.toThrow(/sampler/);
    } finally {
      model.dispose();
    }
  });
});

describe('known-language models: seeded training', () => {
  for (const objective of ['sedd', 'mdlm'] as const) {
    it(`${objective}: a seeded quick run lowers the held-out loss, repeats exactly, and leaks no tensors`, async () => {
      const before = tf.memory().numTensors;
      const config = quickKnownLanguageTrainConfig(objective, { steps: 40 });
      const trainer = createKnownLanguageTrainer(config);
      const first = await trainer.heldoutLoss();
      const losses: number[] = [];
      try {
        while (trainer.stepsDone < config.steps) losses.push((await trainer.step()).loss);
        const last = await trainer.heldoutLoss();
        console.log(`short ${objective}: held-out ${first.toFixed(3)} -> ${last.toFixed(3)} in 40 steps`);
        expect(last).toBeLessThan(0.8 * first);
      } finally {
        trainer.dispose();
      }
      const again = createKnownLanguageTrainer(config);
      try {
        for (let i = 0; i < 3; i++) expect((await again.step()).loss).toBe(losses[i]);
      } finally {
        again.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('known-language models: the shipped weights', () => {
  it('SEDD: learned ratios are close to the true ones, and samples are valid far above chance', async () => {
    const before = tf.memory().numTensors;
    const { model } = await loadKnownLanguageModel({ kind: 'pretrained', objective: 'sedd' }, publicContext);
    try {
      const x = encodeKnownLanguage('ccc▒ccc|ccc▒ccc.');
      const learned = await learnedMaskedScores(model, x, 0.7);
      const odds = 1 / Math.expm1(0.7);
      expect(learned[3 * K + 2] / odds).toBeGreaterThan(0.6); // truth 0.8
      expect(learned[3 * K + 2] / odds).toBeLessThan(0.95);
      // chance (each position from its true marginal) is 0.2^7 = 1.3e-5; the shipped run recorded ~0.8
      const samples = await sampleKnownLanguageSedd(model, { sampler: 'tweedie', steps: 32, count: 128, schedule: 'log-linear', rng: createRng(11) });
      const validity = validityRate(samples);
      console.log(`shipped short-sedd: validity ${validity} with Tweedie, 32 log-linear steps (chance ${productOfMarginalsValidity().toExponential(2)})`);
      expect(validity).toBeGreaterThan(0.5);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('MDLM: answers given the prompt are right with both rules; generating several tokens per step costs validity', async () => {
    const before = tf.memory().numTensors;
    const { model } = await loadKnownLanguageModel({ kind: 'pretrained', objective: 'mdlm' }, publicContext);
    try {
      const prompts = sampleSequences(128, 'heldout', createRng(21));
      const validity: Record<string, number> = {};
      for (const remasking of ['low-confidence', 'random'] as const) {
        const answers = await answerAccuracy(model, prompts, { tokensPerStep: 2, remasking, temperature: 0, rng: createRng(1) });
        expect(answers.exact).toBeGreaterThan(0.9);
        for (const k of [1, 4]) validity[`${remasking} k=${k}`] = (await generationValidity(model, 128, { tokensPerStep: k, remasking, rng: createRng(2) })).validity;
        // one token per step conditions every commit on all earlier ones; four at a time often breaks the mirror
        expect(validity[`${remasking} k=1`]).toBeGreaterThan(0.9);
        expect(validity[`${remasking} k=4`]).toBeLessThan(validity[`${remasking} k=1`] - 0.2);
      }
      // Reported, not asserted: low-confidence is not better than random at k = 2 or 4 on this model (see lesson 09).
      console.log(`shipped short-mdlm: generation validity ${JSON.stringify(validity)}`);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('known-language models: worker jobs', () => {

  it('train from scratch, then ratios, samples and remasking on the returned weights, without leaks', async () => {
    const before = tf.memory().numTensors;
    const { progress, result } = await drainAll(runKnownLanguageTrainJob({ objective: 'sedd', steps: 6, init: { kind: 'scratch' }, heldoutEvery: 3 }, publicContext));
    expect(progress.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(result.heldout.map(([s]) => s)).toEqual([0, 3, 6]);
    expect(result.losses).toHaveLength(6);
    const source = { kind: 'weights' as const, value: result.weights };
    const ratios = await drainAll(runKnownLanguageRatiosJob({ source, text: 'ab▒▒▒cc|cc▒▒▒ba.', t: 0.5 }, publicContext));
    expect(ratios.result.masked).toEqual([2, 3, 4, 10, 11, 12]);
    expect(ratios.result.learned).toHaveLength(LEN * K);
    const samples = await drainAll(runKnownLanguageSampleJob({ source, steps: [2, 4], count: 4, schedule: 'geometric', seed: 1 }, publicContext));
    expect(samples.progress.map((r) => `${r.sampler}${r.steps}`)).toEqual(['euler2', 'tweedie2', 'euler4', 'tweedie4']);
    const mdlm = await drainAll(runKnownLanguageTrainJob({ objective: 'mdlm', steps: 2, init: { kind: 'scratch' } }, publicContext));
    const quality = await drainAll(runKnownLanguageRemaskingJob({ source: { kind: 'weights', value: mdlm.result.weights }, count: 4, tokensPerStep: 4, seed: 1 }, publicContext));
    expect(quality.result.rows.map((r) => r.remasking)).toEqual(['low-confidence', 'random']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('errors name what is wrong: a missing weights file, an impossible input, a bad objective', async () => {
    const missing = { fetchBytes: async (url: string) => { throw new Error(`404 for ${url}`); } };
    await expect(drainAll(runKnownLanguageSampleJob({ source: { kind: 'pretrained', objective: 'sedd' }, steps: [2], count: 2, schedule: 'geometric', seed: 1 }, missing)))
      .rejects.toThrow(/\/models\/short-sedd\/v1\/manifest\.json/);
    await expect(drainAll(runKnownLanguageRatiosJob({ source: { kind: 'pretrained', objective: 'sedd' }, text: 'abc▒ccc|ccc▒ccc.', t: 0.5 }, publicContext))).rejects.toThrow(/no sequence/);
    await expect(drainAll(runKnownLanguageTrainJob({ objective: 'gpt' as never, steps: 2, init: { kind: 'scratch' } }, publicContext))).rejects.toThrow(/objective/);
    await expect(drainAll(runKnownLanguageTrainJob({ objective: 'mdlm', steps: 2, init: { kind: 'pretrained', objective: 'sedd' } }, publicContext))).rejects.toThrow(/sedd model, not mdlm/);
  });
});
