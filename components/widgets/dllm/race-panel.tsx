'use client';
import { useEffect, useRef } from 'react';
import type { LabResult, LabStep } from '@/lib/dllm/lab/lab-decode';
import { describeTimeline, renderUnmaskTimeline } from '@/components/viz/unmask-timeline';
import { useMeasuredWidth } from '@/components/hooks/use-measured-width';

export interface RunState {
  /** 'waiting': the other racer runs first (each is timed alone). */
  status: 'idle' | 'waiting' | 'running' | 'done' | 'stopped' | 'error';
  steps: LabStep[];
  result?: LabResult;
  error?: string;
}

/** One side of the race: the answer as it appears, the timeline, and the counters. */
export function RacePanel({ testId, title, state, genLength }: { testId: string; title: string; state: RunState; genLength: number }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref: boxRef, width } = useMeasuredWidth<HTMLDivElement>();
  const last = state.steps.at(-1);
  const length = last?.answer.length ?? genLength;
  const timeline = { length, steps: state.steps };

  useEffect(() => {
    if (svgRef.current && width > 0) renderUnmaskTimeline(svgRef.current, timeline, { width });
  });

  const answer = last ? last.answer.map((c) => (c === null ? '_' : c)).join('') : '';
  const r = state.result;
  return (
    <div className="race-panel" data-testid={testId} data-status={state.status}>
      <h4>{title}</h4>
      <p className="race-panel__answer" aria-live="polite" data-testid={`${testId}-answer`}>
        {r ? r.answerText || '(empty answer)' : answer || (state.status === 'running' ? 'loading the model…' : state.status === 'waiting' ? 'waits for the other racer (each is timed alone)' : '—')}
      </p>
      <div ref={boxRef} className="race-panel__timeline">
        <svg ref={svgRef} role="img" aria-label={`Unmasking timeline: ${describeTimeline(timeline)}`} />
      </div>
      <dl className="facts race-panel__facts">
        <dt>Forward passes</dt>
        <dd data-testid={`${testId}-nfe`}>{last?.nfe ?? 0}</dd>
        <dt>Steps</dt>
        <dd>{state.steps.length}</dd>
        <dt>Tokens per pass</dt>
        <dd data-testid={`${testId}-tpp`} title="answer tokens, [EOS] included, per forward pass">{r ? r.tokensPerForward.toFixed(2) : '…'}</dd>
        <dt>Wall time</dt>
        <dd data-testid={`${testId}-ms`}>{r ? `${r.elapsedMs.toFixed(0)} ms` : '…'}</dd>
        <dt>Tokens per second</dt>
        <dd data-testid={`${testId}-tps`}>{r ? r.tokensPerSecond.toFixed(1) : '…'}</dd>
        {r && r.correct !== null ? (
          <>
            <dt>Answer</dt>
            <dd data-testid={`${testId}-correct`}>{r.correct ? 'correct' : 'wrong'}</dd>
          </>
        ) : null}
        {r && r.storyValid !== null ? (
          <>
            <dt>Story</dt>
            <dd>{r.storyValid ? 'grammatical and consistent' : 'breaks the grammar or its consistency'}</dd>
          </>
        ) : null}
      </dl>
      {state.status === 'error' ? <p className="notice notice--warning" role="alert">{state.error}</p> : null}
      {state.status === 'stopped' ? <p className="race-panel__note">Stopped.</p> : null}
    </div>
  );
}
