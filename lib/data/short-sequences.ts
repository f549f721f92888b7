/**
 * Old name of lib/data/known-language.ts, kept only for scripts/train-known-language-main.ts (a
 * lead-owned file) until its import moves to '@/lib/data/known-language'; then delete this file.
 */
export * from './known-language';
export { KNOWN_LANGUAGE as SHORT_LANGUAGE } from './known-language';
