import { DEFAULT_KNOBS, METHOD_IDS, METHOD_INFO, isMethodId, type MethodId, type MethodInfo, type MethodKnobs } from '../method-info';

/**
 * The decoding methods the lab offers: the entries of the one method table (lib/dllm/method-info.ts,
 * without the decoders, so a page's first load stays free of tfjs)
 * marked inLab, with the same ids as the benchmark (bench-results/dllm.json), so what a reader runs
 * in the page is what the numbers in the course measure.
 */
export const LAB_METHODS = METHOD_IDS.filter((id) => METHOD_INFO[id].inLab);
export type LabMethod = MethodId;

export type LabMethodInfo = Pick<MethodInfo, 'label' | 'models' | 'explains'>;
export const LAB_METHOD_INFO: Readonly<Record<MethodId, LabMethodInfo>> = METHOD_INFO;

export interface LabKnobs {
  /** Tokens to generate after the prompt. */
  genLength: number;
  /** Block length of the masked-diffusion methods. */
  blockSize: number;
  /** Confidence threshold (Fast-dLLM uses 0.9). */
  tau: number;
  /** Factor-rule constant f. */
  factor: number;
}

/** The lab's knobs at the method table's defaults (what the benchmark measures), for a canvas of `genLength`. */
export function defaultLabKnobs(genLength: number): LabKnobs {
  return { genLength, blockSize: DEFAULT_KNOBS.mdlmBlock, tau: DEFAULT_KNOBS.tau, factor: DEFAULT_KNOBS.factor };
}

/** Whether a method reads the masked-diffusion block length (BD3 decodes in its trained block; APD in its own windows). */
export function readsBlockSize(method: LabMethod): boolean {
  return METHOD_INFO[method].models.every((model) => model === 'mdlm');
}

/** The method table's knobs from the lab's. */
export function methodKnobs(knobs: LabKnobs, seed: number): MethodKnobs {
  return { mdlmBlock: knobs.blockSize, tau: knobs.tau, factor: knobs.factor, seed };
}

export function isLabMethod(value: unknown): value is LabMethod {
  return isMethodId(value) && METHOD_INFO[value].inLab;
}

/**
 * The racer the lab and lesson 00 start with: the most accurate cached + parallel diffusion method on
 * the bench's copy answers (the family of the race's default prompt), the faster one on a tie, and
 * faster than the AR twin there. test/lib/dllm/race-default.test.ts checks both against
 * bench-results/dllm.json, so a retrained model that changes the ranking cannot leave a stale default.
 * (v7: block diffusion's factor rule, 97% of copies against the twin's 100%; MDLM fell to 90%.)
 */
export const DEFAULT_RACE_METHOD: LabMethod = 'bd3-prefix-cache-factor';
