import type { Job, JobContext, JobTable } from '@/lib/runtime/protocol';
import { createJob as createFromTable, mergeJobTables } from '@/lib/runtime/job-table';
import { SHELL_JOBS } from './shell-jobs';
import { DLLM_JOBS } from './dllm-jobs';
import { GAUSSIAN_JOBS } from './gaussian-jobs';
import { DISCRETE_JOBS } from './discrete-jobs';
import { FAST_JOBS } from './fast-jobs';
import { POST_TRAINING_JOBS } from './post-training-jobs';

/**
 * Every job the model worker can run: one table per course part, listed here and nothing more.
 * A new job goes in its part's table; a new part adds one table to this list.
 */
export const JOB_TABLES: Record<string, JobTable> = { shell: SHELL_JOBS, dllm: DLLM_JOBS, gaussian: GAUSSIAN_JOBS, discrete: DISCRETE_JOBS, fast: FAST_JOBS, postTraining: POST_TRAINING_JOBS };

/** Merged once at load; a job name in two tables throws here, naming both. */
export const JOBS: JobTable = mergeJobTables(JOB_TABLES);

export function createJob(name: string, params: unknown, context: JobContext): Promise<Job> {
  return createFromTable(JOBS, name, params, context);
}
