'use client';
/**
 * The discrete-diffusion widgets (lessons 07, 08 and 09), each loaded after the page so neither D3 nor
 * their code weighs on a lesson's first load (tfjs only ever runs in the model worker).
 */
import dynamic from 'next/dynamic';
import './discrete.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading className="discrete-loading" />;

export const IdNoiseDemoLazy = dynamic(() => import('./id-noise-demo').then((m) => m.IdNoiseDemo), { ssr: false, loading });
export const TransitionMatricesLazy = dynamic(() => import('./transition-matrices').then((m) => m.TransitionMatrices), { ssr: false, loading });
export const CorruptionScrubberLazy = dynamic(() => import('./corruption-scrubber').then((m) => m.CorruptionScrubber), { ssr: false, loading });
export const DiscreteExerciseLazy = dynamic(() => import('./discrete-exercise').then((m) => m.DiscreteExercise), { ssr: false, loading });
export const NelboTermsLazy = dynamic(() => import('./nelbo-terms').then((m) => m.NelboTerms), { ssr: false, loading });
export const RemaskingCompareLazy = dynamic(() => import('./remasking-compare').then((m) => m.RemaskingCompare), { ssr: false, loading });
export const RemaskingQualityLazy = dynamic(() => import('./remasking-quality').then((m) => m.RemaskingQuality), { ssr: false, loading });
export const SeddScoresLazy = dynamic(() => import('./sedd-scores').then((m) => m.SeddScores), { ssr: false, loading });
export const SeddSamplersLazy = dynamic(() => import('./sedd-samplers').then((m) => m.SeddSamplers), { ssr: false, loading });
