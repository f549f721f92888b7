/**
 * Measured points joined by lines (or left as dots), on linear or log axes, with optional labelled
 * vertical markers and a y = x diagonal. Used by the roofline, the test-time scaling curve and the
 * estimator scatter of lessons 13-14. Pure renderer: (svg, data, options) → void.
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';

export interface PointSeries {
  name: string;
  points: [number, number][];
  /** CSS tone suffix (points-chart__series--<tone>). */
  tone: string;
  /** Dots only, no joining line (a scatter). */
  dotsOnly?: boolean;
}

export interface VerticalMarker {
  x: number;
  label: string;
}

export interface PointsChartOptions {
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  markers?: VerticalMarker[];
  /** Draw y = x (estimate against truth). */
  diagonal?: boolean;
}

const MARGIN = { top: 12, right: 14, bottom: 40, left: 56 };

function extent(values: number[], log: boolean, fallback: [number, number]): [number, number] {
  const ok = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (!ok.length) return fallback;
  let lo = Math.min(...ok);
  let hi = Math.max(...ok);
  if (lo === hi) {
    lo = log ? lo / 2 : lo - 1;
    hi = log ? hi * 2 : hi + 1;
  }
  return [lo, hi];
}

export function renderPointsChart(svg: SVGSVGElement, series: PointSeries[], options: PointsChartOptions): void {
  const width = Math.max(200, options.width);
  const height = options.height ?? Math.round(width * 0.58);
  const all = series.flatMap((s) => s.points);
  const xValues = [...all.map((p) => p[0]), ...(options.markers ?? []).map((m) => m.x)];
  const xDomain = options.xDomain ?? extent(xValues, Boolean(options.xLog), [1, 10]);
  const yDomain = options.yDomain ?? extent(all.map((p) => p[1]), Boolean(options.yLog), [0, 1]);
  const x = (options.xLog ? scaleLog() : scaleLinear()).domain(xDomain).range([MARGIN.left, width - MARGIN.right]).nice();
  const y = (options.yLog ? scaleLog() : scaleLinear()).domain(yDomain).range([height - MARGIN.bottom, MARGIN.top]).nice();
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80)), options.xLog ? '~g' : undefined));
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(5, options.yLog ? '~g' : undefined));
  root.append('text').attr('class', 'line-chart__label').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 4).attr('text-anchor', 'middle').text(options.xLabel);
  root.append('text').attr('class', 'line-chart__label').attr('transform', `translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(options.yLabel);
  if (options.diagonal) {
    const [lo, hi] = [Math.max(x.domain()[0], y.domain()[0]), Math.min(x.domain()[1], y.domain()[1])];
    if (lo < hi) root.append('line').attr('class', 'points-chart__diagonal').attr('x1', x(lo)).attr('y1', y(lo)).attr('x2', x(hi)).attr('y2', y(hi));
  }
  for (const m of options.markers ?? []) {
    if (!(Number.isFinite(m.x) && (!options.xLog || m.x > 0))) continue;
    const g = root.append('g').attr('class', 'points-chart__marker');
    g.append('line').attr('x1', x(m.x)).attr('x2', x(m.x)).attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
    g.append('text').attr('x', x(m.x) + 3).attr('y', MARGIN.top + 10).text(m.label);
  }
  const ok = (p: [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!options.xLog || p[0] > 0) && (!options.yLog || p[1] > 0);
  const path = line<[number, number]>().defined(ok).x((p) => x(p[0])).y((p) => y(p[1]));
  for (const s of series) {
    const g = root.append('g').attr('class', `points-chart__series points-chart__series--${s.tone}`).attr('data-series', s.name);
    if (!s.dotsOnly) g.append('path').attr('d', path(s.points) ?? '');
    g.selectAll('circle').data(s.points.filter(ok)).enter().append('circle').attr('cx', (p) => x(p[0])).attr('cy', (p) => y(p[1])).attr('r', s.dotsOnly ? 3 : 3.5);
  }
  if (series.length > 1) {
    const legend = root.append('g').attr('transform', `translate(${MARGIN.left + 8},${MARGIN.top + 4})`);
    series.forEach((s, i) => {
      const row = legend.append('g').attr('class', `points-chart__legend points-chart__series--${s.tone}`).attr('transform', `translate(0,${i * 16})`);
      row.append('circle').attr('cx', 6).attr('cy', 6).attr('r', 4);
      row.append('text').attr('class', 'line-chart__legend').attr('x', 16).attr('y', 10).text(s.name);
    });
  }
}
