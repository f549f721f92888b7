import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/math/rng';
import { GLYPH_CLASS_NAMES, GLYPH_PIXELS, glyphToAscii, sampleGlyphs } from '@/lib/data/glyphs';

describe('procedural glyphs', () => {
  it('gives 16x16 images in [-1, 1] with a sensible amount of ink and labels from the asked classes', () => {
    const g = sampleGlyphs(200, createRng(1));
    expect(g.images.length).toBe(200 * GLYPH_PIXELS);
    for (let i = 0; i < 200; i++) {
      expect(g.labels[i] >= 0 && g.labels[i] <= 9).toBe(true);
      let ink = 0;
      for (let p = 0; p < GLYPH_PIXELS; p++) {
        const v = g.images[i * GLYPH_PIXELS + p];
        expect(v >= -1 && v <= 1).toBe(true);
        if (v > 0) ink++;
      }
      expect(ink).toBeGreaterThan(8);
      expect(ink).toBeLessThan(GLYPH_PIXELS / 2);
    }
  });

  it('is reproducible from the seed and draws every class differently', () => {
    const a = sampleGlyphs(20, createRng(3));
    const b = sampleGlyphs(20, createRng(3));
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    const all = sampleGlyphs(GLYPH_CLASS_NAMES.length * 4, createRng(4), { classes: GLYPH_CLASS_NAMES.map((_, i) => i), jitter: 0 });
    const pictures = new Map<number, string>();
    for (let i = 0; i < all.labels.length; i++) {
      const pic = glyphToAscii(all.images, i);
      const seen = pictures.get(all.labels[i]);
      if (seen) expect(pic).toBe(seen); // jitter 0: one picture per class
      pictures.set(all.labels[i], pic);
    }
    expect(new Set(pictures.values()).size).toBe(pictures.size);
  });

  it('rejects bad classes and jitter, naming them', () => {
    expect(() => sampleGlyphs(1, createRng(1), { classes: [14] })).toThrow(/options.classes/);
    expect(() => sampleGlyphs(1, createRng(1), { jitter: 2 })).toThrow(/options.jitter/);
  });
});
