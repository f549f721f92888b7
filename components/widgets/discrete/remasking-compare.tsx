'use client';
/**
 * Low-confidence vs random remasking side by side on the same prompt (lesson 09): the shipped MDLM
 * model decodes in the page's worker ('remasking-decode' job) with each rule, and each run is drawn
 * as an unmasking timeline (position x step, colour = the model's confidence when it was decided).
 *
 * Usage in MDX: <RemaskingCompare />
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Remasking } from '@/lib/dllm/denoise';
import { heldOutStoryPrefixes, heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';
import type { RemaskingDecodeResult, RemaskingStep } from '@/lib/dllm/lab/remasking-compare';
import { describeTimeline, renderUnmaskTimeline } from '@/components/viz/unmask-timeline';
import { useMeasuredWidth } from '@/components/hooks/use-measured-width';
import { useWorkerJob } from '@/components/hooks/use-worker-job';

interface Run {
  steps: RemaskingStep[];
  result: RemaskingDecodeResult | null;
}

const EMPTY: Run = { steps: [], result: null };

function Panel({ rule, run, status, genLength }: { rule: Remasking; run: Run; status: string; genLength: number }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref: boxRef, width } = useMeasuredWidth<HTMLDivElement>();
  const last = run.steps.at(-1);
  const timeline = { length: last?.answer.length ?? genLength, steps: run.steps };
  useEffect(() => {
    if (svgRef.current && width > 0) renderUnmaskTimeline(svgRef.current, timeline, { width });
  });
  const partial = last ? last.answer.map((c) => (c === null ? '_' : c)).join('') : '';
  const meanConfidence = run.steps.length
    ? run.steps.flatMap((s) => s.confidences).reduce((a, b) => a + b, 0) / Math.max(1, run.steps.reduce((n, s) => n + s.confidences.length, 0))
    : null;
  return (
    <div className="race-panel" data-testid={`remask-${rule}`} data-status={status}>
      <h4>{rule === 'low-confidence' ? 'Low-confidence remasking (LLaDA)' : 'Random remasking'}</h4>
      <p className="race-panel__answer" aria-live="polite" data-testid={`remask-${rule}-answer`}>
        {run.result ? run.result.answerText || '(empty answer)' : partial || (status === 'running' ? 'loading the model…' : '—')}
      </p>
      <div ref={boxRef} className="race-panel__timeline">
        <svg ref={svgRef} role="img" aria-label={`Unmasking timeline: ${describeTimeline(timeline)}`} />
      </div>
      <dl className="facts race-panel__facts">
        <dt>Steps</dt><dd data-testid={`remask-${rule}-steps`}>{run.steps.length}</dd>
        <dt>Mean confidence</dt><dd data-testid={`remask-${rule}-confidence`}>{meanConfidence === null ? '…' : meanConfidence.toFixed(3)}</dd>
      </dl>
    </div>
  );
}

export function RemaskingCompare() {
  const id = useId();
  const prompts = useMemo(() => [...heldOutTaskPrompts(5).map((p) => p.prompt), ...heldOutStoryPrefixes(2)], []);
  const [prompt, setPrompt] = useState(prompts[0]);
  const [genLength, setGenLength] = useState(16);
  const [perStep, setPerStep] = useState(2);
  const [runs, setRuns] = useState<Record<Remasking, Run>>({ 'low-confidence': EMPTY, random: EMPTY });
  const low = useWorkerJob<RemaskingDecodeResult, RemaskingStep>();
  const rnd = useWorkerJob<RemaskingDecodeResult, RemaskingStep>();
  const running = low.status === 'running' || rnd.status === 'running';

  function run() {
    setRuns({ 'low-confidence': EMPTY, random: EMPTY });
    const steps = Math.ceil(genLength / perStep);
    for (const [rule, job] of [['low-confidence', low], ['random', rnd]] as const) {
      job.start('remasking-decode', { prompt, genLength, steps, remasking: rule, seed: 1 }, (step) =>
        setRuns((r) => ({ ...r, [rule]: { ...r[rule], steps: [...r[rule].steps, step] } })),
      ).then((result) => {
        if (result) setRuns((r) => ({ ...r, [rule]: { ...r[rule], result } }));
      });
    }
  }

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="remasking-compare">
      <h3 id={`${id}-title`}>Which masks to keep: low-confidence vs random</h3>
      <div className="race-controls">
        <label>
          Held-out prompt
          <select value={prompt} onChange={(e) => setPrompt(e.target.value)} disabled={running} data-testid="remask-prompt">
            {prompts.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label>
          Tokens to generate <output>{genLength}</output>
          <input type="range" min={8} max={32} step={4} value={genLength} onChange={(e) => setGenLength(Number(e.target.value))} disabled={running} data-testid="remask-length" />
        </label>
        <label>
          Tokens per step <output>{perStep}</output>
          <input type="range" min={1} max={4} step={1} value={perStep} onChange={(e) => setPerStep(Number(e.target.value))} disabled={running} />
        </label>
      </div>
      <p className="widget__actions">
        <button type="button" className="button" onClick={run} disabled={running} data-testid="remask-run">Decode with both rules</button>
        {running ? <button type="button" className="button button--quiet" onClick={() => { low.cancel(); rnd.cancel(); }}>Stop</button> : null}
      </p>
      {low.error || rnd.error ? <p className="notice notice--warning" role="alert">{low.error ?? rnd.error}</p> : null}
      <div className="race-panels">
        <Panel rule="low-confidence" run={runs['low-confidence']} status={low.status} genLength={genLength} />
        <Panel rule="random" run={runs.random} status={rnd.status} genLength={genLength} />
      </div>
    </section>
  );
}
