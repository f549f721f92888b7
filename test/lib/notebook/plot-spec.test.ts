import { describe, expect, it } from 'vitest';
import { MAX_DRAWN_POINTS, MAX_POINTS_PER_SERIES, normalizePlot } from '@/lib/notebook/plot-spec';

describe('plot specs', () => {
  it('plots a list of numbers as a line against its index', () => {
    const spec = normalizePlot([1, 4, 9], { title: 'squares' });
    expect(spec).toMatchObject({ kind: 'line', title: 'squares', hiddenPoints: 0 });
    expect(spec.series).toEqual([{ label: '', x: Float64Array.from([0, 1, 2]), y: Float64Array.from([1, 4, 9]) }]);
  });

  it('plots [x, y] pairs and [n, 2] tensors as scatter plots', () => {
    expect(normalizePlot([[0, 1], [2, 3]]).kind).toBe('scatter');
    const t = normalizePlot({ shape: [2, 2], dtype: 'float32', values: new Float32Array([0, 1, 2, 3]) });
    expect(t.kind).toBe('scatter');
    expect(t.series[0]).toMatchObject({ x: Float64Array.from([0, 2]), y: Float64Array.from([1, 3]) });
  });

  it('splits a toy 2D sample into one series per class, named by classNames', () => {
    const spec = normalizePlot({ points: new Float32Array([0, 0, 1, 1, 2, 2]), labels: new Int32Array([1, 0, 1]), classNames: ['upper', 'lower'] });
    expect(spec.kind).toBe('scatter');
    expect(spec.series.map((s) => s.label)).toEqual(['upper', 'lower']);
    expect(spec.series[1]).toMatchObject({ x: Float64Array.from([0, 2]), y: Float64Array.from([0, 2]) });
  });

  it('accepts several named series and the kind option', () => {
    const spec = normalizePlot([{ x: [0, 1], y: [1, 2], label: 'a' }, { y: [3, 4], label: 'b' }], { kind: 'scatter' });
    expect(spec.kind).toBe('scatter');
    expect(spec.series.map((s) => s.label)).toEqual(['a', 'b']);
  });

  it('drops non-finite points and caps long series, counting what it hid', () => {
    expect(normalizePlot([1, NaN, Infinity, 2]).hiddenPoints).toBe(2);
    const long = normalizePlot(new Float32Array(MAX_POINTS_PER_SERIES + 10));
    expect(long.points).toBe(MAX_POINTS_PER_SERIES);
    expect(long.hiddenPoints).toBe(10);
  });

  it('thins what the page draws to an even sample of MAX_DRAWN_POINTS, keeping the ranges of every point', () => {
    const xs = Array.from({ length: 5000 }, (_, i) => i);
    const series = Array.from({ length: 20 }, (_, s) => ({ x: xs, y: xs.map((x) => x * (s + 1)), label: `s${s}` }));
    const spec = normalizePlot(series, { kind: 'scatter' });
    expect(spec.points).toBe(100_000);
    expect(spec.series.reduce((n, s) => n + s.x.length, 0)).toBe(MAX_DRAWN_POINTS);
    expect(spec.undrawnPoints).toBe(100_000 - MAX_DRAWN_POINTS);
    expect(spec.series[0].x[0]).toBe(0);
    expect(spec.series[0].x[spec.series[0].x.length - 1]).toBe(4999);
    expect(spec.xDomain).toEqual([0, 4999]);
    expect(spec.yDomain).toEqual([0, 4999 * 20]);
    const small = normalizePlot([1, 4, 9]);
    expect(small.undrawnPoints).toBe(0);
    expect(small.yDomain).toEqual([1, 9]);
    expect(normalizePlot([5, 5]).yDomain).toEqual([4, 6]);
  });

  it('rejects bad input with an error that starts with plot:', () => {
    expect(() => normalizePlot('nope')).toThrow(/^plot: expected an array/);
    expect(() => normalizePlot({ x: [1], y: [1, 2] })).toThrow(/same length/);
    expect(() => normalizePlot([1], { kind: 'bar' as never })).toThrow(/kind must be "line" or "scatter"/);
    expect(() => normalizePlot({ shape: [2, 3], dtype: 'float32', values: new Float32Array(6) })).toThrow(/\[n, 2\]/);
  });
});
