/**
 * Tiny procedural glyph images: 16 x 16 digits 0-9 drawn by strokes, plus four shapes, each with a
 * small random affine jitter and stroke width from a seeded rng. A stand-in for MNIST that ships as
 * code (nothing is downloaded) and is small enough to diffuse in a browser.
 * Pixels are in [-1, 1] (background -1, ink +1), the range DDPM assumes for images.
 */
import type { Rng } from '@/lib/math/rng';

export const GLYPH_SIZE = 16;
export const GLYPH_PIXELS = GLYPH_SIZE * GLYPH_SIZE;
export const GLYPH_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'circle', 'square', 'triangle', 'cross'] as const;
export const GLYPH_DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

type Pt = [number, number];
/** A glyph is a list of polylines in the unit box (x right, y down). */
type Strokes = Pt[][];

function ellipse(cx: number, cy: number, rx: number, ry: number, segments = 20): Pt[] {
  return Array.from({ length: segments + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / segments;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as Pt;
  });
}

const STROKES: Strokes[] = [
  [ellipse(0.5, 0.5, 0.26, 0.38)],
  [[[0.34, 0.26], [0.52, 0.12], [0.52, 0.88]], [[0.34, 0.88], [0.7, 0.88]]],
  [[[0.25, 0.3], [0.35, 0.15], [0.6, 0.12], [0.75, 0.27], [0.7, 0.45], [0.25, 0.88], [0.78, 0.88]]],
  [[[0.25, 0.15], [0.75, 0.15], [0.5, 0.45], [0.72, 0.58], [0.72, 0.8], [0.5, 0.9], [0.25, 0.82]]],
  [[[0.66, 0.88], [0.66, 0.12], [0.22, 0.64], [0.8, 0.64]]],
  [[[0.75, 0.12], [0.3, 0.12], [0.27, 0.45], [0.6, 0.42], [0.75, 0.6], [0.7, 0.82], [0.5, 0.9], [0.25, 0.83]]],
  [[[0.7, 0.14], [0.45, 0.2], [0.3, 0.45], [0.28, 0.7], [0.4, 0.88], [0.62, 0.88], [0.73, 0.7], [0.62, 0.52], [0.4, 0.52], [0.29, 0.62]]],
  [[[0.22, 0.12], [0.78, 0.12], [0.42, 0.88]]],
  [ellipse(0.5, 0.3, 0.18, 0.17, 16), ellipse(0.5, 0.68, 0.22, 0.21, 16)],
  [[[0.3, 0.86], [0.55, 0.8], [0.7, 0.55], [0.72, 0.3], [0.6, 0.12], [0.38, 0.12], [0.27, 0.3], [0.38, 0.48], [0.6, 0.48], [0.71, 0.38]]],
  [ellipse(0.5, 0.5, 0.32, 0.32, 24)],
  [[[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]]],
  [[[0.5, 0.15], [0.85, 0.82], [0.15, 0.82], [0.5, 0.15]]],
  [[[0.2, 0.2], [0.8, 0.8]], [[0.8, 0.2], [0.2, 0.8]]],
];

export interface GlyphOptions {
  /** Which classes to draw from (indices into GLYPH_CLASS_NAMES). Default: the ten digits. */
  classes?: readonly number[];
  /**
   * Strength of the random rotation/scale/shift and stroke-width variation, 0..1. Default 1:
   * +-0.15 rad, +-10% scale, +-1 pixel shift, width 1.3-1.9 px; 0 draws every glyph identically.
   */
  jitter?: number;
}

export interface GlyphSample {
  /** [n * 256] row-major images (row y, column x), values in [-1, 1]. */
  images: Float32Array;
  labels: Int32Array;
  size: number;
  classNames: readonly string[];
}

function distToSegment(px: number, py: number, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2)) : 0;
  const ex = px - (a[0] + u * dx);
  const ey = py - (a[1] + u * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

/** Renders one glyph into out[offset .. offset + 256). */
function render(strokes: Strokes, rng: Rng, jitter: number, out: Float32Array, offset: number): void {
  const rot = jitter * 0.15 * (2 * rng.next() - 1);
  const scale = 1 + jitter * 0.1 * (2 * rng.next() - 1);
  const sx = (jitter * (2 * rng.next() - 1)) / GLYPH_SIZE;
  const sy = (jitter * (2 * rng.next() - 1)) / GLYPH_SIZE;
  const halfWidth = (1.6 + jitter * 0.3 * (2 * rng.next() - 1)) / GLYPH_SIZE / 2;
  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  const segs: [Pt, Pt][] = [];
  const place = (p: Pt): Pt => {
    const x = (p[0] - 0.5) * scale;
    const y = (p[1] - 0.5) * scale;
    return [0.5 + cos * x - sin * y + sx, 0.5 + sin * x + cos * y + sy];
  };
  for (const line of strokes) for (let i = 0; i + 1 < line.length; i++) segs.push([place(line[i]), place(line[i + 1])]);
  const pixel = 1 / GLYPH_SIZE;
  for (let r = 0; r < GLYPH_SIZE; r++) {
    for (let c = 0; c < GLYPH_SIZE; c++) {
      const px = (c + 0.5) * pixel;
      const py = (r + 0.5) * pixel;
      let d = Infinity;
      for (const [a, b] of segs) d = Math.min(d, distToSegment(px, py, a, b));
      // Anti-aliased edge about one pixel wide: ink 1 inside the stroke, fading to 0 outside.
      const ink = Math.max(0, Math.min(1, (halfWidth - d) / pixel + 0.5));
      out[offset + r * GLYPH_SIZE + c] = 2 * ink - 1;
    }
  }
}

/** n glyph images with labels, reproducible from the rng; classes are drawn uniformly. */
export function sampleGlyphs(n: number, rng: Rng, options: GlyphOptions = {}): GlyphSample {
  if (!Number.isInteger(n) || n < 1) throw new Error(`sampleGlyphs: n must be a positive integer, got ${n}`);
  const classes = options.classes ?? GLYPH_DIGITS;
  if (classes.length === 0 || classes.some((c) => !Number.isInteger(c) || c < 0 || c >= STROKES.length)) {
    throw new Error(`sampleGlyphs: options.classes must be non-empty indices in [0, ${STROKES.length - 1}], got [${classes}]`);
  }
  const jitter = options.jitter ?? 1;
  if (!(jitter >= 0 && jitter <= 1)) throw new Error(`sampleGlyphs: options.jitter must be in [0, 1], got ${jitter}`);
  const images = new Float32Array(n * GLYPH_PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classes[rng.int(classes.length)];
    labels[i] = c;
    render(STROKES[c], rng, jitter, images, i * GLYPH_PIXELS);
  }
  return { images, labels, size: GLYPH_SIZE, classNames: GLYPH_CLASS_NAMES };
}

/** A text picture of one image (for tests, logs and screen-reader alternatives): '#' ink, '.' background. */
export function glyphToAscii(images: Float32Array, index = 0): string {
  const rows: string[] = [];
  for (let r = 0; r < GLYPH_SIZE; r++) {
    let line = '';
    for (let c = 0; c < GLYPH_SIZE; c++) line += images[index * GLYPH_PIXELS + r * GLYPH_SIZE + c] > 0 ? '#' : '.';
    rows.push(line);
  }
  return rows.join('\n');
}
