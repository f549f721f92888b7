'use client';
/**
 * The order in which the shipped MDLM fills an answer (lesson 12): held-out addition prompts
 * decoded one token per pass with low-confidence remasking ('remasking-decode' job), each answer
 * drawn as a heat strip whose cells are numbered and coloured by the pass that fixed them.
 * Autoregression would always read 1, 2, 3, … from the left.
 *
 * Usage in MDX: <FillOrder />
 */
import { useId, useMemo, useState } from 'react';
import { scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { heldOutTaskPrompts } from '@/lib/dllm/lab/heldout-tasks';
import type { RemaskingDecodeResult, RemaskingStep } from '@/lib/dllm/lab/remasking-compare';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { useAutoStart } from './use-auto-start';

const GEN_LENGTH = 8;

interface Strip { prompt: string; expected: string; cells: { char: string; pass: number }[]; answer: string }

export function FillOrder() {
  const id = useId();
  const prompts = useMemo(() => {
    const adds = heldOutTaskPrompts(80).filter((p) => p.prompt.startsWith('add'));
    return (adds.length ? adds : heldOutTaskPrompts(4)).slice(0, 4);
  }, []);
  const [strips, setStrips] = useState<Strip[]>([]);
  const job = useWorkerJob<RemaskingDecodeResult, RemaskingStep>();

  async function run() {
    setStrips([]);
    for (const { prompt, answer: expected } of prompts) {
      const order: number[] = new Array(GEN_LENGTH).fill(-1);
      let last: RemaskingStep | null = null;
      let pass = 0;
      const result = await job.start('remasking-decode', { prompt, genLength: GEN_LENGTH, steps: GEN_LENGTH, remasking: 'low-confidence', seed: 1 }, (s) => {
        pass++;
        for (const p of s.positions) order[p] = pass;
        last = s;
      });
      if (!result) return;
      const finalStep = last as RemaskingStep | null;
      const chars = finalStep ? finalStep.answer.map((c) => (c === null ? '_' : c === '' ? '⏎' : c)) : [];
      setStrips((all) => [...all, { prompt, expected, answer: result.answerText, cells: chars.map((char, i) => ({ char, pass: order[i] })) }]);
    }
  }
  const sectionRef = useAutoStart<HTMLElement>(() => { void run(); });
  const colour = scaleSequential(interpolateViridis).domain([1, GEN_LENGTH]);

  return (
    <section ref={sectionRef} className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="fill-order" data-status={job.status}>
      <h3 id={`${id}-title`}>In which order does the diffusion model write a sum?</h3>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      <ol className="fast-strips">
        {strips.map((s) => (
          <li key={s.prompt} data-testid="fill-strip">
            <code>{s.prompt}</code>
            <span className="fast-strip" role="img" aria-label={`answer ${s.answer}: filled in the order ${s.cells.map((c) => `${c.char} at pass ${c.pass}`).join(', ')}`}>
              {s.cells.map((c, i) => (
                <span key={i} className="fast-strip__cell" style={{ background: colour(Math.max(1, c.pass)), color: c.pass > GEN_LENGTH / 2 ? '#111' : '#fff' }}>
                  <b>{c.char}</b><small>{c.pass}</small>
                </span>
              ))}
            </span>
            <span className={s.answer === s.expected ? 'fast-ok' : 'fast-wrong'}>{s.answer === s.expected ? 'correct' : `expected ${s.expected}`}</span>
          </li>
        ))}
        {job.status === 'running' ? <li className="fast-note">decoding…</li> : null}
      </ol>
      <p className="fast-note">Measured live: the shipped MDLM, one token per pass, most confident first. Small numbers (dark) were written first. The padding after the end token is easy, so it often goes early; among the digits, the order shows which the model finds easiest to commit, which for addition need not be left to right.</p>
    </section>
  );
}
