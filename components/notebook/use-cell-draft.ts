'use client';
import { useCallback, useEffect, useState } from 'react';
import { draftKey, restoreDraft, serializeDraft } from '@/lib/notebook/cell-drafts';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // storage blocked or full: edits last until the page closes
  }
}

/**
 * A lesson cell's code, saved as the reader types and restored on the next visit. The server and
 * the first render show the lesson's code; the draft comes back right after hydration.
 * Returns the code, its setter, and whether it differs from the lesson's.
 */
export function useCellDraft(lesson: string, cellId: string, original: string): [string, (source: string) => void, boolean] {
  const key = draftKey(lesson, cellId);
  const [source, setSource] = useState(original);
  useEffect(() => {
    const restored = restoreDraft(read(key), original);
    if (restored !== null) setSource(restored);
    else write(key, null); // a draft of older lesson code: drop it
  }, [key, original]);
  const update = useCallback((next: string) => {
    setSource(next);
    write(key, serializeDraft(next, original));
  }, [key, original]);
  return [source, update, source !== original];
}
