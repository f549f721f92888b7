/**
 * Lesson 11's drift heat map: the shipped bidirectional MDLM decodes one held-out prompt with an
 * approximate prefix or dual cache, and at every step the job reports, per layer and position,
 * how far the cached keys/values are from recomputed ones (lib/dllm/cache-drift.ts).
 * The 'cache-drift' worker job.
 */
import { BOS_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { measureCacheDrift, type DriftSummary } from '../cache-drift';
import { loadShippedModel } from '../lab/shipped-models';
import { ARENA_IDS, tokenText } from '../arena/race';
import { checkPromptText, driveDecoder, type JobFiles } from './context';

export interface CacheDriftParams {
  prompt: string;
  cache: 'prefix' | 'dual';
  genLength: number;
  blockLength: number;
}

export interface CacheDriftFrame {
  step: number;
  refreshed: boolean;
  /** [layers][positions] drift, null where the position was not served from the cache. */
  drift: (number | null)[][];
  maxDrift: number;
  /** The canvas as text, one string per position (prompt included). */
  tokens: string[];
  blockStart: number;
  blockEnd: number;
}

export async function* runCacheDrift(params: CacheDriftParams, context: JobFiles): AsyncGenerator<CacheDriftFrame, DriftSummary & { promptLength: number }, void> {
  const prompt = checkPromptText(params?.prompt, 'cache-drift');
  if (params.cache !== 'prefix' && params.cache !== 'dual') throw new Error(`cache-drift: cache must be 'prefix' or 'dual', got ${String(params.cache)}`);
  if (!Number.isInteger(params.genLength) || params.genLength < 4 || params.genLength > 64) throw new Error(`cache-drift: genLength must be an integer in [4, 64], got ${params.genLength}`);
  if (!Number.isInteger(params.blockLength) || params.blockLength < 1 || params.blockLength > params.genLength) throw new Error(`cache-drift: blockLength must be an integer in [1, genLength], got ${params.blockLength}`);
  const model = await loadShippedModel('mdlm', context.fetchBytes);
  const ids = Int32Array.from([BOS_ID, ...VOCAB.encode(prompt)]);
  const layers = model.config.nLayers;
  const decoder = measureCacheDrift(model, ids, { ids: ARENA_IDS, genLength: params.genLength, blockLength: params.blockLength, cache: params.cache });
  const summary = yield* driveDecoder(decoder, (s) => {
    const total = s.tokens.length;
    const drift = Array.from({ length: layers }, (_, l) => Array.from(s.drift.subarray(l * total, (l + 1) * total), (d) => (Number.isNaN(d) ? null : d)));
    return { step: s.step, refreshed: s.refreshed, drift, maxDrift: s.maxDrift, tokens: Array.from(s.tokens, tokenText), blockStart: s.blockStart, blockEnd: s.blockEnd };
  });
  return { ...summary, promptLength: ids.length };
}
