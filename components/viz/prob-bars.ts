/**
 * A probability vector as vertical bars, one per state (the marginal q(x_t | x_0) of one position,
 * lesson 07), with one highlighted bar (the clean token). Pure renderer: (svg, data, options) → void.
 */
import { scaleLinear, select } from 'd3';

export interface ProbBarsData {
  probs: ArrayLike<number>;
  labels: string[];
  /** Index drawn in the accent colour (e.g. x_0). */
  highlight: number;
}

export function renderProbBars(svg: SVGSVGElement, data: ProbBarsData, options: { width: number; height?: number }): void {
  const width = Math.max(120, options.width);
  const height = options.height ?? 120;
  const margin = { top: 14, bottom: 18, left: 30, right: 4 };
  const n = data.probs.length;
  const bw = (width - margin.left - margin.right) / Math.max(1, n);
  const y = scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  const root = select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  for (const v of [0, 0.5, 1]) {
    root.append('line').attr('class', 'prob-bars__grid').attr('x1', margin.left).attr('x2', width - margin.right).attr('y1', y(v)).attr('y2', y(v));
    root.append('text').attr('class', 'prob-bars__tick').attr('x', margin.left - 4).attr('y', y(v)).attr('dy', '0.35em').attr('text-anchor', 'end').text(String(v));
  }
  for (let i = 0; i < n; i++) {
    const p = data.probs[i];
    const x = margin.left + i * bw;
    root.append('rect').attr('class', i === data.highlight ? 'prob-bars__bar prob-bars__bar--hi' : 'prob-bars__bar')
      .attr('x', x + bw * 0.1).attr('width', Math.max(1, bw * 0.8)).attr('y', y(p)).attr('height', Math.max(0, y(0) - y(p)));
    if (p >= 0.04 || i === data.highlight) {
      root.append('text').attr('class', 'prob-bars__label').attr('x', x + bw / 2).attr('y', height - 4).attr('text-anchor', 'middle').text(data.labels[i]);
    }
  }
}
