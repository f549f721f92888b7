'use client';
/**
 * The Gaussian-diffusion widgets (lessons 02-06), each loaded after the page so that neither D3 nor
 * their code weighs on a lesson's first load (tfjs only ever runs in the model worker).
 */
import dynamic from 'next/dynamic';
import './gaussian.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading className="diffusion-loading" />;

export const NoiseExplorerLazy = dynamic(() => import('./noise-explorer').then((m) => m.NoiseExplorer), { ssr: false, loading });
export const ScheduleCurvesLazy = dynamic(() => import('./schedule-curves').then((m) => m.ScheduleCurves), { ssr: false, loading });
export const ForwardRoutesLazy = dynamic(() => import('./forward-routes').then((m) => m.ForwardRoutes), { ssr: false, loading });
export const NumberExerciseLazy = dynamic(() => import('./number-exercise').then((m) => m.NumberExercise), { ssr: false, loading });
export const DenoiserLabLazy = dynamic(() => import('./denoiser-lab').then((m) => m.DenoiserLab), { ssr: false, loading });
export const ScoreExplorerLazy = dynamic(() => import('./score-explorer').then((m) => m.ScoreExplorer), { ssr: false, loading });
export const SamplerRaceLazy = dynamic(() => import('./sampler-race').then((m) => m.SamplerRace), { ssr: false, loading });
export const DdimInversionLazy = dynamic(() => import('./ddim-inversion').then((m) => m.DdimInversion), { ssr: false, loading });
export const GuidanceExplorerLazy = dynamic(() => import('./guidance-explorer').then((m) => m.GuidanceExplorer), { ssr: false, loading });
