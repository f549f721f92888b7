'use client';
/** Lesson 01's KV-cache cost widget, loaded after the page (D3 and its code stay off the first load; tfjs runs in the worker). */
import dynamic from 'next/dynamic';
import '../gaussian/gaussian.css';

const loading = () => <p className="widget diffusion-loading">Loading the figure…</p>;

export const KvCacheCostLazy = dynamic(() => import('./kv-cache-cost').then((m) => m.KvCacheCost), { ssr: false, loading });
