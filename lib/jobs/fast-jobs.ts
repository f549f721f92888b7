import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/** Faster than autoregression (lessons 10-12): block diffusion, caches, parallel decoding. */
export const FAST_JOBS: JobTable = {
  'block-timeline': lazyJob(() => import('@/lib/dllm/course/block-timeline-job'), (m) => m.runBlockTimeline),
  'cache-drift': lazyJob(() => import('@/lib/dllm/course/cache-drift-job'), (m) => m.runCacheDrift),
  'cache-compare': lazyJob(() => import('@/lib/dllm/course/cache-compare-job'), (m) => m.runCacheCompare),
  'frontier-point': lazyJob(() => import('@/lib/dllm/course/frontier-job'), (m) => m.runFrontierPoint),
};
