'use client';
import type { LabResult } from '@/lib/dllm/lab/lab-decode';

const said = (r: LabResult) => (r.correct === null ? (r.storyValid ? 'a valid story' : 'an invalid story') : r.correct ? 'the right answer' : 'a wrong answer');

/** One sentence once both racers are done: who finished first, by how much, and whether each was right. */
export function RaceVerdict({ dllm, ar }: { dllm?: LabResult; ar?: LabResult }) {
  if (!dllm || !ar) return null;
  const ratio = ar.elapsedMs / Math.max(dllm.elapsedMs, 1e-6);
  const faster = ratio >= 1;
  return (
    <p className="race-verdict" data-testid="race-verdict" data-winner={faster ? 'dllm' : 'ar'}>
      The diffusion model wrote {said(dllm)} in {dllm.elapsedMs.toFixed(0)} ms ({dllm.nfe} passes, {dllm.tokensPerForward.toFixed(2)} tokens per pass);
      the autoregressive twin wrote {said(ar)} in {ar.elapsedMs.toFixed(0)} ms ({ar.nfe} passes).{' '}
      <strong>{faster ? `Diffusion was ${ratio.toFixed(1)}x faster.` : `The twin was ${(1 / ratio).toFixed(1)}x faster.`}</strong>{' '}
      Each was timed alone, one after the other, on this page&apos;s backend.
    </p>
  );
}
