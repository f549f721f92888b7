'use client';
import { useSyncExternalStore } from 'react';
import { usePageRuntime } from '../hooks/use-page-runtime';
import { getCellBackend, subscribePageRuntime } from '../runtime/page-runtime';

/** Header badge: which tfjs backend this page's models run on (ARCHITECTURE.md rule 6). */
export function BackendBadge() {
  const runtime = usePageRuntime();
  const cellBackend = useSyncExternalStore(subscribePageRuntime, getCellBackend, () => null);
  let label: string;
  let backend = '';
  switch (runtime.status) {
    case 'idle':
      // The page's models have not started, but its notebook cells may run tfjs.
      if (cellBackend) {
        backend = cellBackend;
        label = `${cellBackend} (cells)`;
      } else label = 'not started';
      break;
    case 'starting':
      label = 'starting…';
      break;
    case 'ready':
      backend = runtime.ready.choice.backend;
      label = backend;
      break;
    case 'error':
      label = 'unavailable';
      break;
  }
  const title =
    runtime.status === 'idle' && cellBackend
      ? 'The TensorFlow.js backend running this page’s notebook cells'
      : runtime.status === 'idle'
      ? 'TensorFlow.js starts with the first live figure on a page'
      : runtime.status === 'error'
        ? runtime.error
        : 'The TensorFlow.js backend running this page’s models';
  return (
    <>
      <span className="backend-badge" data-testid="backend-badge" data-backend={backend} data-status={runtime.status} title={title}>
        <span className="backend-badge__label">tfjs</span> {label}
      </span>
      {runtime.overrideError ? (
        <p className="notice notice--warning" role="status">
          {runtime.overrideError}
        </p>
      ) : null}
    </>
  );
}
