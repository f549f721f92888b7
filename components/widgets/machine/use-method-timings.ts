'use client';
/**
 * Decodes a list of (method, prompt) runs one after another on the page's model worker
 * ('dllm-decode', the shipped models), so each run's wall time is its own, and keeps every result.
 * Stop cancels the run in flight and skips the rest. Shared by the waterfall and the rollout-rate widgets.
 */
import { useCallback, useRef, useState } from 'react';
import type { LabResult } from '@/lib/dllm/lab/lab-decode';
import type { LabMethod } from '@/lib/dllm/lab/lab-methods';
import { useWorkerJob } from '@/components/hooks/use-worker-job';

export interface TimedRun {
  method: LabMethod;
  prompt: string;
  genLength: number;
  blockSize: number;
  tau: number;
  factor: number;
}

export interface TimedResult extends TimedRun {
  result: LabResult;
}

export function useMethodTimings() {
  const job = useWorkerJob<LabResult, unknown>();
  const [results, setResults] = useState<TimedResult[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  const [runningAll, setRunningAll] = useState(false);
  const stopped = useRef(false);

  const runAll = useCallback(async (runs: TimedRun[]) => {
    stopped.current = false;
    setRunningAll(true);
    setResults([]);
    const got: TimedResult[] = [];
    for (let i = 0; i < runs.length && !stopped.current; i++) {
      setCurrent(i);
      const r = await job.start('dllm-decode', { ...runs[i], seed: 1 });
      if (!r) break;
      got.push({ ...runs[i], result: r });
      setResults([...got]);
    }
    setCurrent(null);
    setRunningAll(false);
    return got;
  }, [job]);

  const stop = useCallback(() => {
    stopped.current = true;
    job.cancel();
  }, [job]);

  return { results, current, running: runningAll, runAll, stop, error: job.error, status: job.status };
}

/** Mean of a list (0 for none). */
export function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
