import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/** The course shell's jobs: the "your machine" benchmark of lesson 00. */
export const SHELL_JOBS: JobTable = {
  'matmul-benchmark': lazyJob(() => import('@/lib/tensor/matmul-benchmark'), (m) => m.benchmarkMatmul),
};
