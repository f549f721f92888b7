/** Decoding strategies for the AR twin and the diffusion language models (one file per strategy). */
export * from './types';
export * from './parallel';
export * from './sampling';
export * from './kv-cache';
export * from './denoise';
export { decodeAutoregressive, type ArDecodeOptions, type ArDecodeStep } from './ar';
export { decodeMasked, resolveMaskedOptions, type MaskedDecodeOptions, type ResolvedMaskedOptions } from './masked';
export { decodeBlockDiffusion, type BlockDecodeOptions } from './block';
export { decodeFastDllm, measureCacheAgreement, type CacheAgreement, type FastDllmCache, type FastDllmOptions } from './fast-dllm';
export { decodeApd, type ApdOptions, type ApdResult, type ApdStep } from './apd';
