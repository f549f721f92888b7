/**
 * Block diffusion decoding driven by an arena rule (lesson 12): the BD3 decoder of ../block.ts
 * (blocks left to right, exact prefix cache, greedy tokens), except that which masked positions
 * to commit on each pass is decided by a function, the reader's or a built-in one. Every return
 * value is validated; a rule that throws or breaks the contract stops decoding with an
 * ArenaRuleError naming the pass.
 */
import type { SequenceModel } from '@/lib/models/transformer/types';
import { BlockPrefixCache } from '../block-prefix-cache';
import { maskedIn } from '../denoise';
import { logSoftmaxRow } from '../sampling';
import { answerOf, blockEndsAnswer, checkIds, checkInt, checkLength, checkModel, checkPrompt, now, type DecodeResult, type DecodeStep, type SpecialIds } from '../types';
import { ArenaRuleError, validateCommits, type ArenaCandidate, type ArenaPass, type ArenaRule } from './rule';

export interface ArenaDecodeOptions {
  ids: SpecialIds;
  maxNewTokens: number;
  rule: ArenaRule;
  /** Text of a token id for the rule's `top` lists (default: the id as a string). */
  tokenText?: (id: number) => string;
  /** How many guesses each candidate lists (default 3). */
  topCount?: number;
}

export interface ArenaDecodeResult extends DecodeResult {
  /** Milliseconds spent inside the rule (included in elapsedMs). */
  ruleMs: number;
}

/** A candidate's view: the top guesses, confidence (of the argmax, mask excluded) and entropy. */
export function describePosition(logits: Float32Array, row: number, vocab: number, maskId: number, topCount: number, text: (id: number) => string, position: number): ArenaCandidate {
  const logp = logSoftmaxRow(logits, row * vocab, vocab, [maskId]);
  let entropy = 0;
  for (const lp of logp) if (lp > -Infinity) entropy -= Math.exp(lp) * lp;
  const order = Array.from({ length: vocab }, (_, v) => v).filter((v) => v !== maskId);
  order.sort((a, b) => logp[b] - logp[a] || a - b);
  const top = order.slice(0, topCount).map((token) => ({ token, text: text(token), prob: Math.exp(logp[token]) }));
  return { position, confidence: top[0].prob, entropy, top };
}

export async function* decodeWithArenaRule(
  model: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: ArenaDecodeOptions,
): AsyncGenerator<DecodeStep, ArenaDecodeResult, void> {
  const fn = 'decodeWithArenaRule';
  checkModel(model, fn);
  const { vocabSize, maxLen, attention, blockSize } = model.config;
  if (attention !== 'block-causal' || !blockSize) throw new Error(`${fn}: model must use 'block-causal' attention with a blockSize, got '${attention}'`);
  if (typeof options?.rule !== 'function') throw new Error(`${fn}: options.rule must be a function (pass) => positions`);
  const ids = checkIds(options.ids, vocabSize, fn);
  const clean = checkPrompt(prompt, vocabSize, ids.maskId, fn);
  const maxNewTokens = checkInt(options.maxNewTokens, 'maxNewTokens', 1, fn);
  checkLength(clean.length, maxNewTokens, maxLen, fn);
  const text = options.tokenText ?? ((id: number) => String(id));
  const topCount = checkInt(options.topCount ?? 3, 'topCount', 1, fn, vocabSize - 1);

  const start = now();
  const promptLength = clean.length;
  const total = promptLength + maxNewTokens;
  const canvas = new Int32Array(total).fill(ids.maskId);
  canvas.set(clean);
  const prefix = new BlockPrefixCache(model);
  let nfe = 0;
  let steps = 0;
  let ruleMs = 0;
  let end = total;
  let stopped = false;
  let block = 0;
  try {
    for (let blockStart = Math.floor(promptLength / blockSize) * blockSize; blockStart < total && !stopped; blockStart += blockSize, block++) {
      const blockEnd = Math.min(blockStart + blockSize, total);
      for (let passInBlock = 0; ; passInBlock++) {
        const open = maskedIn(canvas, blockStart, blockEnd, ids.maskId);
        if (open.length === 0) break;
        const { logits, sliceStart, computed } = await prefix.pass(canvas, blockStart, blockEnd);
        nfe++;
        const candidates = open.map((pos) => describePosition(logits, pos - sliceStart, vocabSize, ids.maskId, topCount, text, pos - promptLength));
        let answer = '';
        for (let i = promptLength; i < total; i++) answer += canvas[i] === ids.maskId ? '_' : text(canvas[i]);
        const pass: ArenaPass = { candidates, block, passInBlock, answer };
        const ruleStart = now();
        let chosen: number[];
        try {
          chosen = validateCommits(options.rule(pass), pass);
        } catch (err) {
          const where = `block ${block}, pass ${passInBlock}`;
          if (err instanceof ArenaRuleError) throw new ArenaRuleError(`${where}: ${err.message}`);
          throw new ArenaRuleError(`${where}: the rule threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        } finally {
          ruleMs += now() - ruleStart;
        }
        const positions = new Int32Array(chosen.length);
        const confidences = new Float32Array(chosen.length);
        chosen.forEach((c, i) => {
          positions[i] = open[c];
          confidences[i] = candidates[c].confidence;
          canvas[open[c]] = candidates[c].top[0].token;
        });
        steps++;
        yield { positionsDecoded: positions, confidences, tokens: canvas.slice(), nfe, elapsedMs: now() - start, cachedUpTo: prefix.cachedUpTo, positionsComputed: computed };
      }
      if (blockEndsAnswer(canvas, blockStart, blockEnd, promptLength, ids)) {
        stopped = true;
        end = blockEnd;
      }
    }
  } finally {
    prefix.dispose();
  }
  const answer = answerOf(canvas, promptLength, end, ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe, elapsedMs: now() - start, ruleMs };
}
