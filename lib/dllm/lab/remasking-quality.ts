/**
 * The 'remasking-quality' worker job (lesson 09): held-out quality of low-confidence vs random
 * remasking on the shipped MDLM model, measured live. For each of N held-out task prompts: exact
 * match and character accuracy; for each of N held-out story openings: whether prompt + completion
 * passes the corpus validator (grammatical and consistent). Same prompts, same steps, both rules.
 */
import { VOCAB } from '@/lib/data/text/tokenizer';
import { checkStory, scoreTaskAnswer } from '@/lib/data/text/validator';
import type { Remasking } from '../denoise';
import { characterAccuracy, heldOutStoryPrefixes, heldOutTaskPrompts } from './heldout-tasks';
import { loadShippedModel } from './shipped-models';
import { RULES, drive, remaskingDecoder, type Context } from './remasking-compare';

export interface RemaskingQualityParams {
  /** Held-out task prompts, and as many story openings (the first N of the fixed held-out draw). */
  count: number;
  /** Tokens revealed per step (1 = one per step, the slowest and most careful). */
  tokensPerStep: number;
  seed: number;
}

/** Answer canvas for tasks (answers are at most 4 characters, plus [EOS]) and for stories. */
export const TASK_GEN_LENGTH = 12;
export const STORY_GEN_LENGTH = 48;

export interface RemaskingInstance {
  kind: 'task' | 'story';
  remasking: Remasking;
  prompt: string;
  /** The expected answer (tasks) or '' (stories: any valid story counts). */
  expected: string;
  answer: string;
  /** Task: exact match. Story: valid by the corpus validator. */
  correct: 0 | 1;
  /** Task: partial credit; story: null. */
  characterAccuracy: number | null;
}

export interface RuleSummary {
  remasking: Remasking;
  /** Exact-match accuracy over the task prompts. */
  accuracy: number;
  /** Mean character accuracy over the task prompts. */
  characterAccuracy: number;
  /** Fraction of valid completed stories. */
  storyValidity: number;
  tasks: number;
  stories: number;
}

export interface RemaskingQualityResult {
  rules: RuleSummary[];
  instances: RemaskingInstance[];
  elapsedMs: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** Aggregates per-instance scores by rule (pure; tested). */
export function summarizeByRule(instances: readonly RemaskingInstance[]): RuleSummary[] {
  return RULES.map((remasking) => {
    const tasks = instances.filter((i) => i.remasking === remasking && i.kind === 'task');
    const stories = instances.filter((i) => i.remasking === remasking && i.kind === 'story');
    return {
      remasking,
      accuracy: mean(tasks.map((i) => i.correct)),
      characterAccuracy: mean(tasks.map((i) => i.characterAccuracy ?? 0)),
      storyValidity: mean(stories.map((i) => i.correct)),
      tasks: tasks.length,
      stories: stories.length,
    };
  });
}

export async function* runRemaskingQuality(params: RemaskingQualityParams, context: Context): AsyncGenerator<RemaskingInstance, RemaskingQualityResult, void> {
  if (!params || !Number.isInteger(params.count) || params.count < 1 || params.count > 32) throw new Error(`remasking-quality: count must be an integer in [1, 32], got ${params?.count}`);
  if (![1, 2, 3, 4].includes(params.tokensPerStep)) throw new Error(`remasking-quality: tokensPerStep must be 1, 2, 3 or 4, got ${params.tokensPerStep}`);
  if (!Number.isInteger(params.seed)) throw new Error(`remasking-quality: seed must be an integer, got ${params.seed}`);
  const model = await loadShippedModel('mdlm', context.fetchBytes);
  const start = performance.now();
  const instances: RemaskingInstance[] = [];
  const decode = async (prompt: string, genLength: number, remasking: Remasking) => {
    const steps = Math.ceil(genLength / params.tokensPerStep);
    const { answerStart, decoder } = remaskingDecoder(model, prompt, { genLength, steps, remasking, seed: params.seed });
    const run = drive(decoder, answerStart);
    let next = await run.next();
    while (!next.done) next = await run.next();
    return VOCAB.decode(Array.from(next.value.generated));
  };
  const tasks = heldOutTaskPrompts(params.count);
  const stories = heldOutStoryPrefixes(params.count);
  for (let i = 0; i < params.count; i++) {
    for (const remasking of RULES) {
      const task = tasks[i];
      const answer = await decode(task.prompt, TASK_GEN_LENGTH, remasking);
      const instance: RemaskingInstance = {
        kind: 'task', remasking, prompt: task.prompt, expected: task.answer, answer,
        correct: scoreTaskAnswer(task.prompt, answer), characterAccuracy: characterAccuracy(answer, task.answer),
      };
      instances.push(instance);
      yield instance;
    }
    for (const remasking of RULES) {
      const prompt = stories[i];
      const answer = await decode(prompt, STORY_GEN_LENGTH, remasking);
      const check = checkStory(prompt + answer);
      const instance: RemaskingInstance = {
        kind: 'story', remasking, prompt, expected: '', answer, correct: check.grammatical && check.consistent ? 1 : 0, characterAccuracy: null,
      };
      instances.push(instance);
      yield instance;
    }
  }
  return { rules: summarizeByRule(instances), instances, elapsedMs: performance.now() - start };
}
