/**
 * A speed/quality frontier (lesson 12): one point per decoding rule or setting, x = speed (tokens
 * per pass or tokens per second), y = accuracy, the upper-right staircase of non-dominated points
 * drawn as a line. Points still being measured are hollow. Pure D3: (svg, data, options) → void.
 */
import { select } from 'd3-selection';
import { scaleLinear, scaleLog } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';

export interface FrontierPoint {
  id: string;
  label: string;
  x: number;
  y: number;
  /** Colour group (a model or family). */
  group: string;
  /** Still measuring: drawn hollow. */
  provisional?: boolean;
  /** The reader's own rule: drawn larger, with its label. */
  highlight?: boolean;
}

export interface FrontierOptions {
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
}

export const GROUP_COLOURS: Record<string, string> = { ar: '#555', mdlm: '#0072b2', bd3: '#d55e00', apd: '#009e73', builtin: '#0072b2', reader: '#cc79a7' };

/** Points no other point beats on both axes, sorted by x (the frontier). */
export function paretoFront<T extends { x: number; y: number }>(points: readonly T[]): T[] {
  const front = points.filter((p) => !points.some((q) => q !== p && q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)));
  return [...front].sort((a, b) => a.x - b.x);
}

export function renderFrontier(svg: SVGSVGElement, points: readonly FrontierPoint[], options: FrontierOptions): void {
  const { width, height = 260, xLabel, yLabel } = options;
  const m = { top: 12, right: 16, bottom: 38, left: 44 };
  const root = select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  const xs = points.map((p) => p.x).filter((x) => x > 0);
  const xMax = Math.max(1, ...xs) * 1.15;
  const xMin = options.logX ? Math.max(1e-3, Math.min(...xs, xMax / 10) / 1.5) : 0;
  const x = (options.logX ? scaleLog() : scaleLinear()).domain([xMin, xMax]).range([m.left, width - m.right]).nice();
  const y = scaleLinear().domain([0, 1]).range([height - m.bottom, m.top]);
  root.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(5, options.logX ? '~g' : undefined));
  root.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(5, '%'));
  root.append('text').attr('class', 'frontier__axis').attr('x', (m.left + width - m.right) / 2).attr('y', height - 4).attr('text-anchor', 'middle').text(xLabel);
  root.append('text').attr('class', 'frontier__axis').attr('transform', `translate(12,${(m.top + height - m.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yLabel);
  const done = points.filter((p) => !p.provisional && p.x > 0);
  const front = paretoFront(done);
  if (front.length > 1) {
    let d = '';
    front.forEach((p, i) => { d += `${i ? 'L' : 'M'}${x(p.x)},${y(p.y)}`; });
    root.append('path').attr('class', 'frontier__line').attr('d', d);
  }
  for (const p of points) {
    if (!(p.x > 0)) continue;
    const colour = GROUP_COLOURS[p.group] ?? '#333';
    const g = root.append('g').attr('class', 'frontier__point').attr('data-id', p.id).attr('transform', `translate(${x(p.x)},${y(p.y)})`);
    g.append('circle').attr('r', p.highlight ? 7 : 4.5).attr('fill', p.provisional ? 'none' : colour).attr('stroke', colour).attr('stroke-width', 1.5);
    g.append('title').text(`${p.label}: ${(100 * p.y).toFixed(0)}% at ${p.x.toFixed(2)}`);
    if (p.highlight || front.includes(p)) g.append('text').attr('class', 'frontier__label').attr('x', 8).attr('y', -6).text(p.label);
  }
}

export function describeFrontier(points: readonly FrontierPoint[], xLabel: string): string {
  if (!points.length) return 'No points yet.';
  return points.map((p) => `${p.label}: ${(100 * p.y).toFixed(0)}% accuracy at ${p.x.toFixed(2)} ${xLabel}${p.provisional ? ' (measuring)' : ''}`).join('; ');
}
