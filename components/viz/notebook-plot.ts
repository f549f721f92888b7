/**
 * Draws a notebook cell's `plot(...)`: line or scatter series on shared axes, from a PlotSpec
 * (lib/notebook/plot-spec.ts). Pure D3: (svg, spec, { width, height }) → void; no React, no tfjs.
 */
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import type { PlotSpec } from '@/lib/notebook/plot-spec';

/** Colour-blind-safe categorical palette (Okabe-Ito), one colour per series. */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/** A one-sentence description of the chart, for its caption and screen readers. */
export function describePlot(spec: PlotSpec): string {
  const [x0, x1] = spec.xDomain;
  const [y0, y1] = spec.yDomain;
  const f = (n: number) => String(Number(n.toPrecision(3)));
  const kind = spec.kind === 'line' ? 'Line chart' : 'Scatter plot';
  const names = spec.series.length > 1 ? ` (${spec.series.map((s) => s.label).join(', ')})` : '';
  return `${kind}${spec.title ? ` "${spec.title}"` : ''}: ${spec.series.length} series${names}, ${spec.points} points; ` +
    `${spec.xLabel} from ${f(x0)} to ${f(x1)}, ${spec.yLabel} from ${f(y0)} to ${f(y1)}.`;
}

/** Draws every point of the spec (the worker has already thinned it to MAX_DRAWN_POINTS). */
export function renderPlot(svgElement: SVGSVGElement, spec: PlotSpec, { width, height }: { width: number; height: number }): void {
  const margin = { top: 12, right: 16, bottom: 40, left: 52 };
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.selectAll('*').remove();
  const x = scaleLinear().domain(spec.xDomain).nice().range([margin.left, width - margin.right]);
  const y = scaleLinear().domain(spec.yDomain).nice().range([height - margin.bottom, margin.top]);
  svg.append('g').attr('class', 'nb-plot__axis').attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80))));
  svg.append('g').attr('class', 'nb-plot__axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5));
  svg.append('text').attr('class', 'nb-plot__label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle').text(spec.xLabel);
  svg.append('text').attr('class', 'nb-plot__label').attr('transform', `translate(14,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(spec.yLabel);
  const drawn = spec.series.reduce((n, s) => n + s.x.length, 0);
  spec.series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    const g = svg.append('g').attr('class', 'nb-plot__series').attr('data-series', s.label);
    const keep = Array.from({ length: s.x.length }, (_, k) => k);
    if (spec.kind === 'line') {
      const path = line<number>().x((k) => x(s.x[k])).y((k) => y(s.y[k]));
      g.append('path').attr('d', path(keep) ?? '').attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2);
    } else {
      // One path of small circles per series, not one element a point: thousands of points stay cheap.
      const r = drawn > 1000 ? 1.5 : 2.5;
      const round = (v: number) => Math.round(v * 10) / 10;
      const d = keep.map((k) => `M${round(x(s.x[k]) - r)},${round(y(s.y[k]))}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`).join('');
      g.append('path').attr('class', 'nb-plot__points').attr('d', d).attr('fill', color).attr('fill-opacity', 0.7).attr('data-points', keep.length);
    }
  });
}
