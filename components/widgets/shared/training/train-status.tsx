'use client';
import type { ReactNode } from 'react';
import type { JobStatus } from '@/components/hooks/use-worker-job';

/**
 * The live status line of an in-page training run (read out by screen readers). `done` is the
 * widget's own summary of the result; `data` carries extra attributes the tests read.
 */
export function TrainStatus({ status, error, stepsDone, steps, done, testId, data }: {
  status: JobStatus;
  error: string | null;
  stepsDone: number;
  steps: number;
  done: ReactNode;
  testId: string;
  data?: Record<`data-${string}`, string | number | undefined>;
}) {
  return (
    <p role="status" aria-live="polite" data-testid={testId} data-status={status} {...data}>
      {status === 'running' && `Training: step ${stepsDone} of ${steps}…`}
      {status === 'paused' && `Paused at step ${stepsDone}.`}
      {status === 'done' && done}
      {status === 'error' && `Training failed: ${error}`}
      {status === 'cancelled' && 'Stopped.'}
    </p>
  );
}
