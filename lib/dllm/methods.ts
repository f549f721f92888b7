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
import { METHOD_IDS, METHOD_INFO, type MethodId, type MethodInfo, type MethodKnobs, type MethodModelName } from './method-info';

export { DEFAULT_KNOBS, FAST_METHOD_IDS, METHOD_IDS, METHOD_INFO, isMethodId, type MethodId, type MethodInfo, type MethodKnobs, type MethodModelName } from './method-info';

export type MethodModels = Partial<Record<MethodModelName, SequenceModel>>;


/** APD's lookahead and mixture weight (Israel et al. report these among their good settings). */
export const APD_SETTINGS = { lookahead: 8, mixtureWeight: 0.5 } as const;

export interface MethodSpec extends MethodInfo {
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

// Every masked-diffusion method stops after the block that holds [EOS], as BD3 does: the same answer,
// and no method pays for padding it does not need (bench and lab alike).
const BUILD: Record<MethodId, MethodSpec['build']> = {
  'ar-nocache': (m, p, g, _k, ids) => decodeAutoregressive(need(m, 'ar'), p, { ids, maxNewTokens: g, useCache: false }),
  'ar-kv': (m, p, g, _k, ids) => decodeAutoregressive(need(m, 'ar'), p, { ids, maxNewTokens: g }),
  'mdlm-vanilla': (m, p, g, k, ids) => decodeMasked(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: oneByOne(mdlmBlock(k, g)) }),
  'mdlm-threshold': (m, p, g, k, ids) => decodeMasked(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: thresholdRule(k) }),
  'mdlm-dual-cache': (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: oneByOne(mdlmBlock(k, g)), cache: 'dual' }),
  'mdlm-prefix-cache-threshold': (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: thresholdRule(k), cache: 'prefix' }),
  'mdlm-dual-cache-threshold': (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: thresholdRule(k), cache: 'dual' }),
  'mdlm-dual-cache-factor': (m, p, g, k, ids) => decodeFastDllm(need(m, 'mdlm'), p, { ids, genLength: g, stopAtEos: true, blockLength: mdlmBlock(k, g), rule: factorRule(k), cache: 'dual' }),
  'bd3-nocache': (m, p, g, _k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, useCache: false }),
  'bd3-prefix-cache': (m, p, g, _k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g }),
  'bd3-prefix-cache-threshold': (m, p, g, k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, rule: thresholdRule(k) }),
  'bd3-prefix-cache-factor': (m, p, g, k, ids) => decodeBlockDiffusion(need(m, 'bd3'), p, { ids, maxNewTokens: g, rule: factorRule(k) }),
  apd: (m, p, g, k, ids) => decodeApd(need(m, 'mdlm'), need(m, 'ar'), p, { ids, maxNewTokens: g, seed: k.seed, ...APD_SETTINGS }),
};

export const METHODS: Readonly<Record<MethodId, MethodSpec>> = Object.fromEntries(
  METHOD_IDS.map((id) => [id, { ...METHOD_INFO[id], build: BUILD[id] }]),
) as Record<MethodId, MethodSpec>;

/**
 * Answer tokens a reader gets: the answer plus its [EOS]. Tokens per pass and tokens per second
 * count these, so a method is charged for every pass it spends, padding included, and never for
 * padding it does not compute.
 */
export function answerTokens(result: Pick<DecodeResult, 'generated' | 'stoppedAtEos'>): number {
  return result.generated.length + (result.stoppedAtEos ? 1 : 0);
}
