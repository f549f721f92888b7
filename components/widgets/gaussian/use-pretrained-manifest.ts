'use client';
import { useEffect, useState } from 'react';

export type PretrainedState =
  | { status: 'checking' }
  | { status: 'available'; models: string[]; metrics: Record<string, { ddpm1000?: number; noiseBaseline?: number }> }
  | { status: 'missing'; reason: string };

/** Whether the shipped 2D denoisers are there (the worker checks the bytes' sha256 when it loads them). */
export function usePretrainedManifest(url = '/models/denoiser-2d/v1/manifest.json'): PretrainedState {
  const [state, setState] = useState<PretrainedState>({ status: 'checking' });
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        const manifest = (await response.json()) as { models?: Record<string, { metrics?: { energyDistance?: { ddpm1000?: number; noiseBaseline?: number } } }> };
        if (!manifest.models) throw new Error(`${url} lists no models`);
        const metrics = Object.fromEntries(Object.entries(manifest.models).map(([k, v]) => [k, v.metrics?.energyDistance ?? {}]));
        if (live) setState({ status: 'available', models: Object.keys(manifest.models), metrics });
      } catch (err) {
        if (live) setState({ status: 'missing', reason: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}
