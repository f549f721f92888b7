/**
 * Held-out task prompts for measuring decoding quality in the page, and a partial-credit score.
 * Same draw as the race's prompts (exampleStream(2026, 'heldout')), so every widget asks the model
 * questions it never saw in training.
 */
import { exampleStream } from '@/lib/data/text/corpus';

export interface TaskPrompt {
  prompt: string;
  answer: string;
}

/** The first `count` distinct held-out task instances (stories skipped) of the seeded stream. */
export function heldOutTaskPrompts(count: number, seed = 2026): TaskPrompt[] {
  if (!Number.isInteger(count) || count < 1 || count > 200) throw new Error(`count must be an integer in [1, 200], got ${count}`);
  const next = exampleStream(seed, 'heldout');
  const out: TaskPrompt[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < 20_000; tries++) {
    const example = next();
    if (example.kind === 'story' || seen.has(example.prompt)) continue;
    seen.add(example.prompt);
    out.push({ prompt: example.prompt, answer: example.answer });
  }
  return out;
}

/**
 * Character accuracy: characters equal at the same index, over the longer of the two strings, so a
 * missing or extra character costs as much as a wrong one. 1 for an exact match, 0 for nothing right.
 */
export function characterAccuracy(answer: string, expected: string): number {
  const n = Math.max(answer.length, expected.length);
  if (n === 0) return 1;
  let same = 0;
  for (let i = 0; i < Math.min(answer.length, expected.length); i++) if (answer[i] === expected[i]) same++;
  return same / n;
}

/** Opening characters of held-out stories: the model must finish each into a valid story. */
export function heldOutStoryPrefixes(count: number, prefixLength = 12, seed = 2026): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 200) throw new Error(`count must be an integer in [1, 200], got ${count}`);
  if (!Number.isInteger(prefixLength) || prefixLength < 1) throw new Error(`prefixLength must be a positive integer, got ${prefixLength}`);
  const next = exampleStream(seed, 'heldout');
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < 20_000; tries++) {
    const example = next();
    if (example.kind !== 'story') continue;
    const prefix = example.answer.slice(0, prefixLength);
    if (!out.includes(prefix)) out.push(prefix);
  }
  return out;
}
