/**
 * A K x K matrix as a heat map (D3PM transition matrices, lesson 07): row = from state, column = to
 * state, colour = probability. Pure renderer: (svg, data, options) → void.
 */
import { scaleSequential, select } from 'd3';
import { interpolateBlues } from 'd3';

export interface HeatmapData {
  k: number;
  /** Row-major K * K values in [0, 1]. */
  values: ArrayLike<number>;
  /** One short label per state (axis ticks). */
  labels: string[];
}

export interface HeatmapOptions {
  width: number;
  /** Largest cell size in pixels. */
  maxCell?: number;
}

const LABEL = 22;

export const heatColor = scaleSequential(interpolateBlues).domain([0, 1]);

export function renderMatrixHeatmap(svg: SVGSVGElement, data: HeatmapData, options: HeatmapOptions): void {
  const { k, values, labels } = data;
  const cell = Math.max(4, Math.min(options.maxCell ?? 36, (options.width - LABEL) / k));
  const size = LABEL + cell * k;
  const root = select(svg).attr('width', size).attr('height', size).attr('viewBox', `0 0 ${size} ${size}`);
  root.selectAll('*').remove();
  const showText = cell >= 26;
  const g = root.append('g').attr('transform', `translate(${LABEL},${LABEL})`);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = values[i * k + j];
      g.append('rect').attr('class', 'heatmap__cell').attr('x', j * cell).attr('y', i * cell).attr('width', cell).attr('height', cell).attr('fill', heatColor(v));
      if (showText && v > 0.005) {
        g.append('text').attr('class', 'heatmap__value').attr('x', j * cell + cell / 2).attr('y', i * cell + cell / 2).attr('dy', '0.35em')
          .attr('text-anchor', 'middle').attr('fill', v > 0.55 ? '#fff' : '#111').text(v.toFixed(2).replace(/^0/, ''));
      }
    }
  }
  const fontSize = Math.min(12, Math.max(7, cell * 0.7));
  labels.slice(0, k).forEach((label, i) => {
    root.append('text').attr('class', 'heatmap__label').attr('x', LABEL - 3).attr('y', LABEL + i * cell + cell / 2).attr('dy', '0.35em')
      .attr('text-anchor', 'end').attr('font-size', fontSize).text(label);
    root.append('text').attr('class', 'heatmap__label').attr('x', LABEL + i * cell + cell / 2).attr('y', LABEL - 5)
      .attr('text-anchor', 'middle').attr('font-size', fontSize).text(label);
  });
}
