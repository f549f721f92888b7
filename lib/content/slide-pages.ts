/**
 * Paging inside one slide of present mode. A slide taller than the screen is read a screenful at a
 * time: Page Down / Space go to the next screenful, starting at a block's top edge so no paragraph or
 * figure is cut at the top, and only at the end of the slide move to the next slide. Pure: the deck
 * passes the blocks' positions inside its scrolling viewport.
 */

export interface BlockBox {
  /** Top and bottom edges inside the scrolled content (px). */
  top: number;
  bottom: number;
}

/** How much of a screenful the previous one keeps visible when a block is taller than the screen. */
const OVERLAP = 0.1;

/**
 * Where to scroll for the next (direction 1) or previous (-1) screenful, or null when the slide's
 * end (or start) is already in view and the deck should change slides instead.
 */
export function nextScrollTop(blocks: readonly BlockBox[], scrollTop: number, viewportHeight: number, scrollHeight: number, direction: 1 | -1): number | null {
  const maxTop = Math.max(0, scrollHeight - viewportHeight);
  const page = viewportHeight * (1 - OVERLAP);
  if (direction === -1) return scrollTop <= 1 ? null : Math.max(0, scrollTop - page);
  if (scrollTop >= maxTop - 1) return null;
  const visibleBottom = scrollTop + viewportHeight;
  // The first block not wholly in view: the next screenful starts at its top, if that moves forward.
  const cut = blocks.find((b) => b.bottom > visibleBottom + 1);
  const target = cut && cut.top > scrollTop + 1 ? cut.top : scrollTop + page;
  return Math.min(target, maxTop);
}

/** Screenfuls a slide takes (1 when it fits). */
export function screenfuls(viewportHeight: number, scrollHeight: number): number {
  if (viewportHeight <= 0) return 1;
  return Math.max(1, Math.ceil((scrollHeight - 1) / viewportHeight));
}
