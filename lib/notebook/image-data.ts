/**
 * `image(tensor)` in a cell: a [h, w], [h, w, 1], [h, w, 3] or [h, w, 4] tensor (values already
 * read) as RGBA bytes the page can put on a canvas. Floats are taken as 0..1 unless some value
 * exceeds 1 (then 0..255); out-of-range values are clamped. Pure, so the worker does the work.
 */
import type { TensorLike } from './display';

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major. */
  rgba: Uint8ClampedArray;
}

/** Larger images would only be scaled down on screen; refusing keeps a message small. */
export const MAX_IMAGE_SIDE = 1024;

export function tensorToRgba(tensor: TensorLike): RgbaImage {
  const { shape } = tensor;
  if (shape.length !== 2 && shape.length !== 3) {
    throw new Error(`image: expected a tensor of shape [height, width] or [height, width, channels], got [${shape.join(', ')}]`);
  }
  const [height, width] = shape;
  const channels = shape.length === 3 ? shape[2] : 1;
  if (![1, 3, 4].includes(channels)) throw new Error(`image: channels must be 1, 3 or 4, got ${channels}`);
  if (height < 1 || width < 1) throw new Error(`image: the image is empty (shape [${shape.join(', ')}])`);
  if (height > MAX_IMAGE_SIDE || width > MAX_IMAGE_SIDE) {
    throw new Error(`image: at most ${MAX_IMAGE_SIDE} x ${MAX_IMAGE_SIDE} pixels, got ${height} x ${width}`);
  }
  const values = tensor.values as ArrayLike<number>;
  if (values.length !== height * width * channels) {
    throw new Error(`image: shape [${shape.join(', ')}] needs ${height * width * channels} values, got ${values.length}`);
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) if (Number(values[i]) > max) max = Number(values[i]);
  const scale = max > 1 ? 1 : 255;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = (c: number) => Number(values[p * channels + c]) * scale;
    const r = at(0);
    rgba[p * 4] = r;
    rgba[p * 4 + 1] = channels === 1 ? r : at(1);
    rgba[p * 4 + 2] = channels === 1 ? r : at(2);
    rgba[p * 4 + 3] = channels === 4 ? at(3) : 255;
  }
  return { width, height, rgba };
}
