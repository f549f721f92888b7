import type { JobTable } from '@/lib/runtime/protocol';
import { lazyJob } from '@/lib/runtime/job-table';

/**
 * Discrete diffusion (lessons 07-09): SEDD's exact toy, the known-language models trained in the
 * page, and the shipped MDLM's NELBO and remasking (which live with the dLLM code in lib/dllm/lab/).
 */
export const DISCRETE_JOBS: JobTable = {
  'sedd-toy-sample': lazyJob(() => import('@/lib/diffusion/discrete/sedd-toy-job'), (m) => m.runSeddToyJob),
  'known-language-train': lazyJob(() => import('@/lib/diffusion/discrete/known-language/jobs'), (m) => m.runKnownLanguageTrainJob),
  'known-language-ratios': lazyJob(() => import('@/lib/diffusion/discrete/known-language/jobs'), (m) => m.runKnownLanguageRatiosJob),
  'known-language-sample': lazyJob(() => import('@/lib/diffusion/discrete/known-language/jobs'), (m) => m.runKnownLanguageSampleJob),
  'known-language-remasking': lazyJob(() => import('@/lib/diffusion/discrete/known-language/jobs'), (m) => m.runKnownLanguageRemaskingJob),
  'mdlm-nelbo': lazyJob(() => import('@/lib/dllm/lab/nelbo-job'), (m) => m.runNelboJob),
  'remasking-decode': lazyJob(() => import('@/lib/dllm/lab/remasking-compare'), (m) => m.runRemaskingDecode),
  'remasking-quality': lazyJob(() => import('@/lib/dllm/lab/remasking-quality'), (m) => m.runRemaskingQuality),
};
