'use client';
import { useEffect, useRef } from 'react';
import type { CellError } from '@/lib/notebook/transpile';
import type { PlotSpec } from '@/lib/notebook/plot-spec';
import type { RgbaImage } from '@/lib/notebook/image-data';
import type { CellOutput } from './cell-protocol';

function PlotOutput({ plot }: { plot: PlotSpec }) {
  const svg = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLElement>(null);
  const caption = useRef<HTMLElement>(null);
  useEffect(() => {
    let cancelled = false;
    // D3 comes with the first plot, not with the page.
    void import('../viz/notebook-plot').then(({ renderPlot, describePlot }) => {
      if (cancelled || !svg.current || !box.current) return;
      const width = Math.max(240, Math.min(720, box.current.clientWidth || 560));
      renderPlot(svg.current, plot, { width, height: Math.round(width * 0.55) });
      if (caption.current) caption.current.textContent = describePlot(plot);
    });
    return () => { cancelled = true; };
  }, [plot]);
  return (
    <figure className="nb-output__plot" ref={box} data-testid="cell-plot">
      {plot.title ? <p className="nb-output__plot-title">{plot.title}</p> : null}
      <svg ref={svg} role="img" aria-label={plot.title || `${plot.kind} chart`} />
      {plot.series.length > 1 ? (
        <ul className="nb-output__legend">
          {plot.series.map((s, i) => <li key={i} data-index={i % 8}>{s.label}</li>)}
        </ul>
      ) : null}
      <figcaption ref={caption} className="nb-output__caption" />
      {plot.hiddenPoints > 0 ? <p className="nb-output__note">{plot.hiddenPoints} points not drawn (not finite, or over the limit).</p> : null}
    </figure>
  );
}

function ImageOutput({ image, label }: { image: RgbaImage; label: string }) {
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
}

function TableOutput({ table }: { table: Extract<CellOutput, { kind: 'table' }>['table'] }) {
  return (
    <div className="nb-output__table" tabIndex={0} role="region" aria-label="Table output">
      <table>
        <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {table.rows.map((row, i) => <tr key={i}>{row.map((cell, j) => <td key={j}>{cell}</td>)}</tr>)}
        </tbody>
      </table>
      {table.hiddenRows > 0 || table.hiddenColumns > 0 ? (
        <p className="nb-output__note">Truncated: {table.hiddenRows} more rows, {table.hiddenColumns} more columns.</p>
      ) : null}
    </div>
  );
}

export function formatCellError(error: CellError): string {
  const where = error.position ? ` (line ${error.position.line}${error.position.column ? `, column ${error.position.column}` : ''})` : '';
  return `${error.name}${where}: ${error.message}`;
}

/** A cell's outputs in order, then its error, announced politely to screen readers. */
export function CellOutputView({ outputs, error }: { outputs: CellOutput[]; error: CellError | null }) {
  if (outputs.length === 0 && !error) return null;
  return (
    <div className="nb-output" data-testid="cell-output">
      {outputs.map((o, i) => {
        switch (o.kind) {
          case 'text': return <pre key={i} className={`nb-output__text nb-output__text--${o.stream}`}>{o.text}</pre>;
          case 'note': return <p key={i} className="nb-output__note">{o.text}</p>;
          case 'table': return <TableOutput key={i} table={o.table} />;
          case 'plot': return <PlotOutput key={i} plot={o.plot} />;
          case 'image': return <ImageOutput key={i} image={o.image} label={o.label} />;
        }
      })}
      {error ? <pre className="nb-output__error" role="alert" data-testid="cell-error">{formatCellError(error)}</pre> : null}
    </div>
  );
}
