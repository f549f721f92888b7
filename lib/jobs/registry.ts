import type { Job, JobContext, JobTable } from '@/lib/runtime/protocol';
import { createJob as createFromTable } from '@/lib/runtime/job-table';
import { SHELL_JOBS } from './shell-jobs';
import { DLLM_JOBS } from './dllm-jobs';
import { GAUSSIAN_JOBS } from './gaussian-jobs';
import { DISCRETE_JOBS } from './discrete-jobs';

/**
 * Every job the model worker can run: one table per course part, listed here and nothing more.
 * A new job goes in its part's table; a new part adds one table to this list.
 */
export const JOBS: JobTable = { ...SHELL_JOBS, ...DLLM_JOBS, ...GAUSSIAN_JOBS, ...DISCRETE_JOBS };

export function createJob(name: string, params: unknown, context: JobContext): Promise<Job> {
  return createFromTable(JOBS, name, params, context);
}
