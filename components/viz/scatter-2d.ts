/**
 * 2D point clouds for the Gaussian-diffusion lessons: particles (one path per class, so 2,000 points
 * redraw in a few ms), optional faint reference data, particle trails and score arrows.
 * Pure renderer: (svg, data, options) → void. No React, no tfjs.
 */
import { scaleLinear, select } from 'd3';
import { circlesPath } from './circles-path';

export interface Scatter2dData {
  /** Particles, row-major [n * 2]. */
  points: Float32Array;
  /** Class per particle (colours); absent: one colour. */
  labels?: Int32Array;
  /** Faint background points [m * 2] (the data the model learned). */
  reference?: Float32Array;
  /** Polylines, each [k * 2] (trajectories of a few particles). */
  trails?: Float32Array[];
  /** Arrows from `from` [m * 2] along `vectors` [m * 2], scaled by arrowScale. */
  arrows?: { from: Float32Array; vectors: Float32Array };
  /** Highlighted points [k * 2], drawn large (e.g. the point being inverted). */
  marks?: Float32Array;
}

export interface Scatter2dOptions {
  width: number;
  /** Default: square. */
  height?: number;
  /** The view is [-extent, extent]^2 in data units. Default 3. */
  extent?: number;
  /** Particle radius in pixels. Default 1.6. */
  radius?: number;
  /** Multiplier from vector units to data units for arrows (clipped to a grid cell). Default 0.1. */
  arrowScale?: number;
}

export const CLASS_COLOURS = ['#5b3cc4', '#0b6e8a', '#a2461b', '#1f7a3c', '#b8326b', '#6b6b00', '#2f5fd0', '#8a5a00'];

export function renderScatter2d(svg: SVGSVGElement, data: Scatter2dData, options: Scatter2dOptions): void {
  const width = Math.max(80, options.width);
  const height = options.height ?? width;
  const extent = options.extent ?? 3;
  const r = options.radius ?? 1.6;
  const x = scaleLinear().domain([-extent, extent]).range([0, width]);
  const y = scaleLinear().domain([-extent, extent]).range([height, 0]);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  root.append('rect').attr('width', width).attr('height', height).attr('class', 'scatter-2d__frame');
  // Axes through the origin, as a quiet reference for scale.
  root.append('path').attr('class', 'scatter-2d__axis').attr('d', `M0,${y(0)}H${width}M${x(0)},0V${height}`);
  if (data.reference) root.append('path').attr('class', 'scatter-2d__reference').attr('d', circlesPath(data.reference, x, y, r * 0.9));
  if (data.arrows) {
    const { from, vectors } = data.arrows;
    const scale = options.arrowScale ?? 0.1;
    const parts: string[] = [];
    for (let i = 0; i < from.length / 2; i++) {
      const x0 = x(from[2 * i]);
      const y0 = y(from[2 * i + 1]);
      const x1 = x(from[2 * i] + scale * vectors[2 * i]);
      const y1 = y(from[2 * i + 1] + scale * vectors[2 * i + 1]);
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len < 0.5) continue;
      const ux = (x1 - x0) / len;
      const uy = (y1 - y0) / len;
      const h = Math.min(5, len * 0.4);
      parts.push(`M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`);
      parts.push(`M${(x1 - h * ux - h * 0.5 * uy).toFixed(1)},${(y1 - h * uy + h * 0.5 * ux).toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}L${(x1 - h * ux + h * 0.5 * uy).toFixed(1)},${(y1 - h * uy - h * 0.5 * ux).toFixed(1)}`);
    }
    root.append('path').attr('class', 'scatter-2d__arrows').attr('d', parts.join(''));
  }
  const labels = data.labels;
  if (labels) {
    const classes = [...new Set(labels)].sort((a, b) => a - b);
    for (const c of classes) {
      root.append('path').attr('class', 'scatter-2d__points').attr('fill', CLASS_COLOURS[c % CLASS_COLOURS.length])
        .attr('d', circlesPath(data.points, x, y, r, (i) => labels[i] === c));
    }
  } else {
    root.append('path').attr('class', 'scatter-2d__points').attr('d', circlesPath(data.points, x, y, r));
  }
  for (const trail of data.trails ?? []) {
    const pts: string[] = [];
    for (let i = 0; i < trail.length / 2; i++) pts.push(`${x(trail[2 * i]).toFixed(1)},${y(trail[2 * i + 1]).toFixed(1)}`);
    if (pts.length > 1) root.append('path').attr('class', 'scatter-2d__trail').attr('d', `M${pts.join('L')}`);
  }
  if (data.marks) root.append('path').attr('class', 'scatter-2d__marks').attr('d', circlesPath(data.marks, x, y, 5));
}
