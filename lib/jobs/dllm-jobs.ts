import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/** The dLLM race (lessons 00-01 and /lab/dllm): the shipped models decoding one prompt. */
export const DLLM_JOBS: JobTable = {
  'dllm-decode': lazyJob(() => import('@/lib/dllm/lab/lab-decode'), (m) => m.runLabDecode),
  'kv-cache-cost': lazyJob(() => import('@/lib/dllm/kv-cache-cost-job'), (m) => m.runKvCacheCost),
  'ar-next-token': lazyJob(() => import('@/lib/dllm/next-token-job'), (m) => m.runNextToken),
};
