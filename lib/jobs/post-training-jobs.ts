import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/**
 * Post-training and the whole machine (lessons 13-14): diffu-GRPO on the known-language MDLM, the
 * log-probability estimators against the exact value, test-time scaling, and the roofline.
 */
export const POST_TRAINING_JOBS: JobTable = {
  'diffu-grpo-train': lazyJob(() => import('@/lib/post-training/rl-job'), (m) => m.runDiffuGrpoTrainJob),
  'logprob-estimator': lazyJob(() => import('@/lib/post-training/estimator-job'), (m) => m.runEstimatorJob),
  'test-time-scaling': lazyJob(() => import('@/lib/post-training/test-time-job'), (m) => m.runTestTimeJob),
  roofline: lazyJob(() => import('@/lib/machine/roofline-job'), (m) => m.runRooflineJob),
};
