'use client';
import { useSyncExternalStore } from 'react';
import { IDLE_RUNTIME, getPageRuntimeState, subscribePageRuntime, type PageRuntimeState } from '../runtime/page-runtime';

/** The page runtime's state (idle, starting, ready with its backend, or error), kept in sync. */
export function usePageRuntime(): PageRuntimeState {
  return useSyncExternalStore(subscribePageRuntime, getPageRuntimeState, () => IDLE_RUNTIME);
}
