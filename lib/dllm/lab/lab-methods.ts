import type { UnmaskRule } from '../parallel';
import type { ShippedModel } from './shipped-models';

/**
 * The decoding methods the lab offers, with the same ids as the benchmark (bench-results/dllm.json),
 * so what a reader runs in the page is what the numbers in the course measure.
 */
export const LAB_METHODS = [
  'ar-kv', 'ar-nocache', 'mdlm-vanilla', 'mdlm-threshold', 'mdlm-prefix-cache-threshold',
  'mdlm-dual-cache-threshold', 'bd3-prefix-cache', 'bd3-prefix-cache-threshold', 'bd3-prefix-cache-factor', 'apd',
] as const;
export type LabMethod = (typeof LAB_METHODS)[number];

export interface LabMethodInfo {
  label: string;
  /** The models it runs (APD runs the dLLM and the AR twin). */
  models: ShippedModel[];
  /** One sentence for the reader. */
  explains: string;
}

export const LAB_METHOD_INFO: Record<LabMethod, LabMethodInfo> = {
  'ar-kv': { label: 'Autoregressive, KV cache', models: ['ar'], explains: 'One token per forward pass; each pass runs only the newest token on the cached keys and values.' },
  'ar-nocache': { label: 'Autoregressive, no cache', models: ['ar'], explains: 'One token per pass, recomputing the whole sequence every time: the cost the KV cache saves.' },
  'mdlm-vanilla': { label: 'Masked diffusion, one token per step', models: ['mdlm'], explains: 'LLaDA low-confidence remasking with as many steps as tokens, no cache: the slow baseline.' },
  'mdlm-threshold': { label: 'Masked diffusion, threshold', models: ['mdlm'], explains: 'Unmask every position whose confidence exceeds tau (at least one per step), no cache.' },
  'mdlm-prefix-cache-threshold': { label: 'Masked diffusion, prefix cache + threshold', models: ['mdlm'], explains: 'Fast-dLLM: cache the keys and values before the current block (approximate), threshold rule.' },
  'mdlm-dual-cache-threshold': { label: 'Masked diffusion, dual cache + threshold', models: ['mdlm'], explains: 'Fast-dLLM: cache prefix and suffix, run only the current block (approximate), threshold rule.' },
  'bd3-prefix-cache': { label: 'Block diffusion, exact prefix cache', models: ['bd3'], explains: 'Blocks left to right, each denoised in a fixed number of steps over an exact cache of the prefix.' },
  'bd3-prefix-cache-threshold': { label: 'Block diffusion, prefix cache + threshold', models: ['bd3'], explains: 'Exact prefix cache, and every position above tau unmasked at once.' },
  'bd3-prefix-cache-factor': { label: 'Block diffusion, prefix cache + factor rule', models: ['bd3'], explains: 'Exact prefix cache; unmask the largest n with (n + 1)(1 - c_n) < f.' },
  apd: { label: 'APD (dLLM proposes, AR twin verifies)', models: ['mdlm', 'ar'], explains: 'The dLLM proposes several tokens; the longest run the AR twin agrees with is kept.' },
};

export interface LabKnobs {
  /** Tokens to generate after the prompt. */
  genLength: number;
  /** Block length for blockwise methods. */
  blockSize: number;
  /** Confidence threshold (Fast-dLLM uses 0.9). */
  tau: number;
  /** Factor-rule constant f. */
  factor: number;
}

/** The unmasking rule a method uses, from the reader's knobs. */
export function ruleFor(method: LabMethod, knobs: LabKnobs): UnmaskRule {
  if (method.endsWith('-factor')) return { kind: 'factor', factor: knobs.factor };
  if (method.endsWith('-threshold')) return { kind: 'threshold', tau: knobs.tau };
  // one token per step: as many steps per block as the block has tokens
  return { kind: 'steps', perBlock: method === 'mdlm-vanilla' ? knobs.genLength : knobs.blockSize };
}

export function isLabMethod(value: unknown): value is LabMethod {
  return typeof value === 'string' && (LAB_METHODS as readonly string[]).includes(value);
}
