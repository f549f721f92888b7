/**
 * Learned vs true concrete scores of one masked position: for each token a pair of bars (learned,
 * true) on a shared linear axis. Pure renderer: (svg, data, options) → void; no React, no tfjs.
 */
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';

export interface RatioBarsData {
  /** Token labels, one per group. */
  labels: string[];
  learned: number[];
  truth: number[];
}

export interface RatioBarsOptions {
  width: number;
  height?: number;
  yLabel: string;
}

const MARGIN = { top: 22, right: 10, bottom: 34, left: 52 };

export function renderRatioBars(svg: SVGSVGElement, data: RatioBarsData, options: RatioBarsOptions): void {
  const width = Math.max(200, options.width);
  const height = options.height ?? Math.round(Math.min(260, width * 0.5));
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  const max = Math.max(1e-12, ...data.learned.filter(Number.isFinite), ...data.truth.filter(Number.isFinite));
  const x = scaleBand<string>().domain(data.labels).range([MARGIN.left, width - MARGIN.right]).padding(0.25);
  const inner = scaleBand<string>().domain(['learned', 'true']).range([0, x.bandwidth()]).padding(0.08);
  const y = scaleLinear().domain([0, max]).range([height - MARGIN.bottom, MARGIN.top]).nice();
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x));
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(4, '~g'));
  root.append('text').attr('class', 'line-chart__label').attr('transform', `translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(options.yLabel);
  data.labels.forEach((label, i) => {
    const g = root.append('g').attr('transform', `translate(${x(label) ?? 0},0)`);
    for (const [kind, value] of [['learned', data.learned[i]], ['true', data.truth[i]]] as const) {
      const v = Number.isFinite(value) ? Math.max(0, value) : 0;
      g.append('rect').attr('class', `ratio-bars__bar ratio-bars__bar--${kind}`)
        .attr('x', inner(kind) ?? 0).attr('width', inner.bandwidth())
        .attr('y', y(v)).attr('height', Math.max(0, y(0) - y(v)));
    }
  });
  const legend = root.append('g').attr('transform', `translate(${MARGIN.left + 6},${MARGIN.top - 14})`);
  (['learned', 'true'] as const).forEach((kind, i) => {
    const row = legend.append('g').attr('transform', `translate(${i * 90},0)`);
    row.append('rect').attr('class', `ratio-bars__bar ratio-bars__bar--${kind}`).attr('width', 12).attr('height', 10);
    row.append('text').attr('class', 'line-chart__legend').attr('x', 16).attr('y', 9).text(kind === 'learned' ? 'learned s_θ' : 'true ratio');
  });
}
