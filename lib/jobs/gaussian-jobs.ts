import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/** Gaussian diffusion (lessons 03-06): 2D points (lib/diffusion/gaussian/jobs/) and latent glyphs (…/latent/). */
export const GAUSSIAN_JOBS: JobTable = {
  'train-denoiser-2d': lazyJob(() => import('@/lib/diffusion/gaussian/jobs/train-denoiser-job'), (m) => m.trainDenoiserJob),
  'sample-2d': lazyJob(() => import('@/lib/diffusion/gaussian/jobs/sample-2d-job'), (m) => m.sample2dJob),
  'score-field-2d': lazyJob(() => import('@/lib/diffusion/gaussian/jobs/score-field-job'), (m) => m.scoreFieldJob),
  'langevin-2d': lazyJob(() => import('@/lib/diffusion/gaussian/jobs/langevin-job'), (m) => m.langevinJob),
  'ddim-invert-2d': lazyJob(() => import('@/lib/diffusion/gaussian/jobs/ddim-invert-job'), (m) => m.ddimInvertJob),
  'latent-guidance-sample': lazyJob(() => import('@/lib/diffusion/gaussian/latent/latent-sample-job'), (m) => m.latentSampleJob),
  'train-latent-denoiser': lazyJob(() => import('@/lib/diffusion/gaussian/latent/latent-train-job'), (m) => m.latentTrainJob),
};
