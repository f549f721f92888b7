import { exampleStream, type ExampleKind } from '@/lib/data/text/corpus';

/** A prompt the race offers, with the canvas it is meant for. */
export interface RacePrompt {
  prompt: string;
  /** The exact answer ('' for a story: any valid story counts). */
  answer: string;
  kind: ExampleKind;
  group: 'long' | 'short';
  /** Tokens to generate: 64, or 256 for the stretch answers that fill it. */
  genLength: number;
}

const FIRST_OF: { kind: ExampleKind; group: RacePrompt['group']; genLength: number; count: number; answerLength?: number }[] = [
  // The default: the shortest copy (24 letters), the long answer today's models get most of right.
  { kind: 'copy', group: 'long', genLength: 64, count: 1, answerLength: 24 },
  { kind: 'copy', group: 'long', genLength: 64, count: 1, answerLength: 40 },
  { kind: 'stretch', group: 'long', genLength: 256, count: 1 },
  { kind: 'add', group: 'short', genLength: 64, count: 1 },
  { kind: 'rev', group: 'short', genLength: 64, count: 1 },
  { kind: 'sort', group: 'short', genLength: 64, count: 1 },
  { kind: 'kv', group: 'short', genLength: 64, count: 1 },
];

/**
 * Held-out prompts for the race (instances no training run saw): long answers first, where parallel
 * decoding pays (the first copy prompt is the default), then one of each short task and the empty
 * prompt, which asks for a story.
 */
export function racePrompts(seed = 2026): RacePrompt[] {
  const out: RacePrompt[] = [];
  for (const { kind, group, genLength, count, answerLength } of FIRST_OF) {
    const next = exampleStream(seed, 'heldout', { [kind]: 1 });
    for (let i = 0, tries = 0; i < count && tries < 1000; tries++) {
      const e = next();
      if (answerLength !== undefined && e.answer.length !== answerLength) continue;
      out.push({ prompt: e.prompt, answer: e.answer, kind, group, genLength });
      i++;
    }
  }
  out.push({ prompt: '', answer: '', kind: 'story', group: 'short', genLength: 64 });
  return out;
}
