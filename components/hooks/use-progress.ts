'use client';
import { useCallback, useSyncExternalStore } from 'react';
import {
  EMPTY_PROGRESS, PROGRESS_STORAGE_KEY, markExercisePassed, markPrediction, markVisited, parseProgress, type CourseProgress,
  type PredictionRecord,
} from '@/lib/progress/progress';

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedValue: CourseProgress = EMPTY_PROGRESS;

function read(): CourseProgress {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(PROGRESS_STORAGE_KEY);
  } catch {
    raw = null; // storage disabled: progress lives for this page only
  }
  // Same string → same object, so useSyncExternalStore sees a stable snapshot.
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedValue = parseProgress(raw);
  }
  return cachedValue;
}

function write(next: CourseProgress | null): void {
  try {
    if (next) window.localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(next));
    else window.localStorage.removeItem(PROGRESS_STORAGE_KEY);
  } catch {
    // Storage full or disabled: nothing to save to; the page keeps working.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The reader's course progress from localStorage, with actions that update it everywhere at once. */
export function useProgress() {
  const progress = useSyncExternalStore(subscribe, read, () => EMPTY_PROGRESS);
  const visit = useCallback((slug: string) => write(markVisited(read(), slug, Date.now())), []);
  const passExercise = useCallback((slug: string, id: string) => write(markExercisePassed(read(), slug, id, Date.now())), []);
  const recordPrediction = useCallback((slug: string, id: string, record: PredictionRecord) => write(markPrediction(read(), slug, id, record, Date.now())), []);
  const clear = useCallback(() => write(null), []);
  return { progress, visit, passExercise, recordPrediction, clear };
}
