'use client';
/**
 * The widgets of lessons 10-12 (block diffusion, caching, parallel decoding), each loaded after the
 * page so D3 and their code never weigh on a lesson's first load (model work runs in the workers).
 */
import dynamic from 'next/dynamic';
import './fast-lessons.css';
import { FigureLoading } from '../shared/figure-loading';

const loading = () => <FigureLoading className="fast-loading" />;

export const BlockMaskExplorerLazy = dynamic(() => import('./block-mask-explorer').then((m) => m.BlockMaskExplorer), { ssr: false, loading });
export const BlockTimelineLazy = dynamic(() => import('./block-timeline').then((m) => m.BlockTimeline), { ssr: false, loading });
export const CacheDriftHeatmapLazy = dynamic(() => import('./cache-drift-heatmap').then((m) => m.CacheDriftHeatmap), { ssr: false, loading });
export const CacheCostLazy = dynamic(() => import('./cache-cost').then((m) => m.CacheCost), { ssr: false, loading });
export const JointVsProductLazy = dynamic(() => import('./joint-vs-product').then((m) => m.JointVsProduct), { ssr: false, loading });
export const FrontierLabLazy = dynamic(() => import('./frontier-lab').then((m) => m.FrontierLab), { ssr: false, loading });
export const FillOrderLazy = dynamic(() => import('./fill-order').then((m) => m.FillOrder), { ssr: false, loading });
export const DecoderArenaLazy = dynamic(() => import('./decoder-arena').then((m) => m.DecoderArena), { ssr: false, loading });
