/**
 * Lesson 11's cell: a reader's cache-refresh policy measured against Fast-dLLM's prefix and dual
 * caches on held-out task prompts with the shipped MDLM: agreement with the uncached answer and
 * positions computed per answer token. `await marble.caching.measurePolicy(policy, { prompts })`.
 */
import { BOS_ID, VOCAB } from '@/lib/data/text/tokenizer';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { decodeWithRefreshPolicy, type RefreshPolicy } from '../cache-refresh';
import { decodeFastDllm } from '../fast-dllm';
import { heldOutTaskPrompts } from '../lab/heldout-tasks';
import { ARENA_IDS } from '../arena/race';
import { runDecoder, type DecodeResult, type DecodeStep } from '../types';

export interface PolicyRow {
  scheme: string;
  /** Fraction of answer positions equal to the uncached decode. */
  tokenAgreement: number;
  /** Fraction of prompts whose answer equals the uncached one. */
  answerAgreement: number;
  /** Positions run through the model per generated position (lower is cheaper). */
  positionsPerToken: number;
  /** Full passes (refreshes) per prompt. */
  refreshesPerPrompt: number;
  msPerPrompt: number;
}

export interface MeasurePolicyOptions {
  prompts?: number;
  genLength?: number;
  blockLength?: number;
}

async function run(decoder: AsyncGenerator<DecodeStep, DecodeResult, void>, total: number) {
  let positions = 0;
  let refreshes = 0;
  const result = await runDecoder(decoder, (s) => {
    positions += s.positionsComputed ?? 0;
    if ((s.positionsComputed ?? 0) === total) refreshes++;
  });
  return { result, positions, refreshes };
}

export async function measureRefreshPolicy(policy: RefreshPolicy, options: MeasurePolicyOptions, loadMdlm: () => Promise<SequenceModel>): Promise<PolicyRow[]> {
  if (typeof policy !== 'function') throw new Error('marble.caching.measurePolicy: pass your policy, a function (info) => boolean');
  const count = options?.prompts ?? 6;
  const genLength = options?.genLength ?? 32;
  const blockLength = options?.blockLength ?? 8;
  const model = await loadMdlm();
  const schemes = ['no cache', 'prefix (Fast-dLLM)', 'dual (Fast-dLLM)', 'your policy'] as const;
  const tallies = schemes.map(() => ({ same: 0, count: 0, answers: 0, positions: 0, refreshes: 0, ms: 0 }));
  const prompts = heldOutTaskPrompts(count);
  for (const { prompt } of prompts) {
    const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
    const total = ids.length + genLength;
    const base = { ids: ARENA_IDS, genLength, blockLength, rule: { kind: 'steps' as const, perBlock: blockLength } };
    const runs = [
      await run(decodeFastDllm(model, ids, { ...base, cache: 'none' }), total),
      await run(decodeFastDllm(model, ids, { ...base, cache: 'prefix' }), total),
      await run(decodeFastDllm(model, ids, { ...base, cache: 'dual' }), total),
      await run(decodeWithRefreshPolicy(model, ids, { ...base, policy }), total),
    ];
    const reference = runs[0].result;
    runs.forEach((r, i) => {
      const t = tallies[i];
      for (let p = ids.length; p < total; p++) {
        t.count++;
        if (r.result.tokens[p] === reference.tokens[p]) t.same++;
      }
      if (VOCAB.decode(Array.from(r.result.generated)) === VOCAB.decode(Array.from(reference.generated))) t.answers++;
      t.positions += r.positions;
      t.refreshes += r.refreshes;
      t.ms += r.result.elapsedMs;
    });
  }
  return schemes.map((scheme, i) => {
    const t = tallies[i];
    const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      scheme,
      tokenAgreement: round(t.same / t.count),
      answerAgreement: round(t.answers / prompts.length),
      positionsPerToken: round(t.positions / (prompts.length * genLength), 1),
      refreshesPerPrompt: round(t.refreshes / prompts.length, 1),
      msPerPrompt: round(t.ms / prompts.length, 0),
    };
  });
}
