'use client';
/**
 * Corrupt a held-out sentence token by token under the uniform and the absorbing D3PM processes,
 * side by side, with a t scrubber. A fresh createRng(seed) per t makes the corruption nested (a
 * character corrupted at t stays corrupted at every later t), so scrubbing is monotone. Below: the
 * marginal q(x_t | x_0) of one chosen position under each process (lib/diffusion/discrete/d3pm.ts).
 *
 * Usage in MDX: <CorruptionScrubber />
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { linearKeepBetas, corruptSequence, createD3pm, type D3pmProcess } from '@/lib/diffusion/discrete/d3pm';
import { renderProbBars } from '@/components/viz/prob-bars';
import { useReducedMotion } from '@/components/hooks/use-reduced-motion';
import { DiscreteFigure } from './discrete-figure';
import { CHAR_STATES, MASK_STATE, heldOutSentence, stateGlyph, toStates } from './discrete-text';

const T = 100;

function CorruptedLine({ label, clean, noisy, position, testId }: { label: string; clean: number[]; noisy: Int32Array; position: number; testId: string }) {
  const changed = noisy.reduce((n, s, i) => n + (s !== clean[i] ? 1 : 0), 0);
  return (
    <div className="discrete-panel" data-testid={testId}>
      <h4>{label}</h4>
      <p className="discrete-sentence" data-testid={`${testId}-text`} aria-label={`${label}: ${Array.from(noisy, stateGlyph).join('')}`}>
        {Array.from(noisy, (s, i) => (
          <span key={i} className={[s !== clean[i] ? 'discrete-sentence__changed' : '', i === position ? 'discrete-sentence__picked' : ''].join(' ').trim() || undefined}>
            {stateGlyph(s)}
          </span>
        ))}
      </p>
      <p className="discrete-note" data-testid={`${testId}-changed`}>{changed} of {clean.length} characters differ from the clean sentence.</p>
    </div>
  );
}

function MarginalFigure({ process, x0, t, title, testId }: { process: D3pmProcess; x0: number; t: number; title: string; testId: string }) {
  const probs = useMemo(() => process.marginal(x0, t), [process, x0, t]);
  const labels = useMemo(() => Array.from({ length: process.k }, (_, i) => stateGlyph(i)), [process]);
  const draw = useCallback((svg: SVGSVGElement, width: number) => renderProbBars(svg, { probs, labels, highlight: x0 }, { width }), [probs, labels, x0]);
  const other = process.kind === 'uniform' ? probs[(x0 + 1) % process.k] : probs[MASK_STATE];
  const text = process.kind === 'uniform'
    ? `q(x_t = ${stateGlyph(x0)}) = ${probs[x0].toFixed(3)}; every other character ${other.toFixed(4)}`
    : `q(x_t = ${stateGlyph(x0)}) = ${probs[x0].toFixed(3)}; q(x_t = [MASK]) = ${other.toFixed(3)}; every other character 0`;
  return <DiscreteFigure draw={draw} maxWidth={520} label={`${title}: ${text}`} caption={<><strong>{title}</strong>: {text}.</>} testId={testId} />;
}

export function CorruptionScrubber() {
  const id = useId();
  const reduced = useReducedMotion();
  const [sentenceSeed, setSentenceSeed] = useState(1);
  const [seed, setSeed] = useState(7);
  const [t, setT] = useState(30);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const sentence = useMemo(() => heldOutSentence(sentenceSeed), [sentenceSeed]);
  const clean = useMemo(() => toStates(sentence), [sentence]);
  const uniform = useMemo(() => createD3pm({ kind: 'uniform', k: CHAR_STATES, betas: linearKeepBetas(T) }), []);
  const absorbing = useMemo(() => createD3pm({ kind: 'absorbing', k: CHAR_STATES + 1, betas: linearKeepBetas(T), maskIndex: MASK_STATE }), []);
  // The same seed for both: the same positions are hit, so the two rows differ only in what they become.
  const noisyUniform = useMemo(() => corruptSequence(uniform, clean, t, createRng(seed)), [uniform, clean, t, seed]);
  const noisyAbsorbing = useMemo(() => corruptSequence(absorbing, clean, t, createRng(seed)), [absorbing, clean, t, seed]);
  const pos = Math.min(position, clean.length - 1);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setT((v) => {
      if (v >= T) {
        setPlaying(false);
        return v;
      }
      return v + 1;
    }), 60);
    return () => clearInterval(timer);
  }, [playing]);

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="corruption-scrubber">
      <h3 id={`${id}-title`}>Corrupt a sentence: uniform vs absorbing</h3>
      <div className="discrete-controls">
        <label className="discrete-controls__wide">
          <span>Time t = <output data-testid="scrub-t">{t}</output> of {T} (ᾱ<sub>t</sub> = {uniform.keep[t].toFixed(2)})</span>
          <input type="range" min={0} max={T} step={1} value={t} onChange={(e) => { setPlaying(false); setT(Number(e.target.value)); }} aria-label="Diffusion time t" data-testid="scrub-slider" />
        </label>
        <label className="discrete-controls__wide">
          <span>Position for the marginal: <output>{pos}</output> (clean character <code>{stateGlyph(clean[pos])}</code>)</span>
          <input type="range" min={0} max={clean.length - 1} step={1} value={pos} onChange={(e) => setPosition(Number(e.target.value))} aria-label="Position whose marginal is shown" />
        </label>
        {reduced ? null : (
          <button type="button" className="button" onClick={() => { if (t >= T) setT(0); setPlaying((p) => !p); }}>{playing ? 'Pause' : 'Play t from here'}</button>
        )}
        <button type="button" className="button button--quiet" onClick={() => setSeed((s) => s + 1)}>New noise draw</button>
        <button type="button" className="button button--quiet" onClick={() => setSentenceSeed((s) => s + 1)}>Another sentence</button>
      </div>
      <p className="discrete-line"><span className="discrete-line__label">clean</span> <code>{Array.from(clean, stateGlyph).join('')}</code></p>
      <div className="discrete-grid discrete-grid--two">
        <CorruptedLine label="Uniform: a corrupted character is redrawn from all 47" clean={clean} noisy={noisyUniform} position={pos} testId="corrupt-uniform" />
        <CorruptedLine label="Absorbing: a corrupted character becomes [MASK] ▒" clean={clean} noisy={noisyAbsorbing} position={pos} testId="corrupt-absorbing" />
      </div>
      <div className="discrete-grid discrete-grid--two">
        <MarginalFigure process={uniform} x0={clean[pos]} t={t} title={`Uniform q(x_t | x_0) at t = ${t}`} testId="marginal-uniform" />
        <MarginalFigure process={absorbing} x0={clean[pos]} t={t} title={`Absorbing q(x_t | x_0) at t = ${t}`} testId="marginal-absorbing" />
      </div>
    </section>
  );
}
