/**
 * A grid of small greyscale images (16 x 16 glyphs, pixels in [-1, 1], ink dark on light paper) on a
 * canvas: one putImageData per call however many images, so 64 samples redraw in well under a
 * millisecond. Pure renderer: (canvas, data, options) → void. No React, no tfjs.
 */
export interface GlyphGridData {
  /** [count * size * size] row-major images. */
  images: Float32Array;
  size: number;
}

export interface GlyphGridOptions {
  columns: number;
  /** Most images to draw. Default: all. */
  max?: number;
  /** Paper between images, in source pixels. Default 1. */
  gap?: number;
}

/** Sizes the canvas to the grid (in image pixels; CSS scales it up crisply) and draws it. */
export function renderGlyphGrid(canvas: HTMLCanvasElement, data: GlyphGridData, options: GlyphGridOptions): void {
  const { size } = data;
  const pixels = size * size;
  const count = Math.min(Math.floor(data.images.length / pixels), options.max ?? Infinity);
  const columns = Math.max(1, Math.min(options.columns, Math.max(1, count)));
  const rows = Math.max(1, Math.ceil(count / columns));
  const gap = options.gap ?? 1;
  const w = columns * size + (columns - 1) * gap;
  const h = rows * size + (rows - 1) * gap;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  img.data.fill(255); // paper, opaque
  for (let k = 0; k < count; k++) {
    const ox = (k % columns) * (size + gap);
    const oy = Math.floor(k / columns) * (size + gap);
    for (let p = 0; p < pixels; p++) {
      const v = Math.max(-1, Math.min(1, data.images[k * pixels + p]));
      const grey = Math.round(255 * (1 - (v + 1) / 2));
      const at = 4 * ((oy + Math.floor(p / size)) * w + ox + (p % size));
      img.data[at] = grey;
      img.data[at + 1] = grey;
      img.data[at + 2] = grey;
    }
  }
  ctx.putImageData(img, 0, 0);
}
