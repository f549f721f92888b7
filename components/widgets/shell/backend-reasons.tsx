'use client';
/**
 * Why this page runs on its backend: measured here (with each backend's verdict), remembered from an
 * earlier page, or the reader's own switch; and a button that forgets the choice and measures again.
 * Part of <YourMachine />.
 */
import { useEffect, useState } from 'react';
import type { BackendChoice } from '@/lib/tensor/ensure-backend';
import type { RememberedBackend } from '@/lib/tensor/backend-memory';
import type { BackendVerdict } from '@/lib/tensor/backend-decision';
import { forgetBackendChoice, rememberedBackend } from '@/components/runtime/backend-memory-store';

function howText(choice: BackendChoice, remembered: RememberedBackend | null): string {
  if (choice.how === 'measured') return 'measured on this page: the fastest backend for a small mix of the models’ kernels';
  if (choice.how === 'first-that-starts') return 'the first backend that started (the one asked for could not)';
  if (remembered?.how === 'measured') return `remembered from a measurement in this browser${remembered.at ? ` (${remembered.at.slice(0, 10)})` : ''}`;
  if (remembered?.how === 'reader') return 'your choice, kept for every page until you reset it';
  return 'asked for in the address (?backend=), kept for every page until you reset it';
}

export function BackendReasons({ choice }: { choice: BackendChoice }) {
  // Read after hydration: storage is the browser's.
  const [remembered, setRemembered] = useState<RememberedBackend | null>(null);
  useEffect(() => { setRemembered(rememberedBackend()); }, [choice]);
  const verdicts: BackendVerdict[] = choice.verdicts ?? remembered?.verdicts ?? [];

  function reset() {
    forgetBackendChoice();
    const url = new URL(window.location.href);
    url.searchParams.delete('backend');
    window.location.assign(url.href);
  }

  return (
    <div className="backend-reasons" data-testid="backend-reasons">
      <p>
        Why <strong>{choice.backend}</strong>: <span data-testid="backend-how">{howText(choice, remembered)}</span>.
      </p>
      {verdicts.length > 0 ? (
        <ul className="backend-reasons__list">
          {verdicts.map((v) => (
            <li key={v.backend} data-testid={`verdict-${v.backend}`} data-chosen={v.chosen}>
              <strong>{v.backend}</strong>: {v.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="widget__actions">
        <button type="button" className="button button--quiet" onClick={reset} data-testid="backend-reset">
          Forget this choice and measure again
        </button>
      </p>
    </div>
  );
}
