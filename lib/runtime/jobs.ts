import type { Job } from './job-runner';

/**
 * What the worker lends a job: I/O that lib/ may not do itself (lib/ is pure, so it never calls
 * fetch). A job that loads weights asks the context for their bytes.
 */
export interface JobContext {
  /** Bytes of a file served by the site (a URL path such as /models/ar/v3/weights.bin). */
  fetchBytes(url: string): Promise<ArrayBuffer>;
}

/**
 * Every job a model worker can run, by name. Factories import their module lazily so a worker
 * loads only the code of the jobs it is asked for. Add new jobs (training, sampling, decoding) here.
 */
export const JOBS: Record<string, (params: unknown, context: JobContext) => Promise<Job>> = {
  'matmul-benchmark': async (params) => {
    const { benchmarkMatmul } = await import('../tensor/matmul-benchmark');
    return benchmarkMatmul(params as Parameters<typeof benchmarkMatmul>[0]);
  },
  'dllm-decode': async (params, context) => {
    const { runLabDecode } = await import('../dllm/lab/lab-decode');
    return runLabDecode(params as Parameters<typeof runLabDecode>[0], context);
  },
  // Discrete diffusion (lessons 07-09): the MDLM NELBO term by term, remasking compared.
  'mdlm-nelbo': async (params, context) => {
    const { runNelboJob } = await import('../dllm/lab/nelbo-job');
    return runNelboJob(params as Parameters<typeof runNelboJob>[0], context);
  },
  'remasking-decode': async (params, context) => {
    const { runRemaskingDecode } = await import('../dllm/lab/remasking-compare');
    return runRemaskingDecode(params as Parameters<typeof runRemaskingDecode>[0], context);
  },
  'sedd-toy-sample': async (params) => {
    const { runSeddToyJob } = await import('../diffusion/discrete/sedd-toy-job');
    return runSeddToyJob(params as Parameters<typeof runSeddToyJob>[0]);
  },
  'remasking-quality': async (params, context) => {
    const { runRemaskingQuality } = await import('../dllm/lab/remasking-quality');
    return runRemaskingQuality(params as Parameters<typeof runRemaskingQuality>[0], context);
  },
  // The short SEDD / MDLM models (lessons 08-09): lib/diffusion/discrete/short-jobs.ts.
  'short-train': async (params, context) => {
    const { runShortTrainJob } = await import('../diffusion/discrete/short-jobs');
    return runShortTrainJob(params as Parameters<typeof runShortTrainJob>[0], context);
  },
  'short-ratios': async (params, context) => {
    const { runShortRatiosJob } = await import('../diffusion/discrete/short-jobs');
    return runShortRatiosJob(params as Parameters<typeof runShortRatiosJob>[0], context);
  },
  'short-sample': async (params, context) => {
    const { runShortSampleJob } = await import('../diffusion/discrete/short-jobs');
    return runShortSampleJob(params as Parameters<typeof runShortSampleJob>[0], context);
  },
  'short-remasking': async (params, context) => {
    const { runShortRemaskingJob } = await import('../diffusion/discrete/short-jobs');
    return runShortRemaskingJob(params as Parameters<typeof runShortRemaskingJob>[0], context);
  },
  // Gaussian diffusion on 2D points (lessons 03-06): lib/diffusion/gaussian-jobs/.
  'train-denoiser-2d': async (params, context) => {
    const { trainDenoiserJob } = await import('../diffusion/gaussian-jobs/train-denoiser-job');
    return trainDenoiserJob(params as Parameters<typeof trainDenoiserJob>[0], context);
  },
  'sample-2d': async (params, context) => {
    const { sample2dJob } = await import('../diffusion/gaussian-jobs/sample-2d-job');
    return sample2dJob(params as Parameters<typeof sample2dJob>[0], context);
  },
  'score-field-2d': async (params, context) => {
    const { scoreFieldJob } = await import('../diffusion/gaussian-jobs/score-field-job');
    return scoreFieldJob(params as Parameters<typeof scoreFieldJob>[0], context);
  },
  'langevin-2d': async (params, context) => {
    const { langevinJob } = await import('../diffusion/gaussian-jobs/langevin-job');
    return langevinJob(params as Parameters<typeof langevinJob>[0], context);
  },
  'ddim-invert-2d': async (params, context) => {
    const { ddimInvertJob } = await import('../diffusion/gaussian-jobs/ddim-invert-job');
    return ddimInvertJob(params as Parameters<typeof ddimInvertJob>[0], context);
  },
  // Latent diffusion on glyphs (lesson 06): lib/diffusion/latent/.
  'latent-guidance-sample': async (params, context) => {
    const { latentSampleJob } = await import('../diffusion/latent/latent-sample-job');
    return latentSampleJob(params as Parameters<typeof latentSampleJob>[0], context);
  },
  'train-latent-denoiser': async (params, context) => {
    const { latentTrainJob } = await import('../diffusion/latent/latent-train-job');
    return latentTrainJob(params as Parameters<typeof latentTrainJob>[0], context);
  },
};

export function createJob(name: string, params: unknown, context: JobContext): Promise<Job> {
  const factory = JOBS[name];
  if (!factory) throw new Error(`Unknown job "${name}"; known jobs: ${Object.keys(JOBS).join(', ')}`);
  return factory(params, context);
}
