import type { Job } from './job-runner';

/**
 * Every job a model worker can run, by name. Factories import their module lazily so a worker
 * loads only the code of the jobs it is asked for. Add new jobs (training, sampling, decoding) here.
 */
export const JOBS: Record<string, (params: unknown) => Promise<Job>> = {
  'matmul-benchmark': async (params) => {
    const { benchmarkMatmul } = await import('../tensor/matmul-benchmark');
    return benchmarkMatmul(params as Parameters<typeof benchmarkMatmul>[0]);
  },
};

export function createJob(name: string, params: unknown): Promise<Job> {
  const factory = JOBS[name];
  if (!factory) throw new Error(`Unknown job "${name}"; known jobs: ${Object.keys(JOBS).join(', ')}`);
  return factory(params);
}
