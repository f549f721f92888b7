'use client';
/** Lesson 06's latent-guidance widget, loaded after the page (D3 and its code stay off the first load). */
import dynamic from 'next/dynamic';
import './gaussian.css';
import './latent-guidance.css';

const loading = () => <p className="widget diffusion-loading">Loading the figure…</p>;

export const LatentGuidanceLazy = dynamic(() => import('./latent-guidance').then((m) => m.LatentGuidance), { ssr: false, loading });
