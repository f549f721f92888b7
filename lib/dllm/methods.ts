/**
 * The one table of decoding methods: each id, what it runs and how it is built. The lab page, the
 * embeds and `npm run bench:dllm` all build their decoders here, so a method measured by the bench
 * is the method a reader runs, and both count tokens the same way (answerTokens).
 */
import type { SequenceModel } from '@/lib/models/transformer/types';
import { decodeApd } from './apd';
import { decodeAutoregressive } from './ar';
import { decodeBlockDiffusion } from './block';
import { decodeFastDllm } from './fast-dllm';
import { decodeMasked } from './masked';
import type { UnmaskRule } from './parallel';
import type { Decoder, DecodeResult, SpecialIds } from './types';

export type MethodModelName = 'ar' | 'mdlm' | 'bd3';
export type MethodModels = Partial<Record<MethodModelName, SequenceModel>>;

/** What a reader (or the bench) may set; every method reads the ones it uses. */
export interface MethodKnobs {
  /** Block length of the masked-diffusion methods (LLaDA's semi-autoregressive blocks). BD3 uses its trained block. */
  mdlmBlock: number;
  /** Confidence threshold (Fast-dLLM uses 0.9). */
  tau: number;
  /** Factor-rule constant f. */
  factor: number;
  /** Seeds sampling where a method samples (greedy methods ignore it). */
  seed: number;
}

export const DEFAULT_KNOBS: Readonly<MethodKnobs> = { mdlmBlock: 32, tau: 0.9, factor: 1, seed: 1 };

/** APD's lookahead and mixture weight (Israel et al. report these among their good settings). */
export const APD_SETTINGS = { lookahead: 8, mixtureWeight: 0.5 } as const;

export interface MethodSpec {
  label: string;
  /** One sentence for the reader. */
  explains: string;
  /** The shipped models it runs (APD runs the dLLM and the AR twin). */
  models: MethodModelName[];
  /** Reuses keys/values across passes (exactly or approximately). */
  cached: boolean;
  /** May commit more than one token per pass. */
  parallel: boolean;
  /** The uncached method with the same rule: the cache's answers are compared with it. */
  reference?: MethodId;
  /** Offered in the lab's method list (the rest are the bench's ablations). */
  inLab: boolean;
  build(models: MethodModels, prompt: Int32Array, genLength: number, knobs: MethodKnobs, ids: SpecialIds): Decoder;
}

function need(models: MethodModels, name: MethodModelName): SequenceModel {
  const m = models[name];
  if (!m) throw new Error(`decoding method needs the ${name} model`);
  return m;
}

const oneByOne = (n: number): UnmaskRule => ({ kind: 'steps', perBlock: n });
const thresholdRule = (k: MethodKnobs): UnmaskRule => ({ kind: 'threshold', tau: k.tau });
const factorRule = (k: MethodKnobs): UnmaskRule => ({ kind: 'factor', factor: k.factor });
const mdlmBlock = (k: MethodKnobs, genLength: number) => Math.min(k.mdlmBlock, genLength);

const TABLE = {
  'ar-nocache': {
    label: 'Autoregressive, no cache', models: ['ar'], cached: false, parallel: false, inLab: true,
    explains: 'One token per pass, recomputing the whole sequence every time: the cost the KV cache saves.',
    build: (m, p, g, _k, ids) => decodeAutoregressive(need(m, 'ar'), p, { ids, maxNewTokens: g, useCache: false }),
  },
  'ar-kv': {
    label: 'Autoregressive, KV cache', models: ['ar'], cached: true, parallel: false, inLab: true, reference: 'ar-nocache',
    explains: 'One token per forward pass; each pass runs only the newest token on the cached keys and values.',
    build: (m, p, g, _k, ids) => decodeAutoregressive(need(m, 'ar'), p, { ids, maxNewTokens: g }),
  },
  'mdlm-vanilla': {
    label: 'Masked diffusion, one token per pass', models: ['mdlm'], cached: false, parallel: false, inLab: true,
    explains: 'LLaDA low-confidence remasking, blocks left to right, one token per pass, no cache: the slow baseline.',
    build: (m, p, g, k, ids) => decodeMasked(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: oneByOne(mdlmBlock(k, g)) }),
  },
  'mdlm-threshold': {
    label: 'Masked diffusion, threshold', models: ['mdlm'], cached: false, parallel: true, inLab: true,
    explains: 'Unmask every position whose confidence exceeds tau (at least one per pass), no cache.',
    build: (m, p, g, k, ids) => decodeMasked(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: thresholdRule(k) }),
  },
  'mdlm-dual-cache': {
    label: 'Masked diffusion, dual cache, one token per pass', models: ['mdlm'], cached: true, parallel: false, inLab: false, reference: 'mdlm-vanilla',
    explains: 'Fast-dLLM\'s approximate dual cache with the baseline\'s one-token rule: what the cache alone buys.',
    build: (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: oneByOne(mdlmBlock(k, g)), cache: 'dual' }),
  },
  'mdlm-prefix-cache-threshold': {
    label: 'Masked diffusion, prefix cache + threshold', models: ['mdlm'], cached: true, parallel: true, inLab: true, reference: 'mdlm-threshold',
    explains: 'Fast-dLLM: cache the keys and values before the current block (approximate), threshold rule.',
    build: (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: thresholdRule(k), cache: 'prefix' }),
  },
  'mdlm-dual-cache-threshold': {
    label: 'Masked diffusion, dual cache + threshold', models: ['mdlm'], cached: true, parallel: true, inLab: true, reference: 'mdlm-threshold',
    explains: 'Fast-dLLM: cache prefix and suffix, run only the current block (approximate), threshold rule.',
    build: (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: thresholdRule(k), cache: 'dual' }),
  },
  'mdlm-dual-cache-factor': {
    label: 'Masked diffusion, dual cache + factor rule', models: ['mdlm'], cached: true, parallel: true, inLab: true,
    explains: 'Fast-dLLM\'s dual cache; unmask the largest n with (n + 1)(1 - c_n) < f.',
    build: (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, blockLength: mdlmBlock(k, g), rule: factorRule(k), cache: 'dual' }),
  },
  'bd3-nocache': {
    label: 'Block diffusion, no cache', models: ['bd3'], cached: false, parallel: false, inLab: false,
    explains: 'Blocks left to right, one token per pass, recomputing the prefix every pass: the exact cache\'s reference.',
    build: (m, p, g, _k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, useCache: false }),
  },
  'bd3-prefix-cache': {
    label: 'Block diffusion, exact prefix cache', models: ['bd3'], cached: true, parallel: false, inLab: true, reference: 'bd3-nocache',
    explains: 'Blocks left to right, each denoised one token per pass over an exact cache of the prefix.',
    build: (m, p, g, _k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g }),
  },
  'bd3-prefix-cache-threshold': {
    label: 'Block diffusion, prefix cache + threshold', models: ['bd3'], cached: true, parallel: true, inLab: true,
    explains: 'Exact prefix cache, and every position above tau unmasked at once.',
    build: (m, p, g, k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, rule: thresholdRule(k) }),
  },
  'bd3-prefix-cache-factor': {
    label: 'Block diffusion, prefix cache + factor rule', models: ['bd3'], cached: true, parallel: true, inLab: true,
    explains: 'Exact prefix cache; unmask the largest n with (n + 1)(1 - c_n) < f.',
    build: (m, p, g, k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, rule: factorRule(k) }),
  },
  apd: {
    label: 'APD (dLLM proposes, AR twin verifies)', models: ['mdlm', 'ar'], cached: false, parallel: true, inLab: true,
    explains: 'The dLLM proposes several tokens; the longest run the AR twin agrees with is kept.',
    build: (m, p, g, k, ids) => decodeApd(need(m, 'mdlm'), need(m, 'ar'), p, { ids, maxNewTokens: g, seed: k.seed, ...APD_SETTINGS }),
  },
} as const satisfies Record<string, Omit<MethodSpec, 'reference'> & { reference?: string }>;

export type MethodId = keyof typeof TABLE;
export const METHODS: Readonly<Record<MethodId, MethodSpec>> = TABLE as Record<MethodId, MethodSpec>;
export const METHOD_IDS = Object.keys(TABLE) as MethodId[];

export function isMethodId(value: unknown): value is MethodId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TABLE, value);
}

/** Candidates for the speed goals: a cache and more than one token per pass. */
export const FAST_METHOD_IDS = METHOD_IDS.filter((id) => METHODS[id].cached && METHODS[id].parallel && METHODS[id].models[0] !== 'ar');

/**
 * Answer tokens a reader gets: the answer plus its [EOS]. Tokens per pass and tokens per second
 * count these, so a method is charged for every pass it spends, padding included, and never for
 * padding it does not compute.
 */
export function answerTokens(result: Pick<DecodeResult, 'generated' | 'stoppedAtEos'>): number {
  return result.generated.length + (result.stoppedAtEos ? 1 : 0);
}
