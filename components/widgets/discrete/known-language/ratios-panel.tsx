'use client';
/**
 * Part of SeddLiveTraining (lesson 08), not a lesson tag: a noisy input the reader picks or types,
 * a time t, and for one masked position the model's learned concrete score next to the true one
 * (computed exactly by enumerating the language), as bars and as a table.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { KnownLanguageModelSource, KnownLanguageRatiosResult } from '@/lib/diffusion/discrete/known-language/jobs';
import { renderRatioBars } from '@/components/viz/ratio-bars';
import { useWorkerJob } from '@/components/hooks/use-worker-job';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

const PRESETS = [
  'ccc▒ccc|ccc▒ccc.',
  'aab▒▒dd|▒▒▒▒baa.',
  'a▒▒▒▒▒e|e▒▒▒▒▒a.',
  '▒▒▒▒▒▒▒|▒▒▒▒▒▒▒.',
  'abcde▒▒|▒▒edcba.',
];
const TOKENS = ['a', 'b', 'c', 'd', 'e', '|', '.'];
const fmt = (v: number) => (v === 0 ? '0' : v >= 100 || v < 0.01 ? v.toExponential(2) : v.toFixed(3));

export function KnownLanguageRatiosPanel({ source, sourceLabel }: { source: KnownLanguageModelSource | null; sourceLabel: string }) {
  const id = useId();
  const [text, setText] = useState(PRESETS[0]);
  const [draft, setDraft] = useState(PRESETS[0]);
  const [t, setT] = useState(0.5);
  const [position, setPosition] = useState<number | null>(null);
  const [result, setResult] = useState<KnownLanguageRatiosResult | null>(null);
  const job = useWorkerJob<KnownLanguageRatiosResult, never>();
  const { start } = job;

  useEffect(() => {
    if (!source) return;
    let live = true;
    start('known-language-ratios', { source, text, t }).then((r) => {
      if (!live || !r) return;
      setResult(r);
      setPosition((p) => (p !== null && r.masked.includes(p) ? p : r.masked[0]));
    });
    return () => {
      live = false;
    };
  }, [source, text, t, start]);

  const row = (values: number[] | undefined, l: number | null) => (values && l !== null ? TOKENS.map((_, y) => values[l * (result?.vocab ?? 8) + y]) : []);
  const learned = row(result?.learned, position);
  const truth = row(result?.truth, position);
  const draw = useCallback((svg: SVGSVGElement, width: number) => {
    renderRatioBars(svg, { labels: TOKENS, learned, truth }, { width, yLabel: 'ratio p_t(y) / p_t(x)' });
  }, [learned, truth]);

  const odds = result ? 1 / Math.expm1(result.sigma) : 0;
  const learnedMass = learned.reduce((a, b) => a + b, 0) / (odds || 1);
  const tv = learned.length ? learned.reduce((a, v, y) => a + Math.abs(v - truth[y]), 0) / (2 * (odds || 1)) : 0;

  return (
    <div className="discrete-panel" data-testid="known-language-ratios">
      <h4 id={`${id}-title`}>Learned vs true ratios at one masked position ({sourceLabel})</h4>
      <div className="discrete-controls">
        <label>
          Noisy input
          <select value={PRESETS.includes(text) ? text : ''} onChange={(e) => { setText(e.target.value); setDraft(e.target.value); }} data-testid="ratios-preset">
            {PRESETS.map((p) => <option key={p} value={p}>{p}</option>)}
            {PRESETS.includes(text) ? null : <option value="">(typed)</option>}
          </select>
        </label>
        <form onSubmit={(e) => { e.preventDefault(); setText(draft.trim()); }}>
          <label>
            or type 16 characters (a–e, |, ., _ for a mask)
            <input type="text" className="discrete-number known-language-ratios__input" value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} data-testid="ratios-text" />
          </label>{' '}
          <button type="submit" className="button button--quiet" data-testid="ratios-apply">Use it</button>
        </form>
        <label className="discrete-controls__wide">
          Time t = <output data-testid="ratios-t">{t.toFixed(2)}</output>
          <input type="range" min={0.05} max={1} step={0.05} value={t} onChange={(e) => setT(Number(e.target.value))} aria-label="diffusion time t" data-testid="ratios-t-slider" />
        </label>
      </div>
      {result ? (
        <div role="group" aria-label="masked position to inspect" className="known-language-ratios__positions">
          {Array.from(result.text).map((c, l) => (
            result.masked.includes(l)
              ? <button key={l} type="button" className={`known-language-ratios__pos${l === position ? ' known-language-ratios__pos--on' : ''}`} aria-pressed={l === position} aria-label={`position ${l}`} onClick={() => setPosition(l)} data-testid={`ratios-pos-${l}`}>{c}</button>
              : <span key={l} className="known-language-ratios__char">{c}</span>
          ))}
        </div>
      ) : null}
      {job.error ? <p className="notice notice--warning" role="alert" data-testid="ratios-error">{job.error}</p> : null}
      {!source ? <p className="discrete-note">No model yet: the pretrained weights did not load; train one above.</p> : null}
      {result && position !== null ? (
        <>
          <SvgFigure draw={draw} maxWidth={560} label={`learned and true ratios at position ${position}`} testId="ratios-chart"
            caption={`Position ${position} of ${result.text} at t = ${result.t.toFixed(2)} (σ = ${result.sigma.toFixed(3)}): every true ratio is e^{-σ}/(1 − e^{-σ}) = ${fmt(odds)} times P(token | the unmasked tokens). Learned probabilities (ratios ÷ that factor) differ from the truth by a total variation of ${tv.toFixed(3)}, and sum to ${learnedMass.toFixed(3)} (the truth sums to 1).`} />
          <table className="data-table discrete-table" data-testid="ratios-table" data-tv={tv} data-mass={learnedMass}>
            <caption>Concrete score s(x, t) for changing position {position} from [MASK] to each token.</caption>
            <thead><tr><th scope="col">token</th>{TOKENS.map((tok) => <th key={tok} scope="col">{tok}</th>)}</tr></thead>
            <tbody>
              <tr><th scope="row">learned</th>{learned.map((v, y) => <td key={y} data-testid={`ratio-learned-${y}`} data-value={v}>{fmt(v)}</td>)}</tr>
              <tr><th scope="row">true</th>{truth.map((v, y) => <td key={y} data-testid={`ratio-true-${y}`} data-value={v}>{fmt(v)}</td>)}</tr>
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
