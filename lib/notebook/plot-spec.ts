/**
 * What a cell's `plot(...)` call becomes: a small, bounded, serialisable chart description that
 * the worker posts to the page, where a D3 renderer draws it. Normalising here (pure, tested)
 * means the page never sees a reader's raw value, only numbers in known shapes.
 *
 * Accepted data (tensors arrive as `{ shape, dtype, values }`, read by the runtime first):
 *   plot([1, 4, 9])                         one line, x = 0, 1, 2, …
 *   plot({ x: [...], y: [...], label })     one series
 *   plot([{ x, y, label }, …])              several series
 *   plot([[x, y], …])                       points (scatter by default)
 *   plot({ points: flatXY, labels? })       a toy 2D sample: one scatter series per label
 *   plot(tensor1d) / plot(tensor [n, 2])    a line / points
 */
import { isTensorLike } from './display';

export type PlotKind = 'line' | 'scatter';

export interface PlotOptions {
  kind?: PlotKind;
  /** Alias of kind, as many plotting libraries name it. */
  type?: PlotKind;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Name of a single series. */
  label?: string;
}

/** Coordinates as Float64Array: the page copies a typed array in one go where a number[] is cloned number by number. */
export interface PlotSeries {
  label: string;
  x: Float64Array;
  y: Float64Array;
}

export interface PlotSpec {
  kind: PlotKind;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The points to draw: an even sample of each series when the plot has more than MAX_DRAWN_POINTS. */
  series: PlotSeries[];
  /** Points left out over the caps (non-finite points are dropped too and counted here). */
  hiddenPoints: number;
  /** Points within the caps, drawn or not, and the ranges they span (the axes' domains). */
  points: number;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Points within the caps that the drawing leaves out (the sample keeps the page responsive). */
  undrawnPoints: number;
}

/** Per series and in all: enough for any figure a reader can see, small enough to post. */
export const MAX_POINTS_PER_SERIES = 5_000;
export const MAX_SERIES = 20;
/** Points drawn per plot at most; more are thinned to an even sample, so one plot costs the page a few ms. */
export const MAX_DRAWN_POINTS = 4_000;
const MAX_TEXT = 120;

/** Indices 0..n-1 thinned to at most `budget`, evenly spaced (always keeps the first and last). */
export function thinIndices(n: number, budget: number): number[] {
  if (n <= budget) return Array.from({ length: n }, (_, i) => i);
  if (budget <= 1) return n > 0 ? [0] : [];
  return Array.from({ length: budget }, (_, k) => Math.round((k * (n - 1)) / (budget - 1)));
}

/** [min, max] of finite values, widened when flat; [0, 1] when empty. */
function domain(lists: readonly number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of lists) for (const v of list) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

type Numbers = ArrayLike<number>;

function isNumbers(v: unknown): v is Numbers {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

function text(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v.slice(0, MAX_TEXT) : fallback;
}

function fail(message: string): never {
  throw new Error(`plot: ${message}`);
}

interface RawSeries { label: string; x: Numbers | null; y: Numbers }

function fromPairs(pairs: unknown[], label: string): RawSeries {
  const x: number[] = [];
  const y: number[] = [];
  pairs.forEach((p, i) => {
    if (!isNumbers(p) || p.length !== 2) fail(`point ${i} must be [x, y], got ${JSON.stringify(p)?.slice(0, 40)}`);
    x.push(p[0]);
    y.push(p[1]);
  });
  return { label, x, y };
}

function fromFlatXY(flat: Numbers, labels: Numbers | null, label: string): RawSeries[] {
  if (flat.length % 2 !== 0) fail(`points must hold x, y pairs (an even count), got ${flat.length} numbers`);
  const n = flat.length / 2;
  if (labels && labels.length !== n) fail(`labels must have one entry per point (${n}), got ${labels.length}`);
  const groups = new Map<number, { x: number[]; y: number[] }>();
  for (let i = 0; i < n; i++) {
    const key = labels ? labels[i] : 0;
    let g = groups.get(key);
    if (!g) { g = { x: [], y: [] }; groups.set(key, g); }
    g.x.push(flat[2 * i]);
    g.y.push(flat[2 * i + 1]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0])
    .map(([key, g]) => ({ label: labels ? `${label || 'class'} ${key}` : label, x: g.x, y: g.y }));
}

function fromObject(o: Record<string, unknown>, label: string): RawSeries[] {
  if ('points' in o) {
    const points = isTensorLike(o.points) ? o.points.values : o.points;
    if (!isNumbers(points)) fail('points must be a flat list of numbers x0, y0, x1, y1, …');
    const labels = o.labels === undefined ? null : o.labels;
    if (labels !== null && !isNumbers(labels)) fail('labels must be a list of numbers');
    const names = Array.isArray(o.classNames) ? o.classNames : null;
    const series = fromFlatXY(points, labels, label);
    if (names && labels) {
      const keys = [...new Set(Array.from(labels))].sort((a, b) => a - b);
      series.forEach((s, i) => { s.label = text(names[keys[i]], s.label); });
    }
    return series;
  }
  if (!('y' in o)) fail('an object needs "y" (and optionally "x") or "points"');
  const y = isTensorLike(o.y) ? o.y.values : o.y;
  const x = o.x === undefined ? null : isTensorLike(o.x) ? o.x.values : o.x;
  if (!isNumbers(y)) fail('"y" must be a list of numbers');
  if (x !== null && !isNumbers(x)) fail('"x" must be a list of numbers');
  if (x && x.length !== y.length) fail(`"x" and "y" must have the same length, got ${x.length} and ${y.length}`);
  return [{ label: text(o.label, label), x: x as Numbers | null, y }];
}

function rawSeries(data: unknown, label: string): { series: RawSeries[]; pointsLike: boolean } {
  if (isTensorLike(data)) {
    const { shape, values } = data;
    if (shape.length === 1) return { series: [{ label, x: null, y: values as Numbers }], pointsLike: false };
    if (shape.length === 2 && shape[1] === 2) return { series: fromFlatXY(values as Numbers, null, label), pointsLike: true };
    fail(`a tensor must be 1D (a line) or [n, 2] (points), got shape [${shape.join(', ')}]`);
  }
  if (isNumbers(data)) return { series: [{ label, x: null, y: data }], pointsLike: false };
  if (Array.isArray(data)) {
    if (data.length > 0 && data.every((p) => isNumbers(p))) return { series: [fromPairs(data, label)], pointsLike: true };
    if (data.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s))) {
      return { series: data.flatMap((s, i) => fromObject(s as Record<string, unknown>, `series ${i + 1}`)), pointsLike: false };
    }
    fail('expected numbers, [x, y] pairs or series objects');
  }
  if (typeof data === 'object' && data !== null) {
    return { series: fromObject(data as Record<string, unknown>, label), pointsLike: 'points' in data };
  }
  return fail(`expected an array, a tensor or an object, got ${data === null ? 'null' : typeof data}`);
}

/** Validates and bounds a `plot(data, options)` call; throws an Error starting "plot:" on bad input. */
export function normalizePlot(data: unknown, options: PlotOptions = {}): PlotSpec {
  if (typeof options !== 'object' || options === null) fail('options must be an object such as { kind: "scatter" }');
  const requested = options.kind ?? options.type;
  if (requested !== undefined && requested !== 'line' && requested !== 'scatter') {
    fail(`kind must be "line" or "scatter", got ${JSON.stringify(requested)}`);
  }
  const { series: raw, pointsLike } = rawSeries(data, text(options.label));
  let hiddenPoints = 0;
  if (raw.length > MAX_SERIES) {
    hiddenPoints += raw.slice(MAX_SERIES).reduce((n, s) => n + s.y.length, 0);
  }
  const capped = raw.slice(0, MAX_SERIES).map((s) => {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < s.y.length; i++) {
      const xi = s.x ? Number(s.x[i]) : i;
      const yi = Number(s.y[i]);
      if (!Number.isFinite(xi) || !Number.isFinite(yi) || x.length >= MAX_POINTS_PER_SERIES) { hiddenPoints++; continue; }
      x.push(xi);
      y.push(yi);
    }
    return { label: s.label, x, y };
  });
  // Thinned here, in the worker: the page then receives and draws at most MAX_DRAWN_POINTS points.
  const points = capped.reduce((n, s) => n + s.x.length, 0);
  let undrawnPoints = 0;
  const series = capped.map((s) => {
    const keep = thinIndices(s.x.length, Math.max(2, Math.floor((MAX_DRAWN_POINTS * s.x.length) / Math.max(1, points))));
    undrawnPoints += s.x.length - keep.length;
    return { label: s.label, x: Float64Array.from(keep, (k) => s.x[k]), y: Float64Array.from(keep, (k) => s.y[k]) };
  });
  return {
    kind: requested ?? (pointsLike ? 'scatter' : 'line'),
    title: text(options.title),
    xLabel: text(options.xLabel, 'x'),
    yLabel: text(options.yLabel, 'y'),
    series,
    hiddenPoints,
    points,
    xDomain: domain(capped.map((s) => s.x)),
    yDomain: domain(capped.map((s) => s.y)),
    undrawnPoints,
  };
}
