'use client';
/**
 * The attention masks of block diffusion (lesson 10), drawn from lib's own mask code: the 2L
 * training mask over [x_t ; x_0] (blockDiffusionTrainingMask) and the L x L sampling mask
 * (block-causal). Sliders set the length and block size; pointing at (or focusing) a cell says
 * which query may see which key, and why.
 *
 * Usage in MDX: <BlockMaskExplorer />
 */
import { useId, useMemo, useState } from 'react';
import { blockDiffusionTrainingMask } from '@/lib/models/transformer/masks';
import { blockCausalMask, explainTrainingMaskCell, type TrainingMaskPart } from '@/lib/dllm/block-mask';

const PART_CLASS: Record<TrainingMaskPart, string> = {
  'noisy-own-block': 'mask-cell--own',
  'noisy-sees-clean-prefix': 'mask-cell--prefix',
  'clean-block-causal': 'mask-cell--clean',
  blocked: 'mask-cell--blocked',
};

export function BlockMaskExplorer() {
  const id = useId();
  const [length, setLength] = useState(8);
  const [blockSize, setBlockSize] = useState(2);
  const [view, setView] = useState<'training' | 'sampling'>('training');
  const [focus, setFocus] = useState<[number, number] | null>([5, 10]);
  const block = Math.min(blockSize, length);
  const flat = useMemo(() => blockDiffusionTrainingMask(length, block), [length, block]);
  const n = view === 'training' ? 2 * length : length;
  const sampling = useMemo(() => blockCausalMask(length, block), [length, block]);
  const cell = Math.max(8, Math.min(22, Math.floor(440 / n)));
  // Drawn once per mask (not per pointer move): up to 32 x 32 cells.
  const cells = useMemo(() => Array.from({ length: n }, (_, q) => Array.from({ length: n }, (_, k) => {
    const on = view === 'training' ? flat[q * n + k] === 1 : sampling[q][k] === 1;
    const part = view === 'training' ? explainTrainingMaskCell(length, block, q, k, flat).part : on ? 'clean-block-causal' : 'blocked';
    return <rect key={`${q}-${k}`} x={k * cell} y={q * cell} width={cell - 1} height={cell - 1} className={`mask-cell ${PART_CLASS[part]}`} data-allowed={on ? 1 : 0} />;
  })), [n, view, flat, sampling, length, block, cell]);
  const label = 26;
  const size = label + n * cell;
  const inRange = focus && focus[0] < n && focus[1] < n ? focus : null;
  const explained = inRange
    ? view === 'training'
      ? explainTrainingMaskCell(length, block, inRange[0], inRange[1], flat).explains
      : `Position ${inRange[0]} (block ${Math.floor(inRange[0] / block)}) ${sampling[inRange[0]][inRange[1]] ? 'sees' : 'may not see'} position ${inRange[1]} (block ${Math.floor(inRange[1] / block)}): at sampling time a block attends to itself and to earlier blocks only.`
    : 'Point at a cell (or focus the mask and use the arrow keys): row = the query (who looks), column = the key (who is looked at).';
  const allowed = view === 'training' ? Array.from(flat).reduce((a, b) => a + b, 0) : sampling.flat().reduce((a, b) => a + b, 0);
  const regime = block === 1 ? 'block size 1: the causal mask of autoregression' : block >= length ? 'one block: the bidirectional mask of masked diffusion' : `${Math.ceil(length / block)} blocks of ${block}`;

  return (
    <section className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="block-mask-explorer">
      <h3 id={`${id}-title`}>The block diffusion attention mask</h3>
      <div className="race-controls">
        <label>
          Length L <output data-testid="mask-length">{length}</output>
          <input type="range" min={2} max={16} value={length} onChange={(e) => { setLength(Number(e.target.value)); setFocus(null); }} data-testid="mask-length-input" />
        </label>
        <label>
          Block size <output data-testid="mask-block">{block}</output>
          <input type="range" min={1} max={length} value={block} onChange={(e) => setBlockSize(Number(e.target.value))} data-testid="mask-block-input" />
        </label>
        <fieldset className="fast-toggle">
          <legend>Mask</legend>
          <label><input type="radio" name={`${id}-view`} checked={view === 'training'} onChange={() => { setView('training'); setFocus(null); }} /> training (2L)</label>
          <label><input type="radio" name={`${id}-view`} checked={view === 'sampling'} onChange={() => { setView('sampling'); setFocus(null); }} /> sampling (L)</label>
        </fieldset>
      </div>
      <p className="fast-regime" data-testid="mask-regime">{regime}</p>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`${view} mask, ${n} by ${n}, ${allowed} allowed pairs`} data-testid="mask-svg" className="fast-mask" tabIndex={0}
        onKeyDown={(e) => {
          const [q, k] = inRange ?? [0, 0];
          const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
          const d = move[e.key];
          if (!d) return;
          e.preventDefault();
          setFocus([Math.min(n - 1, Math.max(0, q + d[0])), Math.min(n - 1, Math.max(0, k + d[1]))]);
        }}>
        {view === 'training' ? (
          <g className="fast-mask__labels">
            <text x={label + (length * cell) / 2} y={12} textAnchor="middle">keys: noisy xₜ</text>
            <text x={label + length * cell + (length * cell) / 2} y={12} textAnchor="middle">clean x₀</text>
            <text transform={`translate(12,${label + (length * cell) / 2}) rotate(-90)`} textAnchor="middle">noisy</text>
            <text transform={`translate(12,${label + length * cell + (length * cell) / 2}) rotate(-90)`} textAnchor="middle">clean</text>
          </g>
        ) : null}
        <g transform={`translate(${label},${label})`} onPointerMove={(e) => {
          const box = (e.currentTarget as SVGGElement).getBoundingClientRect();
          const scale = box.width / (n * cell) || 1;
          const k = Math.floor((e.clientX - box.left) / scale / cell);
          const q = Math.floor((e.clientY - box.top) / scale / cell);
          if (q >= 0 && q < n && k >= 0 && k < n && (!focus || focus[0] !== q || focus[1] !== k)) setFocus([q, k]);
        }}>
          {cells}
          {inRange ? <rect x={inRange[1] * cell} y={inRange[0] * cell} width={cell - 1} height={cell - 1} className="mask-cell--focus" fill="none" data-testid="mask-focus" /> : null}
          {view === 'training' ? (
            <>
              <line x1={length * cell - 0.5} x2={length * cell - 0.5} y1={0} y2={n * cell} className="fast-mask__split" />
              <line y1={length * cell - 0.5} y2={length * cell - 0.5} x1={0} x2={n * cell} className="fast-mask__split" />
            </>
          ) : null}
        </g>
      </svg>
      <p className="fast-explain" aria-live="polite" data-testid="mask-explain">{explained}</p>
      <ul className="fast-legend">
        <li><span className="mask-cell--own" /> noisy block sees itself</li>
        <li><span className="mask-cell--prefix" /> noisy block sees the clean earlier blocks</li>
        <li><span className="mask-cell--clean" /> clean copy, block-causal</li>
        <li><span className="mask-cell--blocked" /> may not attend</li>
      </ul>
      <p className="fast-note">Drawn from <code>blockDiffusionTrainingMask</code> and the block-causal pattern in <code>lib/models/transformer/masks.ts</code>, the code the shipped model was trained and runs with. {allowed} of {n * n} pairs are allowed.</p>
    </section>
  );
}
