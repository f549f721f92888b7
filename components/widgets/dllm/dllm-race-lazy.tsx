'use client';
import dynamic from 'next/dynamic';
import { FigureLoading } from '../shared/figure-loading';

/** The race widget, loaded after the page (it brings D3 and the corpus code, never tfjs). */
export const DllmRaceLazy = dynamic(() => import('./dllm-race').then((m) => m.DllmRace), {
  ssr: false,
  loading: () => <FigureLoading what="the race" />,
});
