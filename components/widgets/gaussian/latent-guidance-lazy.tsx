'use client';
/** Lesson 06's latent-guidance widget, loaded after the page (D3 and its code stay off the first load). */
import dynamic from 'next/dynamic';
import './gaussian.css';
import './latent-guidance.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading className="diffusion-loading" />;

export const LatentGuidanceLazy = dynamic(() => import('./latent-guidance').then((m) => m.LatentGuidance), { ssr: false, loading });
