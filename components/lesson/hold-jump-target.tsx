'use client';
import { useEffect } from 'react';

/** Long enough for the figures above a section to load on a slow machine; short enough to never fight a reader. */
const HOLD_MS = 4000;
/** Any of these means the reader is moving the page themselves. */
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Keeps a section the reader jumped to (contents, a heading's # link, an address with #section) at
 * the top of the window while the page above it settles. Chromium does not apply scroll anchoring
 * after a jump to a fragment, so without this the heading slid by as much as a figure's height
 * (measured: 330 px on the caching lesson) when the figures above it finished loading, and prose
 * blocks above it were drawn at their real height.
 */
export function HoldJumpTarget() {
  useEffect(() => {
    let release = () => {};
    const hold = (id: string) => {
      release();
      const target = document.getElementById(id);
      if (!target) return;
      const wantedTop = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      const until = performance.now() + HOLD_MS;
      const correct = () => {
        const drift = target.getBoundingClientRect().top - wantedTop;
        if (Math.abs(drift) >= 1) window.scrollBy(0, drift);
      };
      // A resize of the page is answered after its layout and before it is painted; the frame loop
      // catches moves that leave the page's height as it was.
      const resized = new ResizeObserver(correct);
      resized.observe(document.body);
      let frame = 0;
      const keep = () => {
        correct();
        frame = performance.now() < until ? requestAnimationFrame(keep) : 0;
        if (!frame) release();
      };
      frame = requestAnimationFrame(keep);
      const stop = () => release();
      READER_INPUT.forEach((type) => window.addEventListener(type, stop, { passive: true, capture: true }));
      release = () => {
        cancelAnimationFrame(frame);
        resized.disconnect();
        READER_INPUT.forEach((type) => window.removeEventListener(type, stop, { capture: true }));
        release = () => {};
      };
    };
    const fragment = () => decodeFragment(window.location.hash.slice(1));
    // A click on a same-page link starts its hold after the browser's own jump (the pointerdown
    // that preceded it has already released any earlier hold).
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
      const id = link?.getAttribute('href')?.slice(1);
      if (id) requestAnimationFrame(() => hold(decodeFragment(id)));
    };
    const onHashChange = () => hold(fragment());
    if (fragment()) hold(fragment());
    document.addEventListener('click', onClick);
    window.addEventListener('hashchange', onHashChange);
    return () => {
      release();
      document.removeEventListener('click', onClick);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
  return null;
}

/** A hand-typed #%ZZ is no section rather than an error. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return '';
  }
}
