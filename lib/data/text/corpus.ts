/**
 * The synthetic text corpus all three language models train on: short stories and exact-answer
 * tasks, each example = [BOS] prompt answer [EOS] [PAD]... in a fixed-length sequence.
 * Train and held-out sets are split by a hash of the example text, so they never share an instance
 * whatever the seeds or sizes.
 */
import { createRng, type Rng } from '@/lib/math/rng';
import { BOS_ID, EOS_ID, PAD_ID, VOCAB } from './tokenizer';
import { generateStory } from './stories';
import { generateTask, TASK_NAMES, type TaskName } from './tasks';

export type ExampleKind = 'story' | TaskName;
export const EXAMPLE_KINDS: readonly ExampleKind[] = ['story', ...TASK_NAMES];

export interface Example {
  kind: ExampleKind;
  /** Given to the model (empty for stories: the whole story is generated). */
  prompt: string;
  /** What the model must produce after the prompt. */
  answer: string;
}

export type Split = 'train' | 'heldout';

/** Sequence length of every model: [BOS] + prompt + answer + [EOS] fits in it. */
export const SEQ_LEN = 64;

/** Share of each kind in a generated set (sums to 1; a missing kind is never drawn). */
export type ExampleMix = Readonly<Partial<Record<ExampleKind, number>>>;

/** The corpus of the v1-v3 models and of the pretraining stage: stories and the four short tasks. */
export const DEFAULT_MIX: ExampleMix = {
  story: 0.4, add: 0.15, rev: 0.15, sort: 0.15, kv: 0.15, copy: 0, stretch: 0,
};

/** Longest example of each kind in tokens ([BOS] + prompt + answer + [EOS]). */
/** Longest example (tokens) any kind of the mix can produce. */
export function maxTokensOfMix(mix: ExampleMix): number {
  return Math.max(...EXAMPLE_KINDS.filter((k) => (mix[k] ?? 0) > 0).map((k) => MAX_TOKENS[k]));
}

export const MAX_TOKENS: Readonly<Record<ExampleKind, number>> = {
  story: SEQ_LEN, add: 18, rev: 23, sort: 24, kv: 28, copy: 46 + 42, stretch: 39 + 242,
};

/** Fraction of all possible instances that belong to the held-out split. */
export const HELDOUT_FRACTION = 0.1;

/** FNV-1a 32-bit hash of a string: stable across runs and platforms. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Which split an example belongs to, decided by its full text alone. */
export function splitOf(example: Example): Split {
  return hashText(example.prompt + example.answer) % 1000 < HELDOUT_FRACTION * 1000 ? 'heldout' : 'train';
}

/** A mix's shares must sum to 1: the draw walks cumulative shares, so a larger sum starves the last kinds. */
export function checkMix(mix: ExampleMix): ExampleMix {
  const total = EXAMPLE_KINDS.reduce((s, k) => s + (mix[k] ?? 0), 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`mix shares must sum to 1, got ${total} (${JSON.stringify(mix)})`);
  return mix;
}

function sampleKind(rng: Rng, mix: ExampleMix): ExampleKind {
  const u = rng.next();
  let acc = 0;
  for (const kind of EXAMPLE_KINDS) {
    acc += mix[kind] ?? 0;
    if (u < acc) return kind;
  }
  return EXAMPLE_KINDS[EXAMPLE_KINDS.length - 1];
}

export function generateExample(kind: ExampleKind, rng: Rng): Example {
  if (kind === 'story') return { kind, prompt: '', answer: generateStory(rng) };
  const t = generateTask(kind, rng);
  return { kind, prompt: t.prompt, answer: t.answer };
}

export interface CorpusOptions {
  seed: number;
  count: number;
  split: Split;
  mix?: ExampleMix;
}

/** `count` examples of one split, drawn from the grammar and task generators by the seeded RNG. */
export function generateExamples(options: CorpusOptions): Example[] {
  const { seed, count, split } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateExamples: count must be a non-negative integer, got ${count}`);
  if (split !== 'train' && split !== 'heldout') throw new Error(`generateExamples: split must be 'train' or 'heldout', got ${String(split)}`);
  const mix = checkMix(options.mix ?? DEFAULT_MIX);
  const rng = createRng(seed);
  const out: Example[] = [];
  let tries = 0;
  while (out.length < count) {
    if (++tries > count * 1000 + 10_000) throw new Error(`generateExamples: could not draw ${count} ${split} examples`);
    const ex = generateExample(sampleKind(rng, mix), rng);
    if (splitOf(ex) === split) out.push(ex);
  }
  return out;
}

/** An endless stream of examples of one split (for training without a fixed set). */
export function exampleStream(seed: number, split: Split, mix: ExampleMix = DEFAULT_MIX): () => Example {
  checkMix(mix);
  const rng = createRng(seed);
  return () => {
    for (;;) {
      const ex = generateExample(sampleKind(rng, mix), rng);
      if (splitOf(ex) === split) return ex;
    }
  };
}

export interface EncodedExample {
  /** [BOS] prompt answer [EOS] [PAD]..., length seqLen. */
  tokens: Int32Array;
  /** Index of the first answer token (1 + prompt length: [BOS] comes first). */
  answerStart: number;
  /** Number of real tokens including [BOS] and [EOS]. */
  length: number;
}

export function encodeExample(example: Example, seqLen = SEQ_LEN): EncodedExample {
  const ids = [BOS_ID, ...VOCAB.encode(example.prompt), ...VOCAB.encode(example.answer), EOS_ID];
  if (ids.length > seqLen) {
    throw new Error(`encodeExample: example needs ${ids.length} tokens, more than seqLen ${seqLen}: ${JSON.stringify(example.prompt + example.answer)}`);
  }
  const tokens = new Int32Array(seqLen).fill(PAD_ID);
  tokens.set(ids);
  return { tokens, answerStart: 1 + example.prompt.length, length: ids.length };
}

export interface EncodedBatch {
  /** [batch * seqLen], row-major. */
  tokens: Int32Array;
  answerStart: Int32Array;
  length: Int32Array;
  batch: number;
  seqLen: number;
}

export function encodeBatch(examples: readonly Example[], seqLen = SEQ_LEN): EncodedBatch {
  if (examples.length === 0) throw new Error('encodeBatch: examples must not be empty');
  const batch = examples.length;
  const tokens = new Int32Array(batch * seqLen);
  const answerStart = new Int32Array(batch);
  const length = new Int32Array(batch);
  examples.forEach((ex, b) => {
    const enc = encodeExample(ex, seqLen);
    tokens.set(enc.tokens, b * seqLen);
    answerStart[b] = enc.answerStart;
    length[b] = enc.length;
  });
  return { tokens, answerStart, length, batch, seqLen };
}
