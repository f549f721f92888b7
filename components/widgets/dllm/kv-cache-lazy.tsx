'use client';
/** Lesson 01's KV-cache cost widget, loaded after the page (D3 and its code stay off the first load; tfjs runs in the worker). */
import dynamic from 'next/dynamic';
import '../gaussian/gaussian.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading className="diffusion-loading" />;

export const KvCacheCostLazy = dynamic(() => import('./kv-cache-cost').then((m) => m.KvCacheCost), { ssr: false, loading });
