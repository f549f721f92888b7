'use client';
import type { ReactNode } from 'react';
import type { JobStatus } from '@/components/hooks/use-worker-job';

/**
 * The buttons of every in-page training run: train, pause/resume, and a stop button ("Reset" also
 * forgets the trained weights; "Stop" only cancels, so it is off while nothing runs). The caller
 * places them in its own controls row.
 */
export function TrainButtons({ job, trainLabel, onTrain, stop, testIds }: {
  job: { status: JobStatus; pause: () => void; resume: () => void };
  trainLabel: ReactNode;
  onTrain: () => void;
  stop: { label: 'Reset' | 'Stop'; onClick: () => void; testId?: string };
  testIds: { train: string; pause: string };
}) {
  const running = job.status === 'running' || job.status === 'paused';
  return (
    <>
      <button type="button" className="button" onClick={onTrain} disabled={running} data-testid={testIds.train}>
        {trainLabel}
      </button>
      <button type="button" className="button button--quiet" onClick={job.status === 'paused' ? job.resume : job.pause} disabled={!running} data-testid={testIds.pause}>
        {job.status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button type="button" className="button button--quiet" onClick={stop.onClick} disabled={stop.label === 'Stop' ? !running : undefined} data-testid={stop.testId}>{stop.label}</button>
    </>
  );
}
