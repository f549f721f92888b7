'use client';
import { useCallback, useRef, useState } from 'react';

/**
 * The batch losses of a training run in the worker. Every loss is kept, but React sees a new copy
 * at most every `everyMs` (a run reports hundreds of steps a second; redrawing each would stall the page).
 */
export function useLossCurve(everyMs: number) {
  const [losses, setLosses] = useState<number[]>([]);
  const kept = useRef<number[]>([]);
  const lastShown = useRef(0);

  const record = useCallback((loss: number) => { kept.current.push(loss); }, []);
  const showNow = useCallback(() => setLosses([...kept.current]), []);
  /** Shows the kept losses when `force`, or when `throttled` and `everyMs` have passed; says whether it did. */
  const showIfDue = useCallback((force: boolean, throttled = true): boolean => {
    const now = performance.now();
    if (!force && !(throttled && now - lastShown.current > everyMs)) return false;
    lastShown.current = now;
    setLosses([...kept.current]);
    return true;
  }, [everyMs]);
  const clear = useCallback(() => {
    kept.current = [];
    setLosses([]);
  }, []);

  return { losses, record, showNow, showIfDue, clear };
}
