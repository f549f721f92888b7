'use client';
/**
 * Block-by-block decoding on the shipped BD3 model (lesson 10): each row is one forward pass,
 * each column an answer position; a coloured cell is a token fixed on that pass (colour = the
 * model's confidence), the grey band the positions whose keys and values came from the exact
 * prefix cache, vertical lines the block boundaries. Runs in the model worker ('block-timeline').
 *
 * Usage in MDX: <BlockTimeline />
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';
import type { BlockTimelineResult, BlockTimelineStep } from '@/lib/dllm/course/block-timeline-job';
import { describeTimeline, renderUnmaskTimeline } from '@/components/viz/unmask-timeline';
import { useMeasuredWidth } from '@/components/hooks/use-measured-width';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useAutoStart } from './use-auto-start';

const GEN_LENGTH = 48;

export function BlockTimeline() {
  const id = useId();
  const prompts = useMemo(() => heldOutTaskPrompts(6), []);
  const [prompt, setPrompt] = useState(prompts[0].prompt);
  const [rule, setRule] = useState<'one' | 'threshold'>('one');
  const [steps, setSteps] = useState<BlockTimelineStep[]>([]);
  const [result, setResult] = useState<BlockTimelineResult | null>(null);
  const job = useWorkerJob<BlockTimelineResult, BlockTimelineStep>();
  const running = job.status === 'running';
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref: boxRef, width } = useMeasuredWidth<HTMLDivElement>();

  function run(p = prompt, r = rule) {
    setSteps([]);
    setResult(null);
    void job.start('block-timeline', { prompt: p, rule: r, genLength: GEN_LENGTH }, (s) => setSteps((all) => [...all, s])).then((res) => { if (res) setResult(res); });
  }
  const sectionRef = useAutoStart<HTMLElement>(() => run());

  const answerLength = steps.at(-1)?.answer.length ?? GEN_LENGTH;
  const timeline = { length: answerLength, steps };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || width <= 0) return;
    renderUnmaskTimeline(svg, timeline, { width, maxRowHeight: 10 });
  });
  const last = steps.at(-1);
  const partial = last ? last.answer.map((c) => (c === null ? '_' : c === '' ? '⏎' : c)).join('') : '';
  const blockSize = result?.blockSize ?? 8;
  const offset = result?.answerOffset ?? 0;
  const boundaries: number[] = [];
  for (let b = blockSize - offset; b < answerLength; b += blockSize) boundaries.push(b);
  const computed = steps.reduce((n, s) => n + s.positionsComputed, 0);
  const blocksUsed = last ? new Set(steps.flatMap((s) => s.positions.map((p) => Math.floor((p + offset) / blockSize)))).size : 0;

  return (
    <section ref={sectionRef} className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="block-timeline" data-status={job.status}>
      <h3 id={`${id}-title`}>Block by block: the shipped block diffusion model decoding</h3>
      <div className="race-controls">
        <label>
          Held-out prompt
          <select value={prompt} onChange={(e) => { setPrompt(e.target.value); run(e.target.value, rule); }} disabled={running} data-testid="block-timeline-prompt">
            {prompts.map((p) => <option key={p.prompt} value={p.prompt}>{p.prompt}</option>)}
          </select>
        </label>
        <label>
          Rule inside a block
          <select value={rule} onChange={(e) => { const r = e.target.value as 'one' | 'threshold'; setRule(r); run(prompt, r); }} disabled={running}>
            <option value="one">one token per pass</option>
            <option value="threshold">every position above 0.9</option>
          </select>
        </label>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <p className="race-panel__answer" data-testid="block-timeline-answer" aria-live="polite">{result ? result.answerText || '(empty answer)' : partial || (running ? 'loading the model…' : '—')}</p>
      <div ref={boxRef} className="fast-timeline">
        <svg ref={svgRef} role="img" aria-label={`Block decoding timeline: ${describeTimeline(timeline)}`} data-testid="block-timeline-svg" />
        <div className="fast-timeline__blocks" aria-hidden="true">
          {boundaries.map((b) => <span key={b} style={{ left: `${(100 * b) / answerLength}%` }} />)}
        </div>
      </div>
      <dl className="facts race-panel__facts">
        <dt>Passes</dt><dd data-testid="block-timeline-passes">{steps.length}</dd>
        <dt>Blocks decoded</dt><dd>{blocksUsed}</dd>
        <dt>Positions computed</dt><dd data-testid="block-timeline-computed">{computed}</dd>
        <dt>Stopped at the end token</dt><dd>{result ? (result.stoppedAtEos ? 'yes' : 'no') : '…'}</dd>
      </dl>
      <p className="fast-note">
        Measured live in your browser. Rows are passes, columns answer positions; colour is the model&apos;s confidence in the token it fixed, the grey band
        the positions served from the exact prefix cache, thin lines the block boundaries (blocks of {blockSize}; the first answer block shares positions with the prompt).
        Decoding stops after the block that writes the end token: the length is decided by the model.
      </p>
    </section>
  );
}
