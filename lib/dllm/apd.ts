/**
 * APD (adaptive parallel decoding): the dLLM proposes the next W tokens left to right in ONE pass
 * (independent marginals), the small autoregressive twin scores all W in ONE cached pass, and we
 * accept the longest run on which the mixture q ∝ p_D^R · p_AR^(1-R) picks the same token as the
 * dLLM. At the first disagreement the mixture's own token is taken (its prefix is all accepted, so
 * it is valid), so every iteration makes progress. Sampling shares one Gumbel draw per position
 * between proposal and mixture (a coupling), so with temperature > 0 agreement still means "same
 * sample". R = 1 trusts the dLLM alone (accepts all W); R = 0 keeps only what the AR twin agrees with.
 */
import { createRng, type Rng } from '@/lib/math/rng';
import type { KvCache, SequenceModel } from '@/lib/models/transformer/types';
import { appendKv, disposeKv, forwardSlice, sliceKv } from './kv-cache';
import { argmax, logSoftmaxRow } from './sampling';
import {
  answerOf,
  checkIds,
  checkInt,
  checkLength,
  checkModel,
  checkNumber,
  checkPrompt,
  now,
  range,
  type DecodeResult,
  type DecodeStep,
  type SpecialIds,
} from './types';

export interface ApdOptions {
  ids: SpecialIds;
  /** Most tokens to generate (the dLLM's canvas is prompt + maxNewTokens). */
  maxNewTokens: number;
  /** W: most tokens proposed and accepted per iteration (default 8). */
  lookahead?: number;
  /** R in [0, 1]: weight of the dLLM in the mixture (default 0.5). */
  mixtureWeight?: number;
  /** 0 (default) = greedy proposals and mixture; > 0 samples with shared Gumbel noise. */
  temperature?: number;
  seed?: number;
}

export interface ApdStep extends DecodeStep {
  /** dLLM passes so far (nfe = nfeDllm + nfeAr). */
  nfeDllm: number;
  nfeAr: number;
  /** How many of this iteration's proposals were accepted as proposed. */
  acceptedProposals: number;
}

export interface ApdResult extends DecodeResult {
  nfeDllm: number;
  nfeAr: number;
}

function gumbel(rng: Rng, vocab: number): Float64Array {
  const g = new Float64Array(vocab);
  for (let v = 0; v < vocab; v++) g[v] = -Math.log(-Math.log(1 - rng.next() * (1 - 1e-12)));
  return g;
}

function noisyArgmax(logp: Float64Array, temperature: number, g: Float64Array | null): number {
  if (!g) return argmax(logp);
  const s = new Float64Array(logp.length);
  for (let v = 0; v < s.length; v++) s[v] = logp[v] / temperature + g[v];
  return argmax(s);
}

export async function* decodeApd(
  dllm: SequenceModel,
  ar: SequenceModel,
  prompt: Int32Array | readonly number[],
  options: ApdOptions,
): AsyncGenerator<ApdStep, ApdResult, void> {
  const fn = 'decodeApd';
  checkModel(dllm, fn);
  checkModel(ar, fn);
  if (!options || typeof options !== 'object') throw new Error(`${fn}: options are required`);
  if (ar.config.attention !== 'causal') throw new Error(`${fn}: ar must use 'causal' attention, got '${ar.config.attention}'`);
  if (dllm.config.attention === 'causal') throw new Error(`${fn}: dllm must be a masked (non-causal) model, got 'causal'`);
  const vocab = dllm.config.vocabSize;
  if (ar.config.vocabSize !== vocab) throw new Error(`${fn}: ar.config.vocabSize (${ar.config.vocabSize}) must equal the dllm's ${vocab}`);
  const ids = checkIds(options.ids, vocab, fn);
  const clean = checkPrompt(prompt, vocab, ids.maskId, fn);
  const maxNewTokens = checkInt(options.maxNewTokens, 'maxNewTokens', 1, fn);
  checkLength(clean.length, maxNewTokens, Math.min(dllm.config.maxLen, ar.config.maxLen), fn);
  const lookahead = checkInt(options.lookahead ?? 8, 'lookahead', 1, fn);
  const R = checkNumber(options.mixtureWeight ?? 0.5, 'mixtureWeight', 0, fn, 1);
  const temperature = checkNumber(options.temperature ?? 0, 'temperature', 0, fn);
  const seed = checkNumber(options.seed ?? 0, 'seed', -Number.MAX_SAFE_INTEGER, fn, Number.MAX_SAFE_INTEGER);

  const start = now();
  const promptLength = clean.length;
  const total = promptLength + maxNewTokens;
  const canvas = new Int32Array(total).fill(ids.maskId);
  canvas.set(clean);
  const rng = createRng(seed);
  const banned = [ids.maskId];
  let arCache: KvCache | null = null;
  let arCachedUpTo = 0;
  let nfeDllm = 0;
  let nfeAr = 0;
  let steps = 0;
  let n = promptLength; // positions [0, n) are decided
  let end = total;
  try {
    while (n < total) {
      const w = Math.min(lookahead, total - n);
      // 1. dLLM: marginals of the next w masked positions, one full pass.
      const { logits: dl } = await forwardSlice(dllm, canvas, range(0, total), null, false);
      nfeDllm++;
      const logpD: Float64Array[] = [];
      const noise: (Float64Array | null)[] = [];
      const proposal = canvas.slice(0, n + w);
      for (let i = 0; i < w; i++) {
        logpD.push(logSoftmaxRow(dl, (n + i) * vocab, vocab, banned));
        noise.push(temperature > 0 ? gumbel(rng, vocab) : null);
        proposal[n + i] = noisyArgmax(logpD[i], temperature, noise[i]);
      }
      // 2. AR twin: p_AR(x_{n+i} | accepted prefix, proposals before it), one pass on top of its cache.
      const computed = total + (n + w - 1 - arCachedUpTo);
      const read = await forwardSlice(ar, proposal.subarray(arCachedUpTo, n + w - 1), range(arCachedUpTo, n + w - 1), arCache, true);
      nfeAr++;
      // 3. Accept the longest run on which the mixture agrees; the first disagreement takes the mixture's token.
      let m = 0;
      let acceptedProposals = 0;
      const confidences: number[] = [];
      while (m < w) {
        const logpA = logSoftmaxRow(read.logits, (n + m - 1 - arCachedUpTo) * vocab, vocab, banned);
        const mix = new Float64Array(vocab);
        for (let v = 0; v < vocab; v++) mix[v] = R * logpD[m][v] + (1 - R) * logpA[v];
        const mixLogp = logSoftmaxRow(mix, 0, vocab, banned);
        const y = noisyArgmax(mixLogp, temperature, noise[m]);
        canvas[n + m] = y;
        confidences.push(Math.exp(mixLogp[y]));
        m++;
        if (y !== proposal[n + m - 1]) break;
        acceptedProposals++;
        if (y === ids.eosId || y === ids.padId) break;
      }
      // AR keys/values of inputs that are now accepted tokens: positions [arCachedUpTo, n + m - 1).
      const kv = read.kv as KvCache;
      const keep = n + m - 1 - arCachedUpTo;
      if (keep > 0) arCache = appendKv(arCache, sliceKv(kv, 0, keep));
      disposeKv(kv);
      arCachedUpTo = n + m - 1;
      const decided = range(n, n + m);
      n += m;
      steps++;
      yield {
        positionsDecoded: decided,
        confidences: Float32Array.from(confidences),
        tokens: canvas.slice(),
        nfe: nfeDllm + nfeAr,
        nfeDllm,
        nfeAr,
        elapsedMs: now() - start,
        cachedUpTo: arCachedUpTo,
        positionsComputed: computed,
        acceptedProposals,
      };
      const last = canvas[n - 1];
      if (last === ids.eosId || last === ids.padId) {
        end = n;
        break;
      }
    }
  } finally {
    disposeKv(arCache);
    arCache = null;
  }
  const answer = answerOf(canvas, promptLength, end, ids);
  return { tokens: canvas.slice(0, end), ...answer, steps, nfe: nfeDllm + nfeAr, nfeDllm, nfeAr, elapsedMs: now() - start };
}
