'use client';
import { useEffect, useState } from 'react';

export type KnownLanguageManifestState =
  | { status: 'checking' }
  | { status: 'available'; steps: number; metrics: Record<string, unknown> }
  | { status: 'missing'; reason: string };

/**
 * Whether a shipped known-language model is there, with its recorded metrics for captions (the worker
 * checks the weights' sha256 when it loads them). The reason names the file that failed.
 */
export function useKnownLanguageManifest(objective: 'sedd' | 'mdlm'): KnownLanguageManifestState {
  const [state, setState] = useState<KnownLanguageManifestState>({ status: 'checking' });
  useEffect(() => {
    let live = true;
    const url = `/models/short-${objective}/v1/manifest.json`;
    (async () => {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        const manifest = (await response.json()) as { steps?: number; metrics?: Record<string, unknown> };
        if (!manifest.metrics) throw new Error(`${url} has no metrics`);
        if (live) setState({ status: 'available', steps: manifest.steps ?? 0, metrics: manifest.metrics });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (live) setState({ status: 'missing', reason: message.includes(url) ? message : `${url}: ${message}` });
      }
    })();
    return () => {
      live = false;
    };
  }, [objective]);
  return state;
}
