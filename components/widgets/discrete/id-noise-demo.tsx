'use client';
/**
 * Why Gaussian noise on token ids makes no sense: a held-out sentence's character ids get
 * N(0, sigma^2) noise, are rounded back to the nearest id and decoded. Computed live on the page
 * (lib/diffusion/discrete/id-noise.ts); a table lists what each id turned into.
 *
 * Usage in MDX: <IdNoiseDemo />
 */
import { useId, useMemo, useState } from 'react';
import { createRng } from '@/lib/math/rng';
import { changedFraction, gaussianNoiseOnIds } from '@/lib/diffusion/discrete/id-noise';
import { CHAR_STATES, heldOutSentence, stateGlyph, toStates } from './discrete-text';

const SHOWN = 14;

export function IdNoiseDemo() {
  const id = useId();
  const [sentenceSeed, setSentenceSeed] = useState(3);
  const [sigma, setSigma] = useState(1.5);
  const [seed, setSeed] = useState(1);
  const sentence = useMemo(() => heldOutSentence(sentenceSeed), [sentenceSeed]);
  const states = useMemo(() => toStates(sentence), [sentence]);
  const { noisy, rounded } = useMemo(() => gaussianNoiseOnIds(states, sigma, CHAR_STATES, createRng(seed)), [states, sigma, seed]);
  const changed = changedFraction(states, rounded);
  const noisyText = Array.from(rounded, stateGlyph).join('');

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="id-noise-demo">
      <h3 id={`${id}-title`}>Gaussian noise on token ids</h3>
      <div className="discrete-controls">
        <label className="discrete-controls__wide">
          <span>Noise σ = <output data-testid="id-noise-sigma">{sigma.toFixed(2)}</output> (in units of one id)</span>
          <input type="range" min={0} max={6} step={0.25} value={sigma} onChange={(e) => setSigma(Number(e.target.value))} aria-label="Noise standard deviation sigma" />
        </label>
        <button type="button" className="button button--quiet" onClick={() => setSeed((s) => s + 1)}>New noise draw</button>
        <button type="button" className="button button--quiet" onClick={() => setSentenceSeed((s) => s + 1)}>Another sentence</button>
      </div>
      <p className="discrete-line"><span className="discrete-line__label">clean</span> <code>{Array.from(states, stateGlyph).join('')}</code></p>
      <p className="discrete-line"><span className="discrete-line__label">noised</span> <code data-testid="id-noise-text">{noisyText}</code></p>
      <p data-testid="id-noise-changed" aria-live="polite">
        {(changed * 100).toFixed(0)}% of the characters changed. Every change lands on a nearby id (<code>e</code> becomes
        <code>d</code>, <code>f</code>, <code>c</code>…): a neighbour in the alphabet&apos;s order, never a character chosen because it
        would make sense in its place.
      </p>
      <table className="data-table discrete-table">
        <caption className="visually-hidden">The first {SHOWN} characters: clean id, id plus noise, rounded id and the character it decodes to.</caption>
        <thead>
          <tr><th scope="col">character</th><th scope="col">id</th><th scope="col">id + σz</th><th scope="col">rounded</th><th scope="col">decodes to</th></tr>
        </thead>
        <tbody>
          {states.slice(0, SHOWN).map((s, i) => (
            <tr key={i} className={rounded[i] !== s ? 'discrete-table__changed' : undefined}>
              <td><code>{stateGlyph(s)}</code></td><td>{s}</td><td>{noisy[i].toFixed(2)}</td><td>{rounded[i]}</td><td><code>{stateGlyph(rounded[i])}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
