/**
 * The benchmark's instance sets: fresh held-out draws that no training run uses. Short answers (the
 * four task families and story prompts) at genLength 64; long answers (copy at genLength 64, stretch
 * at genLength 256, whose answers fill the canvas).
 */
import { generateExamples, type Example } from '@/lib/data/text/corpus';
import { BOS_ID, VOCAB } from '@/lib/data/text/tokenizer';

/** Seeds of the bench's draws; training draws its held-out sets with 7, 8 and 107-507 only. */
export const BENCH_SEEDS = { tasks: 910001, stories: 910002, copy: 910003, stretch: 910004 } as const;

export interface BenchItem {
  kind: 'task' | 'story';
  prompt: Int32Array;
  /** The prompt text (a story's first word). */
  text: string;
  example: Example;
}

export interface BenchSet {
  name: 'tasks' | 'stories' | 'copy' | 'stretch';
  answers: 'short' | 'long';
  genLength: number;
  seed: number;
  items: BenchItem[];
}

const taskItem = (e: Example): BenchItem => ({ kind: 'task', prompt: Int32Array.from([BOS_ID, ...VOCAB.encode(e.prompt)]), text: e.prompt, example: e });

/** A story prompt is its first word (a name): the model writes the rest. */
function storyItem(e: Example): BenchItem {
  const first = `${e.answer.split(' ')[0]} `;
  return { kind: 'story', prompt: Int32Array.from([BOS_ID, ...VOCAB.encode(first)]), text: first, example: e };
}

export function benchSets(flags: { answers: 'short' | 'long' | 'all'; tasks: number; stories: number; copy: number; stretch: number }): BenchSet[] {
  const draw = (seed: number, count: number, mix: Record<string, number>) => generateExamples({ seed, count, split: 'heldout', mix });
  const sets: BenchSet[] = [];
  if (flags.answers !== 'long') {
    sets.push({ name: 'tasks', answers: 'short', genLength: 64, seed: BENCH_SEEDS.tasks, items: draw(BENCH_SEEDS.tasks, flags.tasks, { add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 }).map(taskItem) });
    sets.push({ name: 'stories', answers: 'short', genLength: 64, seed: BENCH_SEEDS.stories, items: draw(BENCH_SEEDS.stories, flags.stories, { story: 1 }).map(storyItem) });
  }
  if (flags.answers !== 'short') {
    sets.push({ name: 'copy', answers: 'long', genLength: 64, seed: BENCH_SEEDS.copy, items: draw(BENCH_SEEDS.copy, flags.copy, { copy: 1 }).map(taskItem) });
    sets.push({ name: 'stretch', answers: 'long', genLength: 256, seed: BENCH_SEEDS.stretch, items: draw(BENCH_SEEDS.stretch, flags.stretch, { stretch: 1 }).map(taskItem) });
  }
  return sets.filter((s) => s.items.length > 0);
}
