/**
 * The course path (shared/design/COURSE.md): every lesson, written or not, in order.
 * The map draws all of them; a lesson becomes a link once content/lessons/NN-slug.mdx exists.
 */
export interface CourseStop {
  order: number;
  slug: string;
  title: string;
  /** One line: what the lesson teaches. */
  teaches: string;
  /** The part of the journey it belongs to (drawn as a stretch of the path). */
  part: CoursePart;
}

export type CoursePart = 'start' | 'gaussian' | 'discrete' | 'fast';

export const COURSE_PARTS: Record<CoursePart, string> = {
  start: 'Where we start',
  gaussian: 'Undoing Gaussian noise',
  discrete: 'Undoing masks',
  fast: 'Faster than autoregression',
};

export const COURSE_PATH: readonly CourseStop[] = [
  { order: 0, slug: 'welcome', title: 'Welcome', part: 'start', teaches: 'The map: autoregression vs diffusion, and why speed is quality.' },
  { order: 1, slug: 'autoregression', title: 'Autoregression', part: 'start', teaches: 'The chain rule, a character-level transformer, sampling, the KV cache, why decoding is sequential.' },
  { order: 2, slug: 'noise', title: 'Noise', part: 'gaussian', teaches: 'The forward process, the closed form of q(x_t | x_0), linear and cosine schedules, signal-to-noise.' },
  { order: 3, slug: 'ddpm', title: 'DDPM', part: 'gaussian', teaches: 'Epsilon prediction, the simple loss, ancestral sampling over T steps.' },
  { order: 4, slug: 'score', title: 'Score', part: 'gaussian', teaches: 'The score function, Langevin dynamics, denoising score matching.' },
  { order: 5, slug: 'ddim', title: 'DDIM', part: 'gaussian', teaches: 'The non-Markovian sampler, eta, few-step sampling, inversion.' },
  { order: 6, slug: 'guidance', title: 'Guidance', part: 'gaussian', teaches: 'Conditioning, classifier-free guidance, diffusion in a latent space.' },
  { order: 7, slug: 'discrete', title: 'Discrete diffusion', part: 'discrete', teaches: 'Why Gaussian noise fails for text; D3PM transition matrices.' },
  { order: 8, slug: 'sedd', title: 'SEDD', part: 'discrete', teaches: 'The concrete score, the score entropy loss, tau-leaping samplers.' },
  { order: 9, slug: 'masked-diffusion', title: 'Masked diffusion', part: 'discrete', teaches: 'The absorbing process, the MDLM NELBO, low-confidence remasking.' },
  { order: 10, slug: 'block-diffusion', title: 'Block diffusion', part: 'fast', teaches: 'Semi-autoregressive blocks, the block-causal mask, the 2L training trick.' },
  { order: 11, slug: 'caching', title: 'Caching', part: 'fast', teaches: 'Exact prefix caches for blocks, approximate prefix and dual caches for bidirectional models.' },
  { order: 12, slug: 'parallel-decoding', title: 'Parallel decoding', part: 'fast', teaches: 'Confidence threshold and factor rules, APD, when parallel unmasking breaks.' },
  { order: 13, slug: 'post-training', title: 'Post-training', part: 'fast', teaches: 'Masked SFT, diffu-GRPO with a one-pass log-probability estimate (RL in the page), test-time scaling with a verifier.' },
  { order: 14, slug: 'the-whole-machine', title: 'The whole machine', part: 'fast', teaches: 'A roofline measured in your browser, the race with every knob, a speed-up waterfall and a regime map: where each approach wins.' },
];

/** File name of a lesson's MDX source: `NN-slug.mdx`. */
export function lessonFileName(stop: Pick<CourseStop, 'order' | 'slug'>): string {
  return `${String(stop.order).padStart(2, '0')}-${stop.slug}.mdx`;
}
