'use client';
/** Lesson 01's sampling figure, loaded after the page (tfjs runs in the worker, never in the page). */
import dynamic from 'next/dynamic';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading />;

export const SamplingBarsLazy = dynamic(() => import('./sampling-bars').then((m) => m.SamplingBars), { ssr: false, loading });
