'use client';
/**
 * The widgets of lesson 13 (post-training), loaded after the page (tfjs only ever runs in the model worker).
 */
import dynamic from 'next/dynamic';
import './post-training.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading />;

export const RlLoopLazy = dynamic(() => import('./rl-loop').then((m) => m.RlLoop), { ssr: false, loading });
export const LogProbEstimatorLazy = dynamic(() => import('./logprob-estimator').then((m) => m.LogProbEstimator), { ssr: false, loading });
export const TestTimeCurveLazy = dynamic(() => import('./test-time-curve').then((m) => m.TestTimeCurve), { ssr: false, loading });
export const RolloutSpeedLazy = dynamic(() => import('./rollout-speed').then((m) => m.RolloutSpeed), { ssr: false, loading });
