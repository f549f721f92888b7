import { describe, expect, it } from 'vitest';
import { tensorToRgba } from '@/lib/notebook/image-data';

describe('image data', () => {
  it('turns a [h, w] tensor in 0..1 into grey RGBA bytes', () => {
    const img = tensorToRgba({ shape: [1, 2], dtype: 'float32', values: new Float32Array([0, 1]) });
    expect(img).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(img.rgba)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('reads 0..255 values as bytes and keeps RGB channels', () => {
    const img = tensorToRgba({ shape: [1, 1, 3], dtype: 'int32', values: new Int32Array([10, 200, 30]) });
    expect(Array.from(img.rgba)).toEqual([10, 200, 30, 255]);
  });

  it('rejects wrong shapes, channel counts and sizes with a reason', () => {
    expect(() => tensorToRgba({ shape: [4], dtype: 'float32', values: new Float32Array(4) })).toThrow(/\[height, width\]/);
    expect(() => tensorToRgba({ shape: [1, 1, 2], dtype: 'float32', values: new Float32Array(2) })).toThrow(/channels must be 1, 3 or 4/);
    expect(() => tensorToRgba({ shape: [2000, 1], dtype: 'float32', values: new Float32Array(2000) })).toThrow(/at most 1024/);
  });
});
