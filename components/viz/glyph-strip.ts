/**
 * A row of small greyscale images (the 16 x 16 glyphs), pixel values in [-1, 1] (ink +1), values
 * outside are clipped. Pure renderer: (svg, data, options) → void.
 */
import { select } from 'd3';

export interface GlyphStripData {
  /** [count * size * size], row-major images. */
  images: Float32Array;
  size: number;
}

export function renderGlyphStrip(svg: SVGSVGElement, data: GlyphStripData, options: { width: number; gap?: number }): void {
  const pixels = data.size * data.size;
  const count = Math.floor(data.images.length / pixels);
  const gap = options.gap ?? 8;
  const cell = Math.max(1, Math.floor((options.width - gap * (count - 1)) / (count * data.size)));
  const side = cell * data.size;
  const width = count * side + gap * (count - 1);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${side}`).attr('width', width).attr('height', side);
  root.selectAll('*').remove();
  for (let k = 0; k < count; k++) {
    const g = root.append('g').attr('transform', `translate(${k * (side + gap)},0)`);
    for (let p = 0; p < pixels; p++) {
      const v = Math.max(-1, Math.min(1, data.images[k * pixels + p]));
      const grey = Math.round(255 * (1 - (v + 1) / 2)); // ink dark on light paper
      g.append('rect').attr('x', (p % data.size) * cell).attr('y', Math.floor(p / data.size) * cell)
        .attr('width', cell).attr('height', cell).attr('fill', `rgb(${grey},${grey},${grey})`);
    }
  }
}
