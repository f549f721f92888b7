'use client';
/**
 * The widgets of lesson 14 (the whole machine), loaded after the page.
 */
import dynamic from 'next/dynamic';
import '../post-training/post-training.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading />;

export const RooflineInYourBrowserLazy = dynamic(() => import('./roofline-in-your-browser').then((m) => m.RooflineInYourBrowser), { ssr: false, loading });
export const SpeedupWaterfallLazy = dynamic(() => import('./speedup-waterfall').then((m) => m.SpeedupWaterfall), { ssr: false, loading });
