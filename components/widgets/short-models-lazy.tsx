'use client';
/**
 * The short-model widgets of lessons 08 and 09, loaded after the page (tfjs only ever runs in the
 * model worker).
 */
import dynamic from 'next/dynamic';
import './discrete.css';
import './diffusion.css';
import './short-models.css';

const loading = () => <p className="widget discrete-loading">Loading the figure…</p>;

export const SeddLiveTrainingLazy = dynamic(() => import('./sedd-live-training').then((m) => m.SeddLiveTraining), { ssr: false, loading });
export const ShortRemaskingQualityLazy = dynamic(() => import('./short-remasking-quality').then((m) => m.ShortRemaskingQuality), { ssr: false, loading });
