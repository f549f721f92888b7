import { describe, expect, it } from 'vitest';
import { nextScrollTop, screenfuls } from '@/lib/content/slide-pages';

// A slide of four blocks in a 1000 px screen: 0-400, 420-900, 920-1500, 1520-1800.
const blocks = [{ top: 0, bottom: 400 }, { top: 420, bottom: 900 }, { top: 920, bottom: 1500 }, { top: 1520, bottom: 1800 }];

describe('paging inside a slide', () => {
  it('starts the next screenful at the first block that was cut, then stops at the end', () => {
    // the slide is 2200 px tall (space below the last block), so it can scroll to 1200
    expect(nextScrollTop(blocks, 0, 1000, 2200, 1)).toBe(920);
    // from 920 every block is in view: a screenful less 10%, clamped to the end
    expect(nextScrollTop(blocks, 920, 1000, 2200, 1)).toBe(1200);
    expect(nextScrollTop(blocks, 1200, 1000, 2200, 1)).toBeNull();
    // a target past the end is clamped to it
    expect(nextScrollTop(blocks, 0, 1000, 1800, 1)).toBe(800);
  });

  it('moves a screenful less 10% when one block is taller than the screen', () => {
    const tall = [{ top: 0, bottom: 3000 }];
    expect(nextScrollTop(tall, 0, 1000, 3000, 1)).toBe(900);
  });

  it('goes back a screenful and reports the start', () => {
    expect(nextScrollTop(blocks, 800, 1000, 1800, -1)).toBe(0);
    expect(nextScrollTop(blocks, 1500, 1000, 2600, -1)).toBe(600);
    expect(nextScrollTop(blocks, 0, 1000, 1800, -1)).toBeNull();
  });

  it('a slide that fits takes one screenful and never scrolls', () => {
    expect(nextScrollTop([{ top: 0, bottom: 600 }], 0, 1000, 600, 1)).toBeNull();
    expect(screenfuls(1000, 600)).toBe(1);
    expect(screenfuls(1000, 1800)).toBe(2);
    expect(screenfuls(1000, 2002)).toBe(3);
  });
});
