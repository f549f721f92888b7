'use client';
import { useEffect, useRef } from 'react';

/**
 * Runs `start` once, when the widget mounts, so a figure shows its point without a click (most
 * readers never press a button). Lessons mount figures only near the viewport
 * (components/lesson/deferred-figure.tsx), so a page does not start them all at once.
 */
export function useAutoStart<T extends Element>(start: () => void) {
  const ref = useRef<T | null>(null);
  const started = useRef(false);
  const latest = useRef(start);
  useEffect(() => { latest.current = start; });
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    latest.current();
  }, []);
  return ref;
}
