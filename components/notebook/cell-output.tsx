'use client';
import { memo, useEffect, useRef, useState } from 'react';
import type { CellError } from '@/lib/notebook/transpile';
import type { PlotSpec } from '@/lib/notebook/plot-spec';
import type { RgbaImage } from '@/lib/notebook/image-data';
import type { CellOutput } from './cell-protocol';

/**
 * Output that scales (a cell may send hundreds of tables or plots):
 * - each output renders once (memo; outputs never change), and new ones join a few per frame, so
 *   no main-thread task grows with the number of outputs and Stop stays responsive;
 * - a cell shows OUTPUTS_PER_PAGE outputs, then a "Show more" button; tables show TABLE_PAGE_ROWS
 *   rows a page; plots draw when scrolled near, with at most MAX_DRAWN_POINTS points each.
 */
export const OUTPUTS_PER_PAGE = 40;
export const REVEAL_PER_FRAME = 4;
/** A cell's first outputs render at once (most cells have a few); the rest join a few a frame. */
export const FIRST_AT_ONCE = 6;
export const TABLE_PAGE_ROWS = 10;

function useNearViewport<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    if (typeof IntersectionObserver === 'undefined') { setNear(true); return; }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { setNear(true); observer.disconnect(); }
    }, { rootMargin: '400px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near];
}

/**
 * Plots near the viewport draw one per frame: several become visible at once (a cell's first outputs
 * render together). Drawing them all in the task that loaded D3 made one long task, and one per
 * task still left several new plots (4,000 points each) to the style and paint work of one frame.
 */
const drawQueue: (() => void)[] = [];
let drawing = false;
function drawOne() {
  drawQueue.shift()?.();
  // After the next frame has painted, so each frame holds at most one new plot.
  if (drawQueue.length > 0) requestAnimationFrame(() => setTimeout(drawOne, 0));
  else drawing = false;
}
function drawSoon(job: () => void) {
  drawQueue.push(job);
  if (!drawing) {
    drawing = true;
    setTimeout(drawOne, 0);
  }
}

const PlotOutput = memo(function PlotOutput({ plot }: { plot: PlotSpec }) {
  const svg = useRef<SVGSVGElement>(null);
  const caption = useRef<HTMLElement>(null);
  const [box, near] = useNearViewport<HTMLElement>();
  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    // D3 comes with the first plot, not with the page.
    void import('../viz/notebook-plot').then(({ renderPlot, describePlot }) => drawSoon(() => {
      if (cancelled || !svg.current || !box.current) return;
      const width = Math.max(240, Math.min(720, box.current.clientWidth || 560));
      renderPlot(svg.current, plot, { width, height: Math.round(width * 0.55) });
      if (caption.current) caption.current.textContent = describePlot(plot);
    }));
    return () => { cancelled = true; };
  }, [plot, near, box]);
  return (
    <figure className="nb-output__plot" ref={box} data-testid="cell-plot" data-drawn={near ? 'yes' : 'no'}>
      {plot.title ? <p className="nb-output__plot-title">{plot.title}</p> : null}
      <svg ref={svg} role="img" aria-label={plot.title || `${plot.kind} chart`} />
      {plot.series.length > 1 ? (
        <ul className="nb-output__legend">
          {plot.series.map((s, i) => <li key={i} data-index={i % 8}>{s.label}</li>)}
        </ul>
      ) : null}
      <figcaption ref={caption} className="nb-output__caption" />
      {plot.hiddenPoints > 0 ? <p className="nb-output__note">{plot.hiddenPoints} points not drawn (not finite, or over the limit).</p> : null}
      {plot.undrawnPoints > 0 ? <p className="nb-output__note">Drawn: an even sample; {plot.undrawnPoints} of the points are not drawn, so the page stays responsive.</p> : null}
    </figure>
  );
});

const ImageOutput = memo(function ImageOutput({ image, label }: { image: RgbaImage; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
  }, [image]);
  const scale = Math.max(1, Math.floor(192 / Math.max(image.width, image.height)));
  return (
    <canvas
      ref={canvas}
      className="nb-output__image"
      width={image.width}
      height={image.height}
      style={{ width: image.width * scale, height: image.height * scale }}
      role="img"
      aria-label={label}
      data-testid="cell-image"
    />
  );
});

const TableOutput = memo(function TableOutput({ table }: { table: Extract<CellOutput, { kind: 'table' }>['table'] }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(table.rows.length / TABLE_PAGE_ROWS));
  const first = page * TABLE_PAGE_ROWS;
  const rows = table.rows.slice(first, first + TABLE_PAGE_ROWS);
  return (
    <div className="nb-output__table" tabIndex={0} role="region" aria-label="Table output" data-testid="cell-table">
      <table>
        <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {rows.map((row, i) => <tr key={first + i}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>)}
        </tbody>
      </table>
      {pages > 1 ? (
        <p className="nb-output__pager">
          <button type="button" className="button button--small button--quiet" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous rows</button>{' '}
          <span data-testid="table-range">Rows {first + 1}–{first + rows.length} of {table.rows.length}</span>{' '}
          <button type="button" className="button button--small button--quiet" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>Next rows</button>
        </p>
      ) : null}
      {table.hiddenRows > 0 || table.hiddenColumns > 0 ? (
        <p className="nb-output__note">Truncated: {table.hiddenRows} more rows, {table.hiddenColumns} more columns.</p>
      ) : null}
    </div>
  );
});

const OutputItem = memo(function OutputItem({ output: o }: { output: CellOutput }) {
  switch (o.kind) {
    case 'text': return <pre className={`nb-output__text nb-output__text--${o.stream}`}>{o.text}</pre>;
    case 'note': return <p className="nb-output__note">{o.text}</p>;
    case 'table': return <TableOutput table={o.table} />;
    case 'plot': return <PlotOutput plot={o.plot} />;
    case 'image': return <ImageOutput image={o.image} label={o.label} />;
  }
});

export function formatCellError(error: CellError): string {
  const where = error.position ? ` (line ${error.position.line}${error.position.column ? `, column ${error.position.column}` : ''})` : '';
  return `${error.name}${where}: ${error.message}`;
}

/**
 * A cell's outputs in order, then its error, announced politely to screen readers. Outputs join
 * REVEAL_PER_FRAME a frame up to the page limit; the rest wait behind "Show more".
 */
export function CellOutputView({ outputs, error }: { outputs: CellOutput[]; error: CellError | null }) {
  const [limit, setLimit] = useState(OUTPUTS_PER_PAGE);
  const [revealed, setRevealed] = useState(0);
  // A new run starts with fewer outputs than were shown: start over.
  if (outputs.length < revealed) {
    setRevealed(0);
    setLimit(OUTPUTS_PER_PAGE);
  }
  const target = Math.min(outputs.length, limit);
  const visible = Math.min(target, Math.max(revealed, FIRST_AT_ONCE));
  useEffect(() => {
    if (visible >= target) return;
    const frame = requestAnimationFrame(() => setRevealed(Math.min(target, visible + REVEAL_PER_FRAME)));
    return () => cancelAnimationFrame(frame);
  }, [visible, target]);
  if (outputs.length === 0 && !error) return null;
  const shown = outputs.slice(0, visible);
  const more = outputs.length - limit;
  return (
    <div className="nb-output" data-testid="cell-output" data-outputs={outputs.length} data-shown={shown.length}>
      {shown.map((o, i) => <OutputItem key={i} output={o} />)}
      {more > 0 ? (
        <p className="nb-output__note" data-testid="outputs-more">
          Showing {limit} of {outputs.length} outputs.{' '}
          <button type="button" className="button button--small button--quiet" onClick={() => setLimit(limit + OUTPUTS_PER_PAGE)}>
            Show {Math.min(OUTPUTS_PER_PAGE, more)} more
          </button>
        </p>
      ) : null}
      {error ? <pre className="nb-output__error" role="alert" data-testid="cell-error">{formatCellError(error)}</pre> : null}
    </div>
  );
}
