'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { startPageRuntime } from '../runtime/page-runtime';
import { JobCancelledError, type JobHandle } from '../runtime/model-worker-client';

export type JobStatus = 'idle' | 'running' | 'paused' | 'done' | 'error' | 'cancelled';

/**
 * Runs named jobs on the page's model worker with progress, pause, resume and cancel. One job at a
 * time per hook; starting another cancels the one running. The job is cancelled on unmount.
 */
export function useWorkerJob<TResult, TProgress>() {
  const [status, setStatus] = useState<JobStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const handle = useRef<JobHandle<TResult> | null>(null);
  const generation = useRef(0);
  /** A start is waiting for the worker (no handle to cancel yet). */
  const starting = useRef(false);

  useEffect(() => {
    // Start the worker with the widget, so the backend is chosen (and shown) before the first click.
    startPageRuntime().catch(() => undefined); // the error is shown by the backend badge
    return () => handle.current?.cancel();
  }, []);

  const start = useCallback(async (name: string, params: unknown, onProgress?: (p: TProgress) => void): Promise<TResult | null> => {
    handle.current?.cancel();
    const mine = ++generation.current;
    setStatus('running');
    setError(null);
    starting.current = true;
    try {
      const client = await startPageRuntime();
      if (mine !== generation.current) return null;
      starting.current = false;
      const job = client.run<TResult, TProgress>(name, params, {
        onProgress: (p) => {
          if (mine === generation.current) onProgress?.(p);
        },
        onPausedChange: (paused) => {
          if (mine === generation.current) setStatus(paused ? 'paused' : 'running');
        },
      });
      handle.current = job;
      const result = await job.result;
      if (mine === generation.current) setStatus('done');
      return mine === generation.current ? result : null;
    } catch (err) {
      if (mine !== generation.current) return null;
      if (err instanceof JobCancelledError) setStatus('cancelled');
      else {
        setStatus('error');
        setError(err instanceof Error ? err.message : String(err));
      }
      return null;
    } finally {
      if (mine === generation.current) {
        handle.current = null;
        starting.current = false;
      }
    }
  }, []);

  const pause = useCallback(() => handle.current?.pause(), []);
  const resume = useCallback(() => handle.current?.resume(), []);
  const cancel = useCallback(() => {
    if (handle.current) handle.current.cancel();
    else if (starting.current) {
      // Stop pressed while the worker is still starting: drop the run before it is sent.
      generation.current++;
      starting.current = false;
      setStatus('cancelled');
    }
  }, []);
  return { status, error, start, pause, resume, cancel };
}
