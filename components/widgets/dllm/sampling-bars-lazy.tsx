'use client';
/** Lesson 01's sampling figure, loaded after the page (tfjs runs in the worker, never in the page). */
import dynamic from 'next/dynamic';

const loading = () => <p className="widget">Loading the figure…</p>;

export const SamplingBarsLazy = dynamic(() => import('./sampling-bars').then((m) => m.SamplingBars), { ssr: false, loading });
