/**
 * Task accuracy of a trained model on held-out prompts: greedy decoding for the autoregressive
 * model, simple low-confidence unmasking (one token per step, most confident first; blockwise
 * left to right for BD3) for the diffusion models. Full recompute each step: slow but simple; the
 * cached decoders live in lib/dllm.
 */
import * as tf from '@/lib/tensor/tf';
import { encodeBatch, SEQ_LEN, type Example, type ExampleKind } from '@/lib/data/text/corpus';
import { EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { scoreTaskAnswer } from '@/lib/data/text/validator';
import type { SequenceModel } from '@/lib/models/transformer/types';

export interface AccuracyReport {
  /** Exact-match accuracy per task kind present in the examples. */
  byTask: Partial<Record<ExampleKind, number>>;
  overall: number;
  count: number;
}

/** Argmax and its probability at every position, [MASK] excluded. */
async function predict(model: SequenceModel, tokens: Int32Array, batch: number, len: number): Promise<{ arg: Int32Array; conf: Float32Array }> {
  const positions = Int32Array.from({ length: len }, (_, i) => i);
  const [argT, confT] = tf.tidy(() => {
    const out = model.forward({ tokens: tf.tensor2d(tokens, [batch, len], 'int32'), positions });
    const bias = new Float32Array(model.config.vocabSize);
    bias[MASK_ID] = -1e9;
    const probs = tf.softmax(tf.add(out.logits, tf.tensor1d(bias))); // [batch, len, vocab]
    return [tf.argMax(probs, -1), tf.max(probs, -1)];
  });
  const arg = new Int32Array(await argT.data());
  const conf = new Float32Array(await confT.data());
  tf.dispose([argT, confT]);
  return { arg, conf };
}

/** Evaluation canvases are the corpus length (every example fits), even for models that see further. */
function evalCanvasLength(model: SequenceModel): number {
  return Math.min(model.config.maxLen, SEQ_LEN);
}

/** The answer text in a decoded row: from answerStart up to [EOS], [PAD] or a leftover [MASK]. */
function readAnswer(tokens: Int32Array, start: number, end: number): string {
  const ids: number[] = [];
  for (let i = start; i < end; i++) {
    const id = tokens[i];
    if (id === EOS_ID || id === PAD_ID || id === MASK_ID) break;
    ids.push(id);
  }
  return VOCAB.decode(ids);
}

/** Greedy answers of a causal model, decoding all prompts together. */
export async function greedyAnswers(model: SequenceModel, examples: readonly Example[], maxNew = 12): Promise<string[]> {
  const enc = encodeBatch(examples.map((e) => ({ ...e, answer: '' })), evalCanvasLength(model));
  const { batch, seqLen: L } = enc;
  const tokens = enc.tokens.map((id) => (id === EOS_ID ? PAD_ID : id));
  const cursor = Int32Array.from(enc.answerStart);
  const done = new Uint8Array(batch);
  for (let s = 0; s < maxNew && done.some((d) => !d); s++) {
    const { arg } = await predict(model, tokens, batch, L);
    for (let b = 0; b < batch; b++) {
      if (done[b] || cursor[b] >= L) { done[b] = 1; continue; }
      const next = arg[b * L + cursor[b] - 1];
      tokens[b * L + cursor[b]] = next;
      cursor[b]++;
      if (next === EOS_ID) done[b] = 1;
    }
  }
  return examples.map((_, b) => readAnswer(tokens, b * L + enc.answerStart[b], b * L + cursor[b]));
}

/**
 * Low-confidence unmasking: genLength masks after the prompt ([PAD] after them), one token per step,
 * the most confident masked position first. With blockSize, only the leftmost block that still has
 * masks may be decoded (BD3: blocks left to right).
 */
export async function lowConfidenceAnswers(model: SequenceModel, examples: readonly Example[], genLength = 12, blockSize?: number): Promise<string[]> {
  const enc = encodeBatch(examples.map((e) => ({ ...e, answer: '' })), evalCanvasLength(model));
  const { batch, seqLen: L } = enc;
  const tokens = new Int32Array(enc.tokens.length).fill(PAD_ID);
  for (let b = 0; b < batch; b++) {
    const start = enc.answerStart[b];
    tokens.set(enc.tokens.subarray(b * L, b * L + start), b * L);
    for (let i = start; i < Math.min(L, start + genLength); i++) tokens[b * L + i] = MASK_ID;
  }
  for (let s = 0; s < genLength; s++) {
    const { arg, conf } = await predict(model, tokens, batch, L);
    for (let b = 0; b < batch; b++) {
      let firstBlock = Infinity;
      if (blockSize) {
        for (let i = 0; i < L; i++) if (tokens[b * L + i] === MASK_ID) { firstBlock = Math.floor(i / blockSize); break; }
      }
      let best = -1;
      for (let i = 0; i < L; i++) {
        if (tokens[b * L + i] !== MASK_ID) continue;
        if (blockSize && Math.floor(i / blockSize) !== firstBlock) continue;
        if (best < 0 || conf[b * L + i] > conf[b * L + best]) best = i;
      }
      if (best >= 0) tokens[b * L + best] = arg[b * L + best];
    }
  }
  return examples.map((_, b) => readAnswer(tokens, b * L + enc.answerStart[b], b * L + L));
}

/** Exact-match accuracy of answers against the task prompts (stories are skipped). */
export function scoreAnswers(examples: readonly Example[], answers: readonly string[]): AccuracyReport {
  const hits: Partial<Record<ExampleKind, [number, number]>> = {};
  let right = 0;
  let count = 0;
  examples.forEach((ex, i) => {
    if (ex.kind === 'story') return;
    const score = scoreTaskAnswer(ex.prompt, answers[i]);
    const h = (hits[ex.kind] ??= [0, 0]);
    h[0] += score;
    h[1]++;
    right += score;
    count++;
  });
  const byTask: Partial<Record<ExampleKind, number>> = {};
  for (const [kind, [r, n]] of Object.entries(hits) as [ExampleKind, [number, number]][]) byTask[kind] = r / n;
  return { byTask, overall: count ? right / count : 0, count };
}
