/**
 * Checks generated text against the corpus: is a story grammatical under the story grammar and
 * consistent in who "he"/"she" refers to, and is a task answer exactly right.
 */
import { PRONOUNS, STORY_ADJECTIVES, STORY_NAMES, STORY_OBJECTS, STORY_PLACES, type Gender } from './stories';
import { solveTask } from './tasks';

const alt = (words: readonly string[]) => `(${words.join('|')})`;
const NAME = alt(Object.keys(STORY_NAMES));
const SUBJECT = alt([...Object.keys(STORY_NAMES), 'he', 'she']);
const PLACE = alt(STORY_PLACES);
const OBJECT = alt(STORY_OBJECTS);
const ADJ = alt(STORY_ADJECTIVES);

export type StorySentence =
  | { kind: 'place'; subject: string; place: string }
  | { kind: 'find'; subject: string; adjective: string; object: string }
  | { kind: 'give'; subject: string; thing: string; recipient: string }
  | { kind: 'feel'; subject: string };

const TEMPLATES: { re: RegExp; build: (m: RegExpExecArray) => StorySentence }[] = [
  { re: new RegExp(`^${SUBJECT} (?:went to|was at) the ${PLACE}\\.$`), build: (m) => ({ kind: 'place', subject: m[1], place: m[2] }) },
  { re: new RegExp(`^${SUBJECT} (?:saw|found) a ${ADJ} ${OBJECT}\\.$`), build: (m) => ({ kind: 'find', subject: m[1], adjective: m[2], object: m[3] }) },
  { re: new RegExp(`^${SUBJECT} gave (it|the ${OBJECT}) to ${NAME}\\.$`), build: (m) => ({ kind: 'give', subject: m[1], thing: m[3] ?? 'it', recipient: m[4] }) },
  { re: new RegExp(`^${SUBJECT} (?:smiled|was glad)\\.$`), build: (m) => ({ kind: 'feel', subject: m[1] }) },
];

/** Parses one sentence (with its final period) under the grammar; null when it is not grammatical. */
export function parseStorySentence(sentence: string): StorySentence | null {
  for (const t of TEMPLATES) {
    const m = t.re.exec(sentence);
    if (m) return t.build(m);
  }
  return null;
}

/** Splits a story into sentences ending with '.', keeping the period; trailing text is a sentence too. */
export function splitSentences(text: string): string[] {
  const parts = text.trim().match(/[^.]*\.|[^.]+$/g) ?? [];
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

export interface StoryCheck {
  /** Every sentence parses under the grammar. */
  grammatical: boolean;
  /** Pronouns match the most recently mentioned character, names come first, objects are introduced. */
  consistent: boolean;
  /** One readable reason per problem (empty when both flags are true). */
  errors: string[];
}

const isPronoun = (w: string) => w === 'he' || w === 'she';

/** Checks a whole story: grammar first, then the reference rules sentence by sentence. */
export function checkStory(text: string): StoryCheck {
  const errors: string[] = [];
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { grammatical: false, consistent: false, errors: ['empty story'] };
  const parsed = sentences.map((s, i) => {
    const p = parseStorySentence(s);
    if (!p) errors.push(`sentence ${i + 1} is not grammatical: ${JSON.stringify(s)}`);
    return p;
  });
  const grammatical = errors.length === 0;
  let consistent = true;
  const fail = (msg: string) => { consistent = false; errors.push(msg); };
  let focus: string | null = null; // most recently mentioned character
  const objects = new Set<string>();
  parsed.forEach((p, i) => {
    if (!p) return;
    const n = i + 1;
    let who = p.subject;
    if (isPronoun(p.subject)) {
      if (focus === null) {
        fail(`sentence ${n} uses "${p.subject}" before any character is named`);
      } else if (PRONOUNS[STORY_NAMES[focus] as Gender] !== p.subject) {
        fail(`sentence ${n}: "${p.subject}" refers to ${focus}, who is "${PRONOUNS[STORY_NAMES[focus] as Gender]}"`);
      }
      who = focus ?? p.subject;
    }
    focus = STORY_NAMES[who] ? who : focus;
    if (p.kind === 'find') objects.add(p.object);
    if (p.kind === 'give') {
      if (p.thing === 'it' && objects.size === 0) fail(`sentence ${n} gives "it" before any object is introduced`);
      if (p.thing !== 'it' && !objects.has(p.thing)) fail(`sentence ${n} gives "the ${p.thing}" that was never introduced`);
      if (p.recipient === who) fail(`sentence ${n}: ${who} gives to themself`);
      focus = p.recipient;
    }
  });
  return { grammatical, consistent: grammatical && consistent, errors };
}

/** Exact-match score of a task answer: 1 when it equals the answer computed from the prompt, else 0. */
export function scoreTaskAnswer(prompt: string, answer: string): 0 | 1 {
  const solved = solveTask(prompt);
  if (!solved) throw new Error(`scoreTaskAnswer: prompt is not a task prompt: ${JSON.stringify(prompt)}`);
  return solved.answer === answer ? 1 : 0;
}
