import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { runCell } from '@/lib/notebook/cell-scope';
import { runCases, type CheckResult } from '@/lib/notebook/check';
import { CODE_EXERCISES } from '@/lib/exercises/code-exercises';
import { exerciseCases } from '@/lib/exercises/cases';
import { temperedTopKProbs } from '@/lib/dllm/sampling-distribution';
import { sampleFromLogProbs, logSoftmaxRow } from '@/lib/dllm/sampling';
import { createMarbleModule } from '@/components/notebook/marble-module';
import { useNodeBackend } from '@/test/support/tf-node';

beforeAll(async () => { await useNodeBackend('wasm'); });

const fromPublic = async (url: string) => {
  const bytes = await readFile(path.join(process.cwd(), 'public', url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

/** Runs `code` as a lesson cell would (marble and tf in scope) and checks it against exercise `id`. */
async function check(id: string, code: string): Promise<CheckResult> {
  const exercise = CODE_EXERCISES[id];
  const scope: Record<string, unknown> = { tf, marble: createMarbleModule(fromPublic) };
  const ran = await runCell(code, scope, 'exercise');
  if (!ran.ok) throw new Error(`${id}: the code did not run: ${ran.error.message}`);
  const { cases, compare } = (await exerciseCases(id))!;
  return runCases(scope[exercise.functionName] as (...a: unknown[]) => unknown, cases, compare);
}

// Exercises of later lessons are tested by their own authors (test/lib/exercises/*).
const LESSONS_00_09 = ['welcome', 'autoregression', 'noise', 'ddpm', 'score', 'ddim', 'guidance', 'discrete', 'sedd', 'masked-diffusion'];

const SCHEDULE = 'const schedule = marble.gaussian.linearSchedule();\n';

/** Typical wrong answers: each must fail, on the case named by `failsOn` (a piece of its label). */
const WRONG: Record<string, Array<{ why: string; code: string; failsOn: string }>> = {
  'forward-passes': [
    { why: 'no rounding', code: 'function forwardPasses(n: number, k: number) { return n / k; }', failsOn: '10 tokens, 3 per step' },
    { why: 'rounds down', code: 'function forwardPasses(n: number, k: number) { return Math.floor(n / k); }', failsOn: '10 tokens, 3 per step' },
  ],
  'top-k-probs': [
    {
      why: 'ignores the temperature',
      code: 'function topKProbs(l: number[], T: number, k: number) { const o = l.map((_, i) => i).sort((a, b) => l[b] - l[a]); const kept = k > 0 ? o.slice(0, k) : o; const p = l.map(() => 0); let s = 0; for (const i of kept) { p[i] = Math.exp(l[i]); s += p[i]; } return p.map((x) => x / s); }',
      failsOn: 'temperature 0.5',
    },
    {
      why: 'forgets to renormalise after the top-k cut',
      code: 'function topKProbs(l: number[], T: number, k: number) { const z = l.reduce((s, x) => s + Math.exp(x / T), 0); const o = l.map((_, i) => i).sort((a, b) => l[b] - l[a]); const kept = new Set(k > 0 ? o.slice(0, k) : o); return l.map((x, i) => (kept.has(i) ? Math.exp(x / T) / z : 0)); }',
      failsOn: 'top 3',
    },
  ],
  'noisy-at': [
    { why: 'uses the one-step alpha', code: SCHEDULE + 'function noisyAt(x0: number[], e: number[], t: number) { const a = schedule.alphas[t]; return x0.map((x, i) => Math.sqrt(a) * x + Math.sqrt(1 - a) * e[i]); }', failsOn: 't = 10' },
    { why: 'forgets the square roots', code: SCHEDULE + 'function noisyAt(x0: number[], e: number[], t: number) { const a = schedule.alphaBars[t]; return x0.map((x, i) => a * x + (1 - a) * e[i]); }', failsOn: 't = 1,' },
  ],
  'ddpm-step': [
    {
      why: 'noise scale sqrt(beta) instead of the posterior variance',
      code: SCHEDULE + 'function ddpmStep(x: number[], e: number[], z: number[], t: number) { const c = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t]; const s = t > 1 ? Math.sqrt(schedule.betas[t]) : 0; return x.map((v, i) => (v - c * e[i]) / Math.sqrt(schedule.alphas[t]) + s * z[i]); }',
      failsOn: 't = 300',
    },
    {
      why: 'adds noise at the last step',
      code: SCHEDULE + 'function ddpmStep(x: number[], e: number[], z: number[], t: number) { const c = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t]; const s = Math.sqrt(schedule.posteriorVariances[t] || schedule.betas[t]); return x.map((v, i) => (v - c * e[i]) / Math.sqrt(schedule.alphas[t]) + s * z[i]); }',
      failsOn: 'the last step',
    },
    {
      why: 'forgets to divide by sqrt(alpha_t)',
      code: SCHEDULE + 'function ddpmStep(x: number[], e: number[], z: number[], t: number) { const c = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t]; const s = t > 1 ? Math.sqrt(schedule.posteriorVariances[t]) : 0; return x.map((v, i) => v - c * e[i] + s * z[i]); }',
      failsOn: 't = 1000',
    },
  ],
  'gaussian-score': [
    { why: 'the score of the clean data, not the noised one', code: 'function gaussianScore(x: number[], t: number, m: number[], s: number[]) { return x.map((v, i) => -(v - m[i]) / (s[i] * s[i])); }', failsOn: 't = 1,' },
    { why: 'forgets to shrink the mean', code: SCHEDULE + 'function gaussianScore(x: number[], t: number, m: number[], s: number[]) { const a = schedule.alphaBars[t]; return x.map((v, i) => -(v - m[i]) / (a * s[i] ** 2 + 1 - a)); }', failsOn: 't = 20' },
    { why: 'wrong sign', code: SCHEDULE + 'function gaussianScore(x: number[], t: number, m: number[], s: number[]) { const a = schedule.alphaBars[t]; return x.map((v, i) => (v - Math.sqrt(a) * m[i]) / (a * s[i] ** 2 + 1 - a)); }', failsOn: 't = 1,' },
  ],
  'ddim-step': [
    {
      why: 'keeps the noise direction of step t',
      code: SCHEDULE + 'function ddimStep(x: number[], e: number[], t: number, tp: number) { const a = schedule.alphaBars[t], ap = schedule.alphaBars[tp]; return x.map((v, i) => Math.sqrt(ap) * (v - Math.sqrt(1 - a) * e[i]) / Math.sqrt(a) + Math.sqrt(1 - a) * e[i]); }',
      failsOn: 'from t = 500 to 400',
    },
    {
      why: 'takes a DDPM mean step whatever the jump',
      code: SCHEDULE + 'function ddimStep(x: number[], e: number[], t: number) { const c = schedule.betas[t] / schedule.sqrtOneMinusAlphaBars[t]; return x.map((v, i) => (v - c * e[i]) / Math.sqrt(schedule.alphas[t])); }',
      failsOn: 'from t = 1000 to 980',
    },
  ],
  'guided-eps': [
    { why: 'the paper\'s (1 + w) convention', code: 'function guidedEps(u: number[], c: number[], w: number) { return c.map((ci, i) => ci + w * (ci - u[i])); }', failsOn: 'w = 0' },
    { why: 'the difference the wrong way round', code: 'function guidedEps(u: number[], c: number[], w: number) { return u.map((ui, i) => ui + w * (ui - c[i])); }', failsOn: 'w = 1' },
  ],
  'absorbing-posterior': [
    { why: 'always returns x0', code: 'function absorbingPosterior(xt: number, x0: number, k: number) { const p = new Array(k).fill(0); p[x0] = 1; return p; }', failsOn: 'x_t is [MASK], early' },
    {
      why: 'forgets beta_t in the weight of x0',
      code: 'function absorbingPosterior(xt: number, x0: number, k: number, b: number, keep: number) { const p = new Array(k).fill(0); if (xt !== k - 1) { p[xt] = 1; return p; } p[x0] = keep; p[k - 1] = 1 - keep; return p; }',
      failsOn: 'x_t is [MASK], early',
    },
  ],
  'score-entropy': [
    {
      why: 'drops the constant term',
      code: 'function scoreEntropyAtMask(s: number[], x0: number, sigma: number) { const r = 1 / Math.expm1(sigma); let t = 0; for (let y = 0; y < s.length - 1; y++) t += y === x0 ? s[y] - r * Math.log(s[y]) : s[y]; return t; }',
      failsOn: 'a random score, sigma 0.5',
    },
    {
      why: 'uses r = e^-sigma',
      code: 'function scoreEntropyAtMask(s: number[], x0: number, sigma: number) { const r = Math.exp(-sigma); let t = 0; for (let y = 0; y < s.length - 1; y++) t += y === x0 ? s[y] - r * Math.log(s[y]) + r * (Math.log(r) - 1) : s[y]; return t; }',
      failsOn: 'a random score, sigma 0.5',
    },
  ],
  'masked-diffusion-loss': [
    { why: 'weights by t instead of 1/t', code: 'function maskedDiffusionLoss(lp: number[][], x0: number[], xt: number[], m: number, t: number) { let s = 0; for (let l = 0; l < x0.length; l++) if (xt[l] === m) s -= lp[l][x0[l]]; return s * t; }', failsOn: 't = 0.5' },
    { why: 'sums every position', code: 'function maskedDiffusionLoss(lp: number[][], x0: number[], xt: number[], m: number, t: number) { let s = 0; for (let l = 0; l < x0.length; l++) s -= lp[l][x0[l]]; return s / t; }', failsOn: 't = 0.5' },
    { why: 'averages instead of summing', code: 'function maskedDiffusionLoss(lp: number[][], x0: number[], xt: number[], m: number, t: number) { let s = 0, n = 0; for (let l = 0; l < x0.length; l++) if (xt[l] === m) { s -= lp[l][x0[l]]; n++; } return n ? s / n / t : 0; }', failsOn: 't = 0.5' },
  ],
};

describe('code exercises', () => {
  it('every exercise of lessons 00-09 has typical wrong answers in this test, at least two, and ordered hints', () => {
    for (const exercise of Object.values(CODE_EXERCISES).filter((e) => LESSONS_00_09.includes(e.lesson))) {
      expect(WRONG[exercise.id]?.length ?? 0, exercise.id).toBeGreaterThanOrEqual(2);
      expect(exercise.hints.length, exercise.id).toBeGreaterThanOrEqual(2);
    }
  });

  for (const exercise of Object.values(CODE_EXERCISES).filter((e) => LESSONS_00_09.includes(e.lesson))) {
    it(`the solution of ${exercise.id} passes every case, without leaking tensors`, async () => {
      await exerciseCases(exercise.id); // built once; building may use tensors, checking must not leak
      const before = tf.memory().numTensors;
      const result = await check(exercise.id, exercise.solution);
      expect(result).toMatchObject({ passed: true });
      expect(tf.memory().numTensors).toBe(before);
    });

    for (const wrong of WRONG[exercise.id] ?? []) {
      it(`${exercise.id} fails a solution that ${wrong.why}, naming the case`, async () => {
        const result = await check(exercise.id, wrong.code);
        expect(result.passed).toBe(false);
        if (result.passed) return;
        expect(result.label).toContain(wrong.failsOn);
        expect(result.message).toMatch(/expected/);
      });
    }
  }

  it('a missing function and a throwing one fail with a clear message, never an exception', async () => {
    const { cases } = (await exerciseCases('ddpm-step'))!;
    expect(await runCases(undefined as never, cases)).toMatchObject({ passed: false, message: 'expected a function to check, got undefined' });
    const thrown = await runCases((() => { throw new Error('not written yet'); }) as (...a: unknown[]) => unknown, cases);
    expect(thrown).toMatchObject({ passed: false, caseIndex: 0, message: 'your code threw Error: not written yet' });
    expect(exerciseCases('no-such-exercise')).toBeNull();
  });

  it('the top-k reference is the distribution lib\'s sampler draws from (its uniform draw swept finely)', () => {
    const logits = [1.2, -0.4, 2.5, 0.3, 2.5, -1.7];
    for (const [temperature, k] of [[1, 0], [0.6, 3], [2, 2]] as const) {
      const expected = temperedTopKProbs(logits, temperature, k);
      const logp = logSoftmaxRow(logits, 0, logits.length);
      const counts = new Array(logits.length).fill(0);
      const N = 100_000;
      for (let i = 0; i < N; i++) {
        const u = (i + 0.5) / N;
        counts[sampleFromLogProbs(logp, temperature, k, { next: () => u, normal: () => 0, int: () => 0, fork() { return this; } })]++;
      }
      counts.forEach((c, v) => expect(Math.abs(c / N - expected[v]), `T ${temperature} k ${k} token ${v}`).toBeLessThan(2e-5));
    }
  });
});
