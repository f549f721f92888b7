/**
 * Cases for lessons 02-06, with expected values from the library itself (lib/diffusion/gaussian):
 * qSampleArray, ddpmStep, the Gaussian eps oracle turned into a score, ddimStep, guidedEps.
 * The tensor functions run in tf.tidy and are read back with await data().
 */
import * as tf from '@/lib/tensor/tf';
import { createRng, type Rng } from '@/lib/math/rng';
import { linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { qSampleArray } from '@/lib/diffusion/gaussian/forward';
import { ddpmStep } from '@/lib/diffusion/gaussian/ddpm';
import { ddimStep } from '@/lib/diffusion/gaussian/ddim';
import { gaussianEpsOracle } from '@/lib/diffusion/gaussian/oracles';
import { scoreFromEps } from '@/lib/diffusion/gaussian/score';
import { guidedEps } from '@/lib/diffusion/gaussian/guidance';
import { normals, plain, type ExerciseCases } from './shared';

const schedule = linearSchedule();
const DIM = 4;
// float32 tensors against the reader's float64: 1e-5 relative is a few float32 ulps.
const TOLERANCE = { tolerance: 1e-5 };

async function read(t: tf.Tensor): Promise<number[]> {
  try {
    return plain(await t.data());
  } finally {
    t.dispose();
  }
}

const row = (v: number[]) => tf.tensor2d(v, [1, v.length]);

export function noisyAtCases(): ExerciseCases {
  const rng = createRng(202);
  return {
    compare: TOLERANCE,
    cases: [0, 1, 10, 250, 500, 999, 1000].map((t) => {
      const x0 = normals(rng, DIM), eps = normals(rng, DIM);
      const expected = plain(qSampleArray(schedule, Float32Array.from(x0), t, Float32Array.from(eps), DIM));
      return { args: [x0, eps, t], expected, label: `t = ${t}, x0 [${x0.join(', ')}], eps [${eps.join(', ')}]` };
    }),
  };
}

export async function ddpmStepCases(): Promise<ExerciseCases> {
  const rng = createRng(303);
  const cases = [];
  for (const t of [1000, 700, 300, 50, 2, 1]) {
    const x = normals(rng, DIM), eps = normals(rng, DIM), z = normals(rng, DIM);
    const expected = await read(tf.tidy(() => ddpmStep(schedule, row(x), t, row(eps), row(z), 'posterior')));
    cases.push({ args: [x, eps, z, t], expected, label: `t = ${t}${t === 1 ? ' (the last step)' : ''}, x [${x.join(', ')}]` });
  }
  return { compare: TOLERANCE, cases };
}

export async function gaussianScoreCases(): Promise<ExerciseCases> {
  const rng = createRng(404);
  const cases = [];
  for (const t of [1, 20, 200, 600, 1000]) {
    const x = normals(rng, DIM), mean = normals(rng, DIM, 2);
    const std = normals(rng, DIM, 0.3).map((s) => Math.round((Math.abs(s) + 0.2) * 1000) / 1000);
    const oracle = gaussianEpsOracle(schedule, mean, std);
    const expected = await read(tf.tidy(() => scoreFromEps(schedule, oracle(row(x), t), t)));
    cases.push({ args: [x, t, mean, std], expected, label: `t = ${t}, mean [${mean.join(', ')}], std [${std.join(', ')}]` });
  }
  return { compare: { tolerance: 1e-4 }, cases };
}

export async function ddimStepCases(): Promise<ExerciseCases> {
  const rng = createRng(505);
  const cases = [];
  for (const [t, tPrev] of [[1000, 980], [500, 400], [200, 100], [100, 0], [2, 1]]) {
    const x = normals(rng, DIM), eps = normals(rng, DIM);
    const expected = await read(tf.tidy(() => ddimStep(schedule, row(x), t, tPrev, row(eps), 0, null)));
    cases.push({ args: [x, eps, t, tPrev], expected, label: `a jump from t = ${t} to ${tPrev}` });
  }
  return { compare: { tolerance: 1e-4 }, cases };
}

export async function guidedEpsCases(): Promise<ExerciseCases> {
  const rng: Rng = createRng(606);
  const cases = [];
  for (const w of [0, 1, 3, 0.5, 7.5]) {
    const u = normals(rng, DIM), c = normals(rng, DIM);
    const expected = await read(tf.tidy(() => guidedEps(row(u), row(c), w)));
    cases.push({ args: [u, c, w], expected, label: `w = ${w}${w === 0 ? ' (must give epsUncond)' : w === 1 ? ' (must give epsCond)' : ''}` });
  }
  return { compare: TOLERANCE, cases };
}
