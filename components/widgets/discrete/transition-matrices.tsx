'use client';
/**
 * D3PM transition matrices as heat maps (lesson 07): the one-step Q_t and the cumulative Qbar_t of
 * the uniform and the absorbing process over K states, at a chosen t. Both use the schedule
 * b_t = 1 / (T - t + 1), so abar_t = 1 - t/T for both. Values come from lib/diffusion/discrete/d3pm.ts.
 *
 * Usage in MDX: <TransitionMatrices />
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { linearKeepBetas, createD3pm, rowSums, type D3pmKind } from '@/lib/diffusion/discrete/d3pm';
import { renderMatrixHeatmap } from '@/components/viz/matrix-heatmap';
import { DiscreteFigure } from './discrete-figure';

const T = 10;
const LETTERS = 'abcdefghij';

function labelsFor(kind: D3pmKind, k: number): string[] {
  return Array.from({ length: k }, (_, i) => (kind === 'absorbing' && i === k - 1 ? 'M' : LETTERS[i]));
}

/** A short text alternative: the diagonal, the off-diagonal entries and the row sums. */
function describe(kind: D3pmKind, m: Float64Array, k: number): string {
  const diag = m[0];
  const off = kind === 'uniform' ? m[1] : m[k - 1];
  const sums = rowSums(m, k);
  const ok = sums.every((s) => Math.abs(s - 1) < 1e-12);
  return kind === 'uniform'
    ? `diagonal ${diag.toFixed(3)}, every other entry ${off.toFixed(3)}; rows sum to 1: ${ok ? 'yes' : 'no'}`
    : `diagonal ${diag.toFixed(3)} for real tokens, ${off.toFixed(3)} into the mask column, mask row stays at the mask; rows sum to 1: ${ok ? 'yes' : 'no'}`;
}

function MatrixFigure({ kind, m, k, title, testId }: { kind: D3pmKind; m: Float64Array; k: number; title: string; testId: string }) {
  const labels = useMemo(() => labelsFor(kind, k), [kind, k]);
  const draw = useCallback((svg: SVGSVGElement, width: number) => renderMatrixHeatmap(svg, { k, values: m, labels }, { width }), [k, m, labels]);
  const text = describe(kind, m, k);
  return <DiscreteFigure draw={draw} maxWidth={300} label={`${title}: ${text}`} caption={<><strong>{title}</strong>: {text}.</>} testId={testId} />;
}

export function TransitionMatrices() {
  const id = useId();
  const [k, setK] = useState(5);
  const [t, setT] = useState(3);
  const processes = useMemo(() => ({
    uniform: createD3pm({ kind: 'uniform', k, betas: linearKeepBetas(T) }),
    absorbing: createD3pm({ kind: 'absorbing', k, betas: linearKeepBetas(T) }),
  }), [k]);
  const mats = useMemo(() => ({
    uniformStep: processes.uniform.step(t), uniformCum: processes.uniform.cumulative(t),
    absorbingStep: processes.absorbing.step(t), absorbingCum: processes.absorbing.cumulative(t),
  }), [processes, t]);
  const beta = processes.uniform.betas[t - 1];
  const keep = processes.uniform.keep[t];

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="transition-matrices">
      <h3 id={`${id}-title`}>Transition matrices, one step and cumulative</h3>
      <div className="discrete-controls">
        <label>
          States K <output>{k}</output>
          <input type="range" min={3} max={10} step={1} value={k} onChange={(e) => setK(Number(e.target.value))} aria-label="Number of states K" />
        </label>
        <label>
          Step t <output data-testid="matrices-t">{t}</output> of {T}
          <input type="range" min={1} max={T} step={1} value={t} onChange={(e) => setT(Number(e.target.value))} aria-label="Step t" />
        </label>
      </div>
      <p className="discrete-note">
        At step {t}: β<sub>t</sub> = {beta.toFixed(3)} (this step&apos;s corruption), ᾱ<sub>t</sub> = {keep.toFixed(3)} (the chance a token
        has survived every step so far). Rows are &quot;from&quot;, columns &quot;to&quot;; each row is a distribution. For the absorbing
        process the last state M is [MASK].
      </p>
      <div className="discrete-grid">
        <MatrixFigure kind="uniform" m={mats.uniformStep} k={k} title={`Uniform Q_${t}`} testId="matrix-uniform-step" />
        <MatrixFigure kind="uniform" m={mats.uniformCum} k={k} title={`Uniform Q̄_${t}`} testId="matrix-uniform-cumulative" />
        <MatrixFigure kind="absorbing" m={mats.absorbingStep} k={k} title={`Absorbing Q_${t}`} testId="matrix-absorbing-step" />
        <MatrixFigure kind="absorbing" m={mats.absorbingCum} k={k} title={`Absorbing Q̄_${t}`} testId="matrix-absorbing-cumulative" />
      </div>
    </section>
  );
}
