/**
 * A small line chart: several named series on shared axes, an optional vertical marker, optional
 * log y axis. Used for noise schedules and training loss. Pure renderer: (svg, data, options) → void.
 */
import { axisBottom, axisLeft, extent as d3extent, line, scaleLinear, scaleLog, select } from 'd3';

export interface LineSeries {
  name: string;
  points: [number, number][];
  /** CSS class suffix for the stroke colour (line-chart__series--<tone>). */
  tone?: string;
}

export interface LineChartOptions {
  width: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  yLog?: boolean;
  /** Fixed y domain; default: the data's extent. */
  yDomain?: [number, number];
  xDomain?: [number, number];
  /** A vertical line at this x (e.g. the current t). */
  markerX?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 38, left: 52 };

export function renderLineChart(svg: SVGSVGElement, series: LineSeries[], options: LineChartOptions): void {
  const width = Math.max(160, options.width);
  const height = options.height ?? Math.round(width * 0.55);
  const all = series.flatMap((s) => s.points);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  const xDomain = options.xDomain ?? ((d3extent(all, (p) => p[0]) as [number, number] | [undefined, undefined])[0] === undefined ? [0, 1] : (d3extent(all, (p) => p[0]) as [number, number]));
  const ys = all.map((p) => p[1]).filter((v) => Number.isFinite(v) && (!options.yLog || v > 0));
  let yDomain: [number, number] = options.yDomain ?? (ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1]);
  if (yDomain[0] === yDomain[1]) yDomain = [yDomain[0] - 1, yDomain[1] + 1];
  const x = scaleLinear().domain(xDomain).range([MARGIN.left, width - MARGIN.right]);
  const y = (options.yLog ? scaleLog() : scaleLinear()).domain(yDomain).range([height - MARGIN.bottom, MARGIN.top]).nice();
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  root.append('g').attr('class', 'line-chart__axis').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(5, options.yLog ? '~g' : undefined));
  root.append('text').attr('class', 'line-chart__label').attr('x', (MARGIN.left + width - MARGIN.right) / 2).attr('y', height - 4).attr('text-anchor', 'middle').text(options.xLabel);
  root.append('text').attr('class', 'line-chart__label').attr('transform', `translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(options.yLabel);
  const path = line<[number, number]>().defined((p) => Number.isFinite(p[1]) && (!options.yLog || p[1] > 0)).x((p) => x(p[0])).y((p) => y(p[1]));
  series.forEach((s, i) => {
    root.append('path').attr('class', `line-chart__series line-chart__series--${s.tone ?? i}`).attr('d', path(s.points) ?? '');
  });
  if (options.markerX !== undefined) {
    root.append('line').attr('class', 'line-chart__marker').attr('x1', x(options.markerX)).attr('x2', x(options.markerX)).attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
  }
  if (series.length > 1) {
    const legend = root.append('g').attr('transform', `translate(${width - MARGIN.right - 110},${MARGIN.top + 4})`);
    series.forEach((s, i) => {
      const row = legend.append('g').attr('transform', `translate(0,${i * 16})`);
      row.append('line').attr('class', `line-chart__series line-chart__series--${s.tone ?? i}`).attr('x1', 0).attr('x2', 18).attr('y1', 6).attr('y2', 6);
      row.append('text').attr('class', 'line-chart__legend').attr('x', 24).attr('y', 10).text(s.name);
    });
  }
}
