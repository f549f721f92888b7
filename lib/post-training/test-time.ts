/**
 * Test-time scaling on the mirror task (lesson 13's TestTimeCurve): three ways to turn more forward
 * passes into more correct answers, each measured as held-out accuracy against passes per prompt.
 * - more steps: commit fewer tokens per pass (4, 2, 1);
 * - best-of-N with the exact verifier: N independent completions, correct if any one is;
 * - remasking refinement (in the spirit of ReMDM, Wang et al. 2025): while the verifier rejects a
 *   completion, remask `remask` of its generated tokens chosen at random and decode them again, so
 *   a committed token can change (plain masked diffusion never revisits one).
 * Passes are counted per prompt, including the re-decodes; the verifier's own cost is not counted.
 */
import { createRng, type Rng } from '@/lib/math/rng';
import type { Transformer } from '@/lib/models/transformer/model';
import { decodeKnownLanguageMdlm } from '@/lib/diffusion/discrete/known-language/sample';
import { KNOWN_LANGUAGE_VOCAB } from '@/lib/diffusion/discrete/known-language/models';
import { mirrorRewards, repeatPrompts, type MirrorPrompts, type MirrorTaskConfig } from './mirror-task';

export type ScalingMethod = 'more-steps' | 'best-of-n' | 'remask';

export interface ScalingPoint {
  method: ScalingMethod;
  /** The knob: tokens per pass, N, or refinement rounds. */
  knob: number;
  accuracy: number;
  /** Mean forward passes spent per prompt. */
  passes: number;
}

const passesFor = (masked: number, k: number) => Math.ceil(masked / k);

function maskedPerRow(prompts: MirrorPrompts): number {
  return prompts.given.subarray(0, KNOWN_LANGUAGE_VOCAB.length).reduce((a, g) => a + (g ? 0 : 1), 0);
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Accuracy when committing k tokens per pass. */
export async function moreStepsPoint(model: Transformer, prompts: MirrorPrompts, k: number, seed: number): Promise<ScalingPoint> {
  const done = await decodeKnownLanguageMdlm(model, prompts.tokens, { tokensPerStep: k, remasking: 'low-confidence', temperature: 1, rng: createRng(seed) });
  return { method: 'more-steps', knob: k, accuracy: mean(mirrorRewards(done, prompts)), passes: passesFor(maskedPerRow(prompts), k) };
}

/** Best of N sampled completions under the exact verifier. */
export async function bestOfNPoint(model: Transformer, prompts: MirrorPrompts, task: MirrorTaskConfig, n: number, seed: number): Promise<ScalingPoint> {
  const many = repeatPrompts(prompts, n);
  const done = await decodeKnownLanguageMdlm(model, many.tokens, { tokensPerStep: task.tokensPerStep, remasking: 'low-confidence', temperature: 1, rng: createRng(seed) });
  const rewards = mirrorRewards(done, many);
  let solved = 0;
  for (let p = 0; p < prompts.count; p++) if (rewards.subarray(p * n, (p + 1) * n).some((r) => r === 1)) solved++;
  return { method: 'best-of-n', knob: n, accuracy: solved / prompts.count, passes: n * passesFor(maskedPerRow(prompts), task.tokensPerStep) };
}

/** Remask `remask` random generated positions of every rejected row and decode them again, `rounds` times at most. */
export async function remaskPoint(model: Transformer, prompts: MirrorPrompts, task: MirrorTaskConfig, rounds: number, remask: number, seed: number): Promise<ScalingPoint> {
  const len = KNOWN_LANGUAGE_VOCAB.length;
  const rng: Rng = createRng(seed);
  let current = await decodeKnownLanguageMdlm(model, prompts.tokens, { tokensPerStep: task.tokensPerStep, remasking: 'low-confidence', temperature: 1, rng });
  const spent = new Float64Array(prompts.count).fill(passesFor(maskedPerRow(prompts), task.tokensPerStep));
  for (let round = 0; round < rounds; round++) {
    const rewards = mirrorRewards(current, prompts);
    const failing = Array.from(rewards.keys()).filter((r) => rewards[r] === 0);
    if (failing.length === 0) break;
    const input = new Int32Array(failing.length * len);
    failing.forEach((r, i) => {
      const row = current.subarray(r * len, (r + 1) * len);
      input.set(row, i * len);
      const generated = Array.from({ length: len }, (_, l) => l).filter((l) => !prompts.given[r * len + l]);
      for (let j = 0; j < Math.min(remask, generated.length); j++) {
        const pick = j + rng.int(generated.length - j);
        [generated[j], generated[pick]] = [generated[pick], generated[j]];
        input[i * len + generated[j]] = KNOWN_LANGUAGE_VOCAB.mask;
      }
    });
    const redone = await decodeKnownLanguageMdlm(model, input, { tokensPerStep: task.tokensPerStep, remasking: 'low-confidence', temperature: 1, rng });
    current = Int32Array.from(current);
    failing.forEach((r, i) => {
      current.set(redone.subarray(i * len, (i + 1) * len), r * len);
      spent[r] += passesFor(remask, task.tokensPerStep);
    });
  }
  return { method: 'remask', knob: rounds, accuracy: mean(mirrorRewards(current, prompts)), passes: mean(spent) };
}
