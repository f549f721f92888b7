import { exampleStream } from '@/lib/data/text/corpus';

/**
 * Held-out prompts for the race: task instances the models never saw in training (same seed as the
 * benchmark's held-out draw), plus the empty prompt, which asks for a story.
 */
export function heldOutPrompts(count: number, seed = 2026): Array<{ prompt: string; answer: string }> {
  const next = exampleStream(seed, 'heldout');
  const prompts: Array<{ prompt: string; answer: string }> = [];
  const seen = new Set<string>();
  for (let tries = 0; prompts.length < count && tries < 500; tries++) {
    const example = next();
    if (example.kind === 'story' || seen.has(example.prompt)) continue;
    seen.add(example.prompt);
    prompts.push({ prompt: example.prompt, answer: example.answer });
  }
  return [...prompts, { prompt: '', answer: '' }];
}
