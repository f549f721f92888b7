'use client';
/**
 * The RL-tuned weights of this page, shared by the widgets of lesson 13 (RlLoop writes them; the
 * test-time figure can decode with them). Lives only as long as the page: Reset or a reload forgets it.
 */
import { useSyncExternalStore } from 'react';
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';

let tuned: KnownLanguageWeights | null = null;
const listeners = new Set<() => void>();

export function setTunedWeights(weights: KnownLanguageWeights | null): void {
  tuned = weights;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTunedWeights(): KnownLanguageWeights | null {
  return useSyncExternalStore(subscribe, () => tuned, () => null);
}
