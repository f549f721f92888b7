/**
 * A tiny story grammar. Short sentences that refer back to characters by name or pronoun, so a
 * lesson can ask whether a model keeps "she" tied to "mia" across a sentence boundary.
 *
 * Reference rule (the validator checks it): a pronoun subject (he/she) refers to the most recently
 * mentioned character and must match that character's gender; a story starts with a name; "it" and
 * "the <object>" need an object introduced earlier with "a <adjective> <object>".
 */
import type { Rng } from '@/lib/math/rng';

export type Gender = 'f' | 'm';

export const STORY_NAMES: Readonly<Record<string, Gender>> = {
  mia: 'f', ava: 'f', zoe: 'f', amy: 'f', eva: 'f', ida: 'f',
  tom: 'm', max: 'm', leo: 'm', ben: 'm', sam: 'm', bob: 'm',
};
export const STORY_PLACES = ['park', 'shop', 'lake', 'zoo', 'farm', 'hill'] as const;
export const STORY_OBJECTS = ['ball', 'kite', 'book', 'cat', 'hat', 'box', 'cup', 'dog'] as const;
export const STORY_ADJECTIVES = ['red', 'blue', 'big', 'small', 'green', 'old'] as const;
export const PRONOUNS: Readonly<Record<Gender, string>> = { f: 'she', m: 'he' };

/** Longest story text; [BOS] + text + [EOS] must fit a 64-token sequence. */
export const MAX_STORY_CHARS = 62;

const NAMES = Object.keys(STORY_NAMES);

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[rng.int(items.length)];
}

/** Subject of a sentence about `name`: the name itself or its pronoun (about half the time). */
function subject(name: string, rng: Rng, allowPronoun: boolean): string {
  return allowPronoun && rng.next() < 0.6 ? PRONOUNS[STORY_NAMES[name]] : name;
}

/**
 * One story of 2-4 sentences, dropping trailing sentences until it fits MAX_STORY_CHARS.
 * Every story is grammatical and consistent by construction (tests run the validator on many).
 */
export function generateStory(rng: Rng): string {
  const a = pick(NAMES, rng);
  let b = pick(NAMES, rng);
  while (b === a) b = pick(NAMES, rng);
  const obj = pick(STORY_OBJECTS, rng);
  const adj = pick(STORY_ADJECTIVES, rng);
  const place = pick(STORY_PLACES, rng);
  const sentences: string[] = [];
  const startsAtPlace = rng.next() < 0.7;
  if (startsAtPlace) {
    sentences.push(`${a} ${rng.next() < 0.5 ? 'went to' : 'was at'} the ${place}.`);
  }
  const verb = rng.next() < 0.5 ? 'saw' : 'found';
  sentences.push(`${subject(a, rng, startsAtPlace)} ${verb} a ${adj} ${obj}.`);
  const thing = rng.next() < 0.5 ? 'it' : `the ${obj}`;
  sentences.push(`${subject(a, rng, true)} gave ${thing} to ${b}.`);
  // After "to b", b is the most recent character, so a pronoun here must be b's.
  sentences.push(`${subject(b, rng, true)} ${rng.next() < 0.5 ? 'smiled' : 'was glad'}.`);
  const count = 2 + rng.int(3);
  const kept = sentences.slice(0, Math.min(count, sentences.length));
  while (kept.length > 1 && kept.join(' ').length > MAX_STORY_CHARS) kept.pop();
  return kept.join(' ');
}
