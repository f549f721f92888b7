/**
 * Draws a notebook cell's `plot(...)`: line or scatter series on shared axes, from a PlotSpec
 * (lib/notebook/plot-spec.ts). Pure D3: (svg, spec, { width, height }) → void; no React, no tfjs.
 */
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import type { PlotSpec } from '@/lib/notebook/plot-spec';

/** Colour-blind-safe categorical palette (Okabe-Ito), one colour per series. */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

function extent(values: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of values) for (const v of list) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** A one-sentence description of the chart, for its caption and screen readers. */
export function describePlot(spec: PlotSpec): string {
  const points = spec.series.reduce((n, s) => n + s.x.length, 0);
  const [x0, x1] = extent(spec.series.map((s) => s.x));
  const [y0, y1] = extent(spec.series.map((s) => s.y));
  const f = (n: number) => String(Number(n.toPrecision(3)));
  const kind = spec.kind === 'line' ? 'Line chart' : 'Scatter plot';
  const names = spec.series.length > 1 ? ` (${spec.series.map((s) => s.label).join(', ')})` : '';
  return `${kind}${spec.title ? ` "${spec.title}"` : ''}: ${spec.series.length} series${names}, ${points} points; ` +
    `${spec.xLabel} from ${f(x0)} to ${f(x1)}, ${spec.yLabel} from ${f(y0)} to ${f(y1)}.`;
}

/** Points drawn per plot at most; more are thinned to an even sample, so one plot costs a few ms. */
export const MAX_DRAWN_POINTS = 4_000;

/** Indices 0..n-1 thinned to at most `budget`, evenly spaced (always keeps the first and last). */
export function thinIndices(n: number, budget: number): number[] {
  if (n <= budget) return Array.from({ length: n }, (_, i) => i);
  if (budget <= 1) return n > 0 ? [0] : [];
  return Array.from({ length: budget }, (_, k) => Math.round((k * (n - 1)) / (budget - 1)));
}

/** Draws the plot; returns how many points were left out of the drawing (0 when all fit). */
export function renderPlot(svgElement: SVGSVGElement, spec: PlotSpec, { width, height }: { width: number; height: number }): { skippedPoints: number } {
  const margin = { top: 12, right: 16, bottom: 40, left: 52 };
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  const x = scaleLinear().domain(extent(spec.series.map((s) => s.x))).nice().range([margin.left, width - margin.right]);
  const y = scaleLinear().domain(extent(spec.series.map((s) => s.y))).nice().range([height - margin.bottom, margin.top]);
  svg.append('g').attr('class', 'nb-plot__axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80))));
  svg.append('g').attr('class', 'nb-plot__axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5));
  svg.append('text').attr('class', 'nb-plot__label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').text(spec.xLabel);
  svg.append('text').attr('class', 'nb-plot__label').attr('transform', `translate(14,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(spec.yLabel);
  const total = spec.series.reduce((n, s) => n + s.x.length, 0);
  let skippedPoints = 0;
  spec.series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    const g = svg.append('g').attr('class', 'nb-plot__series').attr('data-series', s.label);
    // Each series gets its share of the budget.
    const keep = thinIndices(s.x.length, Math.max(2, Math.floor((MAX_DRAWN_POINTS * s.x.length) / Math.max(1, total))));
    skippedPoints += s.x.length - keep.length;
    if (spec.kind === 'line') {
      const path = line<number>().x((k) => x(s.x[k])).y((k) => y(s.y[k]));
      g.append('path').attr('d', path(keep) ?? '').attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2);
    } else {
      // One path of small circles per series, not one element a point: thousands of points stay cheap.
      const r = keep.length > 1000 ? 1.5 : 2.5;
      const d = keep.map((k) => `M${(x(s.x[k]) - r).toFixed(1)},${y(s.y[k]).toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`).join('');
      g.append('path').attr('class', 'nb-plot__points').attr('d', d).attr('fill', color).attr('fill-opacity', 0.7).attr('data-points', keep.length);
    }
  });
  return { skippedPoints };
}
