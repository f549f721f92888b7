'use client';
/**
 * The concrete score of a known toy distribution (lesson 08): two positions over {a, b, c}, absorbing
 * graph, log-linear noise. For a chosen noisy pair x_t and time t, the table lists the exact ratios
 * s(x_t)_{l,y} = p_t(x_t with x_l = y) / p_t(x_t) (lib/diffusion/discrete/sedd-toy.ts) and the
 * conditional probabilities they imply.
 *
 * Usage in MDX: <SeddScores />
 */
import { useId, useMemo, useState } from 'react';
import { TOY_K, TOY_MASK, TOY_TOKENS, toyConcreteScore, toyMarginal } from '@/lib/diffusion/discrete/sedd-toy';

const EPS = 1e-3;
/** The log-linear noise of SEDD: e^{-sigma(t)} = 1 - (1 - eps) t (same formula as lib's logLinearNoise). */
const sigmaAt = (t: number) => -Math.log1p(-(1 - EPS) * t);
const STATES = [[3, 3], [0, 3], [1, 3], [2, 3], [3, 0], [3, 1], [3, 2]];
const name = (x: number[]) => x.map((s) => TOY_TOKENS[s]).join('');

export function SeddScores() {
  const id = useId();
  const [state, setState] = useState(0);
  const [t, setT] = useState(0.5);
  const x = STATES[state];
  const sigma = sigmaAt(t);
  const score = useMemo(() => toyConcreteScore(x, sigma), [x, sigma]);
  const px = toyMarginal(x, sigma);
  const odds = Math.exp(-sigma) / -Math.expm1(-sigma);

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="sedd-scores">
      <h3 id={`${id}-title`}>The concrete score of a toy distribution</h3>
      <p className="discrete-note">Data: two tokens, <code>aa</code> 0.4, <code>bc</code> 0.3, <code>cb</code> 0.2, <code>ab</code> 0.1. ▒ is [MASK].</p>
      <div className="discrete-controls">
        <label>
          Noisy pair x_t
          <select value={state} onChange={(e) => setState(Number(e.target.value))} data-testid="sedd-state">
            {STATES.map((s, i) => <option key={i} value={i}>{name(s)}</option>)}
          </select>
        </label>
        <label className="discrete-controls__wide">
          <span>Time t = <output data-testid="sedd-t">{t.toFixed(2)}</output> (σ(t) = {sigma.toFixed(3)}, a token is still clean with probability {Math.exp(-sigma).toFixed(3)})</span>
          <input type="range" min={0.05} max={0.95} step={0.05} value={t} onChange={(e) => setT(Number(e.target.value))} aria-label="Time t" />
        </label>
      </div>
      <p>p<sub>t</sub>(<code>{name(x)}</code>) = {px.toFixed(4)}</p>
      <table className="data-table discrete-table" data-testid="sedd-score-table">
        <caption>For each masked position l and each token y: the ratio s_y = p_t(x_t with x_l = y) / p_t(x_t), and the probability of y there given the rest, s_y / Σ s = s_y (1 − e^(−σ)) / e^(−σ).</caption>
        <thead>
          <tr><th scope="col">position</th>{[0, 1, 2].map((y) => <th scope="col" key={y}>s for {TOY_TOKENS[y]}</th>)}<th scope="col">implied p(y | rest)</th></tr>
        </thead>
        <tbody>
          {[0, 1].filter((l) => x[l] === TOY_MASK).map((l) => (
            <tr key={l}>
              <th scope="row">{l + 1}</th>
              {[0, 1, 2].map((y) => <td key={y} data-testid={`sedd-s-${l}-${y}`}>{score[l * TOY_K + y].toFixed(4)}</td>)}
              <td>{[0, 1, 2].map((y) => `${TOY_TOKENS[y]} ${(score[l * TOY_K + y] / odds).toFixed(2)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="discrete-note">
        Unmasked positions have no ratios to learn on the absorbing graph: from a clean token the only move is into [MASK].
      </p>
    </section>
  );
}
