/**
 * A 2D latent map for lesson 06: encoded training glyphs as faint dots coloured by class, each class
 * named by its digit at its centre, and generated latents drawn on top as dark rings. The view fits
 * the reference cloud (so the map does not jump when the samples move).
 * Pure renderer: (svg, data, options) → void. No React, no tfjs.
 */
import { scaleLinear, select } from 'd3';
import { circlesPath } from './circles-path';
import { CLASS_COLOURS } from './scatter-2d';

/** Ten distinguishable colours (one per digit), dark enough on white for the class labels. */
export const LATENT_CLASS_COLOURS = [...CLASS_COLOURS, '#007d6e', '#7a3f9e'];

export interface LatentScatterData {
  /** Encoded training glyphs [m * 2] with their classes. */
  reference?: { latents: Float32Array; labels: Int32Array };
  /** Generated latents [n * 2]. */
  samples?: Float32Array;
  classNames: readonly string[];
  /** The asked class: its reference points are drawn stronger. */
  highlight?: number;
}

export interface LatentScatterOptions {
  width: number;
  height?: number;
}

function bounds(points: Float32Array[]): [number, number, number, number] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of points) {
    for (let i = 0; i + 1 < p.length; i += 2) {
      if (!Number.isFinite(p[i]) || !Number.isFinite(p[i + 1])) continue;
      x0 = Math.min(x0, p[i]); x1 = Math.max(x1, p[i]);
      y0 = Math.min(y0, p[i + 1]); y1 = Math.max(y1, p[i + 1]);
    }
  }
  if (!Number.isFinite(x0)) return [-1, 1, -1, 1];
  const px = Math.max(1e-3, (x1 - x0) * 0.08);
  const py = Math.max(1e-3, (y1 - y0) * 0.08);
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}

export function renderLatentScatter(svg: SVGSVGElement, data: LatentScatterData, options: LatentScatterOptions): void {
  const width = Math.max(120, options.width);
  const height = options.height ?? width;
  const ref = data.reference;
  const [bx0, bx1, by0, by1] = bounds(ref ? [ref.latents] : data.samples ? [data.samples] : []);
  const x = scaleLinear().domain([bx0, bx1]).range([0, width]);
  const y = scaleLinear().domain([by0, by1]).range([height, 0]);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  root.append('rect').attr('width', width).attr('height', height).attr('class', 'scatter-2d__frame');
  if (ref) {
    const classes = [...new Set(ref.labels)].sort((a, b) => a - b);
    for (const c of classes) {
      const strong = data.highlight === undefined || data.highlight === c;
      root.append('path').attr('class', 'latent-scatter__reference').attr('fill', LATENT_CLASS_COLOURS[c % LATENT_CLASS_COLOURS.length])
        .attr('fill-opacity', strong ? 0.55 : 0.18).attr('d', circlesPath(ref.latents, x, y, 2, (i) => ref.labels[i] === c));
    }
  }
  if (data.samples && data.samples.length > 0) {
    root.append('path').attr('class', 'latent-scatter__samples').attr('d', circlesPath(data.samples, x, y, 3.2));
  }
  if (ref) {
    // Each class named at its centre (the mean of its codes), on top, so the map reads without a legend.
    const classes = [...new Set(ref.labels)].sort((a, b) => a - b);
    for (const c of classes) {
      let sx = 0, sy = 0, n = 0;
      for (let i = 0; i < ref.labels.length; i++) if (ref.labels[i] === c) { sx += ref.latents[2 * i]; sy += ref.latents[2 * i + 1]; n++; }
      root.append('text').attr('class', 'latent-scatter__label').attr('x', x(sx / n)).attr('y', y(sy / n)).attr('dy', '0.35em')
        .attr('text-anchor', 'middle').attr('fill', LATENT_CLASS_COLOURS[c % LATENT_CLASS_COLOURS.length]).text(data.classNames[c] ?? String(c));
    }
  }
}
