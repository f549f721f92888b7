'use client';
/**
 * The known-language widgets of lessons 08 and 09, loaded after the page (tfjs only ever runs in the
 * model worker).
 */
import dynamic from 'next/dynamic';
import '../discrete.css';
import '../../gaussian/gaussian.css';
import './known-language.css';
import { FigureLoading } from '../../shared/figure-loading';

const loading = () => <FigureLoading className="discrete-loading" />;

export const SeddLiveTrainingLazy = dynamic(() => import('./sedd-live-training').then((m) => m.SeddLiveTraining), { ssr: false, loading });
export const KnownLanguageRemaskingQualityLazy = dynamic(() => import('./known-language-remasking-quality').then((m) => m.KnownLanguageRemaskingQuality), { ssr: false, loading });
