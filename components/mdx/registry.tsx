'use client';
import type { ComponentType } from 'react';
import type { RegisteredComponent } from '@/lib/content/registered-components';
import { Callout, KeyIdea, Recap } from './callouts';
import { PredictLazy, RunnableCellLazy, YourMachineLazy } from './prose-lazy';
import { DllmRaceLazy } from '../widgets/dllm/dllm-race-lazy';
import { KvCacheCostLazy } from '../widgets/dllm/kv-cache-lazy';
import {
  DdimInversionLazy, DenoiserLabLazy, ForwardRoutesLazy, GuidanceExplorerLazy, NoiseExplorerLazy, NumberExerciseLazy, SamplerRaceLazy,
  ScheduleCurvesLazy, ScoreExplorerLazy,
} from '../widgets/gaussian/gaussian-lazy';
import { LatentGuidanceLazy } from '../widgets/gaussian/latent-guidance-lazy';
import {
  CorruptionScrubberLazy, DiscreteExerciseLazy, IdNoiseDemoLazy, NelboTermsLazy, RemaskingCompareLazy, RemaskingQualityLazy,
  SeddSamplersLazy, SeddScoresLazy, TransitionMatricesLazy,
} from '../widgets/discrete/discrete-lazy';
import { SeddLiveTrainingLazy, KnownLanguageRemaskingQualityLazy } from '../widgets/discrete/known-language/known-language-lazy';
import {
  BlockMaskExplorerLazy, BlockTimelineLazy, CacheCostLazy, CacheDriftHeatmapLazy, DecoderArenaLazy, FillOrderLazy, FrontierLabLazy, JointVsProductLazy,
} from '../widgets/dllm/fast-lessons-lazy';
import { LogProbEstimatorLazy, RlLoopLazy, RolloutSpeedLazy, TestTimeCurveLazy } from '../widgets/post-training/post-training-lazy';
import { RooflineInYourBrowserLazy, SpeedupWaterfallLazy } from '../widgets/machine/machine-lazy';
import { SamplingBarsLazy } from '../widgets/dllm/sampling-bars-lazy';

/**
 * The only components lessons may use, by name (no imports in MDX). The type makes this cover
 * exactly the names in lib/content/registered-components.ts, which the build checks lessons against.
 * Widgets that need tfjs do their heavy work in the model worker, so none of them brings tfjs into
 * the page's first load.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each component has its own props
export const registry: Record<RegisteredComponent, ComponentType<any>> = {
  Callout,
  DllmRace: DllmRaceLazy,
  KvCacheCost: KvCacheCostLazy,
  KeyIdea,
  Recap,
  RunnableCell: RunnableCellLazy,
  YourMachine: YourMachineLazy,
  NoiseExplorer: NoiseExplorerLazy,
  ScheduleCurves: ScheduleCurvesLazy,
  ForwardRoutes: ForwardRoutesLazy,
  NumberExercise: NumberExerciseLazy,
  DenoiserLab: DenoiserLabLazy,
  ScoreExplorer: ScoreExplorerLazy,
  SamplerRace: SamplerRaceLazy,
  DdimInversion: DdimInversionLazy,
  GuidanceExplorer: GuidanceExplorerLazy,
  LatentGuidance: LatentGuidanceLazy,
  IdNoiseDemo: IdNoiseDemoLazy,
  TransitionMatrices: TransitionMatricesLazy,
  CorruptionScrubber: CorruptionScrubberLazy,
  DiscreteExercise: DiscreteExerciseLazy,
  NelboTerms: NelboTermsLazy,
  RemaskingCompare: RemaskingCompareLazy,
  RemaskingQuality: RemaskingQualityLazy,
  SeddScores: SeddScoresLazy,
  SeddSamplers: SeddSamplersLazy,
  SeddLiveTraining: SeddLiveTrainingLazy,
  KnownLanguageRemaskingQuality: KnownLanguageRemaskingQualityLazy,
  BlockMaskExplorer: BlockMaskExplorerLazy,
  BlockTimeline: BlockTimelineLazy,
  CacheDriftHeatmap: CacheDriftHeatmapLazy,
  CacheCost: CacheCostLazy,
  JointVsProduct: JointVsProductLazy,
  FrontierLab: FrontierLabLazy,
  FillOrder: FillOrderLazy,
  DecoderArena: DecoderArenaLazy,
  RlLoop: RlLoopLazy,
  LogProbEstimator: LogProbEstimatorLazy,
  TestTimeCurve: TestTimeCurveLazy,
  RolloutSpeed: RolloutSpeedLazy,
  RooflineInYourBrowser: RooflineInYourBrowserLazy,
  SpeedupWaterfall: SpeedupWaterfallLazy,
  Predict: PredictLazy,
  SamplingBars: SamplingBarsLazy,
};
