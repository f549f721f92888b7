/**
 * What each decoding method is, without the code that runs it: the pages (the lab's method list,
 * the embeds' settings, the race) read this, and it imports nothing, so a page's first load never
 * pulls in tfjs or the decoders. lib/dllm/methods.ts adds how each is built (the one method table).
 */
export type MethodModelName = 'ar' | 'mdlm' | 'bd3';

export interface MethodInfo {
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
}

const INFO = {
  'ar-nocache': {
    label: 'Autoregressive, no cache', models: ['ar'], cached: false, parallel: false, inLab: true,
    explains: 'One token per pass, recomputing the whole sequence every time: the cost the KV cache saves.',
  },
  'ar-kv': {
    label: 'Autoregressive, KV cache', models: ['ar'], cached: true, parallel: false, inLab: true, reference: 'ar-nocache',
    explains: 'One token per forward pass; each pass runs only the newest token on the cached keys and values.',
  },
  'mdlm-vanilla': {
    label: 'Masked diffusion, one token per pass', models: ['mdlm'], cached: false, parallel: false, inLab: true,
    explains: 'LLaDA low-confidence remasking, blocks left to right (stopping after the block that holds [EOS]), one token per pass, no cache: the slow baseline.',
  },
  'mdlm-threshold': {
    label: 'Masked diffusion, threshold', models: ['mdlm'], cached: false, parallel: true, inLab: true,
    explains: 'Unmask every position whose confidence exceeds tau (at least one per pass), no cache.',
  },
  'mdlm-dual-cache': {
    label: 'Masked diffusion, dual cache, one token per pass', models: ['mdlm'], cached: true, parallel: false, inLab: false, reference: 'mdlm-vanilla',
    explains: 'Fast-dLLM\'s approximate dual cache with the baseline\'s one-token rule: what the cache alone buys.',
  },
  'mdlm-prefix-cache-threshold': {
    label: 'Masked diffusion, prefix cache + threshold', models: ['mdlm'], cached: true, parallel: true, inLab: true, reference: 'mdlm-threshold',
    explains: 'Fast-dLLM: cache the keys and values before the current block (approximate), threshold rule.',
  },
  'mdlm-dual-cache-threshold': {
    label: 'Masked diffusion, dual cache + threshold', models: ['mdlm'], cached: true, parallel: true, inLab: true, reference: 'mdlm-threshold',
    explains: 'Fast-dLLM: cache prefix and suffix, run only the current block (approximate), threshold rule.',
  },
  'mdlm-dual-cache-factor': {
    label: 'Masked diffusion, dual cache + factor rule', models: ['mdlm'], cached: true, parallel: true, inLab: true,
    explains: 'Fast-dLLM\'s dual cache; unmask the largest n with (n + 1)(1 - c_n) < f.',
  },
  'bd3-nocache': {
    label: 'Block diffusion, no cache', models: ['bd3'], cached: false, parallel: false, inLab: false,
    explains: 'Blocks left to right, one token per pass, recomputing the prefix every pass: the exact cache\'s reference.',
  },
  'bd3-prefix-cache': {
    label: 'Block diffusion, exact prefix cache', models: ['bd3'], cached: true, parallel: false, inLab: true, reference: 'bd3-nocache',
    explains: 'Blocks left to right, each denoised one token per pass over an exact cache of the prefix.',
  },
  'bd3-prefix-cache-threshold': {
    label: 'Block diffusion, prefix cache + threshold', models: ['bd3'], cached: true, parallel: true, inLab: true,
    explains: 'Exact prefix cache, and every position above tau unmasked at once.',
  },
  'bd3-prefix-cache-factor': {
    label: 'Block diffusion, prefix cache + factor rule', models: ['bd3'], cached: true, parallel: true, inLab: true,
    explains: 'Exact prefix cache; unmask the largest n with (n + 1)(1 - c_n) < f.',
  },
  apd: {
    label: 'APD (dLLM proposes, AR twin verifies)', models: ['mdlm', 'ar'], cached: false, parallel: true, inLab: true,
    explains: 'The dLLM proposes several tokens; the longest run the AR twin agrees with is kept.',
  },
} as const satisfies Record<string, Omit<MethodInfo, 'reference'> & { reference?: string }>;

export type MethodId = keyof typeof INFO;
export const METHOD_INFO: Readonly<Record<MethodId, MethodInfo>> = INFO as Record<MethodId, MethodInfo>;
export const METHOD_IDS = Object.keys(INFO) as MethodId[];

export function isMethodId(value: unknown): value is MethodId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INFO, value);
}

/** Candidates for the speed goals: a cache and more than one token per pass. */
export const FAST_METHOD_IDS = METHOD_IDS.filter((id) => METHOD_INFO[id].cached && METHOD_INFO[id].parallel && METHOD_INFO[id].models[0] !== 'ar');

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

/**
 * mdlmBlock 64: one block at genLength 64, four at 256. Chosen on the development seeds (npm run
 * eval:dev -- --mdlm-block N, v6): on 100 copies both 32 and 64 answered 100% exactly, 64 at 31.3
 * answer tokens per pass (32: 15.6, since every block starts with a full refresh pass), and on 100
 * short tasks both scored 0.41.
 */
export const DEFAULT_KNOBS: Readonly<MethodKnobs> = { mdlmBlock: 64, tau: 0.9, factor: 1, seed: 1 };
