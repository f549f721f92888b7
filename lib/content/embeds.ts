/**
 * The widgets a page elsewhere may embed in an iframe (/embed/<id>), with the lesson each comes from
 * and the props its address may set. One typed table: the embed route, its tests and the lesson
 * "Embed" hints all read it. Pure (no React), so unit tests check it against the registry and course.
 */
import type { RegisteredComponent } from './registered-components';
import { LAB_METHODS } from '../dllm/lab/lab-methods';

/** A prop the address may set: one of a fixed list of values. */
export interface EmbedParam {
  values: readonly string[];
  /** What it changes, for the error message. */
  describes: string;
}

export interface EmbedSpec {
  component: RegisteredComponent;
  title: string;
  /** The lesson the widget is explained in (a slug on the course path). */
  lesson: string;
  params: Readonly<Record<string, EmbedParam>>;
}

export const EMBEDS = {
  'your-machine': { component: 'YourMachine', title: 'Your machine: tfjs backends and matMul speed', lesson: 'welcome', params: {} },
  'dllm-race': {
    component: 'DllmRace', title: 'A diffusion LM races its autoregressive twin', lesson: 'autoregression',
    // ar-kv is the twin every race runs against, so it is not a contender.
    params: { method: { values: LAB_METHODS.filter((m) => m !== 'ar-kv'), describes: 'the decoding method of the diffusion model' } },
  },
  'noise-explorer': { component: 'NoiseExplorer', title: 'Points and images dissolving into noise', lesson: 'noise', params: {} },
  'schedule-curves': { component: 'ScheduleCurves', title: 'Linear and cosine noise schedules', lesson: 'noise', params: {} },
  'forward-routes': { component: 'ForwardRoutes', title: 'Closed-form jump vs step-by-step noising', lesson: 'noise', params: {} },
  'denoiser-lab': { component: 'DenoiserLab', title: 'Train a 2D denoiser and sample with DDPM', lesson: 'ddpm', params: {} },
  'score-explorer': { component: 'ScoreExplorer', title: 'The learned score field and Langevin dynamics', lesson: 'score', params: {} },
  'sampler-race': { component: 'SamplerRace', title: 'DDIM vs DDPM: steps, quality and time', lesson: 'ddim', params: {} },
  'ddim-inversion': { component: 'DdimInversion', title: 'DDIM inversion of a point and back', lesson: 'ddim', params: {} },
  'guidance-explorer': { component: 'GuidanceExplorer', title: 'Classifier-free guidance scale', lesson: 'guidance', params: {} },
  'latent-guidance': { component: 'LatentGuidance', title: 'Guided diffusion in an autoencoder’s 2D latent space', lesson: 'guidance', params: {} },
  'id-noise-demo': { component: 'IdNoiseDemo', title: 'Gaussian noise on token ids', lesson: 'discrete', params: {} },
  'transition-matrices': { component: 'TransitionMatrices', title: 'Uniform and absorbing transition matrices', lesson: 'discrete', params: {} },
  'corruption-scrubber': { component: 'CorruptionScrubber', title: 'Corrupt a sentence token by token', lesson: 'discrete', params: {} },
  'sedd-scores': { component: 'SeddScores', title: 'The concrete score of a toy distribution', lesson: 'sedd', params: {} },
  'sedd-samplers': { component: 'SeddSamplers', title: 'Euler vs Tweedie tau-leaping', lesson: 'sedd', params: {} },
  'sedd-live-training': { component: 'SeddLiveTraining', title: 'Train a SEDD model: learned vs true ratios, Euler vs Tweedie', lesson: 'sedd', params: {} },
  'nelbo-terms': { component: 'NelboTerms', title: 'The masked-diffusion NELBO term by term', lesson: 'masked-diffusion', params: {} },
  'remasking-compare': { component: 'RemaskingCompare', title: 'Low-confidence vs random remasking', lesson: 'masked-diffusion', params: {} },
  'remasking-quality': { component: 'RemaskingQuality', title: 'Remasking and held-out quality', lesson: 'masked-diffusion', params: {} },
  'short-remasking-quality': { component: 'KnownLanguageRemaskingQuality', title: 'Remasking rules on a small masked diffusion model', lesson: 'masked-diffusion', params: {} },
  'block-mask': { component: 'BlockMaskExplorer', title: 'The block diffusion attention mask (training 2L and sampling)', lesson: 'block-diffusion', params: {} },
  'block-timeline': { component: 'BlockTimeline', title: 'Block-by-block decoding with an exact prefix cache', lesson: 'block-diffusion', params: {} },
  'cache-drift': { component: 'CacheDriftHeatmap', title: 'Drift of approximate prefix and dual caches', lesson: 'caching', params: {} },
  'cache-cost': { component: 'CacheCost', title: 'Cost per pass and agreement, cached vs uncached', lesson: 'caching', params: {} },
  'joint-vs-product': { component: 'JointVsProduct', title: 'Two dependent tokens: joint vs product of marginals', lesson: 'parallel-decoding', params: {} },
  'frontier-lab': { component: 'FrontierLab', title: 'Accuracy vs parallelism and speed, every rule measured live', lesson: 'parallel-decoding', params: {} },
  'fill-order': { component: 'FillOrder', title: 'The order a diffusion model fills a sum', lesson: 'parallel-decoding', params: {} },
  'decoder-arena': { component: 'DecoderArena', title: 'The decoder arena: race your own unmasking rule', lesson: 'parallel-decoding', params: {} },
  'rl-loop': { component: 'RlLoop', title: 'diffu-GRPO in the browser: reward curve and held-out gain', lesson: 'post-training', params: {} },
  'logprob-estimator': { component: 'LogProbEstimator', title: 'The one-pass log-probability estimate vs the exact value', lesson: 'post-training', params: {} },
  'test-time-curve': { component: 'TestTimeCurve', title: 'Test-time scaling with a verifier: accuracy against compute', lesson: 'post-training', params: {} },
  'rollout-speed': { component: 'RolloutSpeed', title: 'Rollouts per second, AR vs diffusion, and the RL budget', lesson: 'post-training', params: {} },
  roofline: {
    component: 'RooflineInYourBrowser', title: 'A roofline in your browser: ms per pass against tokens per pass', lesson: 'the-whole-machine',
    params: {
      backends: { values: ['webgpu,webgl,wasm,cpu', 'webgpu,wasm', 'webgpu', 'webgl', 'wasm', 'cpu'], describes: 'the backends to measure' },
      maxTokens: { values: ['16', '32', '64', '128', '256'], describes: 'the largest pass measured, in tokens' },
    },
  },
  'speedup-waterfall': { component: 'SpeedupWaterfall', title: 'The speed-up waterfall, one idea at a time', lesson: 'the-whole-machine', params: {} },
} as const satisfies Record<string, EmbedSpec>;

export type EmbedId = keyof typeof EMBEDS;
export const EMBED_IDS = Object.keys(EMBEDS) as EmbedId[];

export function isEmbedId(id: string): id is EmbedId {
  return Object.hasOwn(EMBEDS, id);
}

/** Address parameters every page understands, so an embed passes them through silently. */
const PAGE_PARAMS = new Set(['backend']);

export interface EmbedProps {
  props: Record<string, string>;
  /** One sentence per ignored parameter, for the reader. */
  problems: string[];
}

/**
 * The props an embed address sets, checked against the widget's table: unknown names and values
 * outside the list are ignored with a message (the widget then uses its default), never thrown.
 */
export function embedPropsFromQuery(id: EmbedId, query: Iterable<[string, string]>): EmbedProps {
  const spec: EmbedSpec = EMBEDS[id];
  const props: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of query) {
    if (PAGE_PARAMS.has(name)) continue;
    const param = Object.hasOwn(spec.params, name) ? spec.params[name] : undefined;
    if (!param) {
      const known = Object.keys(spec.params);
      problems.push(`“${name}” is not a setting of this widget${known.length ? ` (it has: ${known.join(', ')})` : ' (it has none)'}; ignored.`);
    } else if (!param.values.includes(value)) {
      problems.push(`“${value}” is not a valid ${name} (${param.describes}); expected one of ${param.values.join(', ')}. Using the default.`);
    } else {
      props[name] = value;
    }
  }
  return { props, problems };
}

/** For a mistyped address: the known ids closest by edit distance. */
export function suggestEmbeds(id: string, limit = 3): EmbedId[] {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const up = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = up;
      }
    }
    return row[b.length];
  };
  const wanted = id.toLowerCase();
  return [...EMBED_IDS].sort((a, b) => distance(wanted, a) - distance(wanted, b)).slice(0, limit);
}
