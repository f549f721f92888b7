/**
 * The only component names a lesson may use. The build rejects any other capitalised tag, and
 * components/mdx/registry.tsx must provide exactly these (checked by the type system). Kept in a file without
 * React so the MDX build step on the server can read it.
 */
export const REGISTERED_COMPONENTS = [
  'Callout', 'DllmRace', 'KeyIdea', 'Recap', 'RunnableCell', 'YourMachine',
  // Autoregression (lesson 01)
  'KvCacheCost',
  // Gaussian diffusion (lessons 02-06)
  'NoiseExplorer', 'ScheduleCurves', 'ForwardRoutes', 'NumberExercise', 'DenoiserLab',
  'ScoreExplorer', 'SamplerRace', 'DdimInversion', 'GuidanceExplorer', 'LatentGuidance',
  // Discrete diffusion (lessons 07-09)
  'IdNoiseDemo', 'TransitionMatrices', 'CorruptionScrubber', 'DiscreteExercise', 'NelboTerms',
  'RemaskingCompare', 'RemaskingQuality', 'SeddScores', 'SeddSamplers',
  // Known-language SEDD / MDLM models trained in the page (lessons 08-09)
  'SeddLiveTraining', 'KnownLanguageRemaskingQuality',
  // Faster than autoregression (lessons 10-12)
  'BlockMaskExplorer', 'BlockTimeline', 'CacheDriftHeatmap', 'CacheCost', 'JointVsProduct', 'FrontierLab', 'FillOrder', 'DecoderArena',
  // Post-training and the whole machine (lessons 13-14)
  'RlLoop', 'LogProbEstimator', 'TestTimeCurve', 'RolloutSpeed', 'RooflineInYourBrowser', 'SpeedupWaterfall',
  // Exercises shared by every lesson (code exercises are ```ts run check=ID``` cells)
  'Predict',
  // Lesson 01: temperature and top-k on the autoregressive twin
  'SamplingBars',
] as const;

export type RegisteredComponent = (typeof REGISTERED_COMPONENTS)[number];
