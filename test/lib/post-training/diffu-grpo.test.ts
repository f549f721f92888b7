import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { isValidSequence, KNOWN_LANGUAGE, knownLanguageVocab } from '@/lib/data/known-language';
import { checkDiffuGrpoConfig, defaultDiffuGrpoConfig } from '@/lib/post-training/diffu-grpo';
import { MIRROR_TASK, mirrorPrompts, mirrorRewards, repeatPrompts } from '@/lib/post-training/mirror-task';
import { runDiffuGrpoTrainJob, type DiffuGrpoProgress, type DiffuGrpoResult } from '@/lib/post-training/rl-job';
import { runTestTimeJob } from '@/lib/post-training/test-time-job';
import type { ScalingPoint } from '@/lib/post-training/test-time';

const V = knownLanguageVocab(KNOWN_LANGUAGE);

/** Serves public/ from disk, as the worker's fetchBytes serves the site. */
const context = {
  async fetchBytes(url: string) {
    const b = fs.readFileSync(path.join('public', url));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
};

describe('the mirror task', () => {
  it('reveals the asked number of letters plus the separator and end, taken from a real sequence', () => {
    const p = mirrorPrompts(16, 'heldout', MIRROR_TASK, createRng(1));
    for (let r = 0; r < p.count; r++) {
      const given = p.given.subarray(r * V.length, (r + 1) * V.length);
      expect(given.reduce((a, b) => a + b, 0)).toBe(MIRROR_TASK.reveal + 2);
      expect(isValidSequence(p.source.subarray(r * V.length, (r + 1) * V.length))).toBe(true);
    }
    // the source completes its own prompt: reward 1
    expect(Array.from(mirrorRewards(p.source, p))).toEqual(new Array(16).fill(1));
  });

  it('gives reward 0 to a completion that breaks the mirror or changes a revealed letter', () => {
    const p = mirrorPrompts(1, 'train', MIRROR_TASK, createRng(2));
    const broken = Int32Array.from(p.source);
    broken[0] = (broken[0] + 1) % KNOWN_LANGUAGE.letters; // the mirror no longer matches
    expect(mirrorRewards(broken, p)[0]).toBe(0);
    const first = p.given.indexOf(1);
    const changed = Int32Array.from(p.source);
    changed[first] = (changed[first] + 1) % KNOWN_LANGUAGE.letters;
    changed[2 * KNOWN_LANGUAGE.promptLength - first] = changed[first]; // still a valid sequence, but not this prompt's
    if (first < KNOWN_LANGUAGE.promptLength) expect(mirrorRewards(changed, p)[0]).toBe(0);
  });

  it('repeats prompts group by group', () => {
    const p = mirrorPrompts(2, 'train', MIRROR_TASK, createRng(3));
    const g = repeatPrompts(p, 3);
    expect(g.count).toBe(6);
    expect(Array.from(g.tokens.subarray(2 * V.length, 3 * V.length))).toEqual(Array.from(p.tokens.subarray(0, V.length)));
    expect(Array.from(g.tokens.subarray(3 * V.length, 4 * V.length))).toEqual(Array.from(p.tokens.subarray(V.length, 2 * V.length)));
  });

  it('rejects a config that cannot form groups', () => {
    expect(() => checkDiffuGrpoConfig(defaultDiffuGrpoConfig({ groupSize: 1 }))).toThrow(/groupSize must be at least 2/);
    expect(() => checkDiffuGrpoConfig(defaultDiffuGrpoConfig({ task: { reveal: 3, tokensPerStep: 0 } }))).toThrow(/tokensPerStep must be an integer/);
  });
});

describe('diffu-GRPO on the shipped known-language MDLM', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('raises held-out accuracy in 20 steps from a fixed seed, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const job = runDiffuGrpoTrainJob({ steps: 20, init: { kind: 'pretrained', objective: 'mdlm' }, seed: 1, evalEvery: 20, heldoutCount: 256 }, context);
    const progress: DiffuGrpoProgress[] = [];
    let result: DiffuGrpoResult;
    for (;;) {
      const next = await job.next();
      if (next.done) { result = next.value; break; }
      progress.push(next.value);
    }
    expect(progress[0].step).toBe(0);
    expect(progress[0].heldout).toBe(result.before);
    expect(progress).toHaveLength(21);
    // the shipped model at 4 tokens per pass completes about half the held-out prompts correctly
    expect(result.before).toBeGreaterThan(0.3);
    expect(result.before).toBeLessThan(0.65);
    // 256 prompts: a gain of 0.1 is several standard errors (about 0.03 each)
    expect(result.after - result.before).toBeGreaterThan(0.1);
    expect(Object.keys(result.weights.weights).length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    console.log(`diffu-GRPO 20 steps: held-out ${result.before} -> ${result.after} in ${result.seconds.toFixed(1)} s`);
  }, 240_000);

  it('rejects a bad step count and a SEDD starting point', async () => {
    await expect(runDiffuGrpoTrainJob({ steps: 0, init: { kind: 'pretrained', objective: 'mdlm' } }, context).next()).rejects.toThrow(/steps must be an integer in \[1, 2000\]/);
    await expect(runDiffuGrpoTrainJob({ steps: 1, init: { kind: 'pretrained', objective: 'sedd' } }, context).next()).rejects.toThrow(/diffu-GRPO needs the MDLM/);
  });
});

describe('test-time scaling on the mirror task', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('buys accuracy with passes: best-of-N and remasking rise with their knob, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const job = runTestTimeJob({ source: { kind: 'pretrained', objective: 'mdlm' }, count: 96, seed: 4 }, context);
    let points: ScalingPoint[];
    for (;;) {
      const next = await job.next();
      if (next.done) { points = next.value; break; }
    }
    const of = (m: ScalingPoint['method']) => points.filter((p) => p.method === m);
    const best = of('best-of-n');
    expect(best.map((p) => p.passes)).toEqual([3, 6, 12, 24]); // 11 masked tokens at 4 per pass: 3 passes per completion
    expect(best[3].accuracy).toBeGreaterThan(best[0].accuracy + 0.2);
    const remask = of('remask');
    expect(remask[0].passes).toBe(3);
    expect(remask.at(-1)!.accuracy).toBeGreaterThan(remask[0].accuracy + 0.2);
    expect(of('more-steps').map((p) => p.passes)).toEqual([3, 6, 11]);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
