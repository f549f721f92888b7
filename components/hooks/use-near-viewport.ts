'use client';
import { useEffect, useState, type RefObject } from 'react';

/** How near the viewport a lazily mounted part (a live figure, a code editor) starts loading. */
export const NEAR_MARGIN = '600px 0px';

/**
 * Automated tests that expect every lazy part at once set `window.__MARBLE_EAGER_FIGURES__ = true`
 * before the page loads (test/e2e/support/browser.ts does; the lazy-loading tests do not).
 */
function eagerMount(): boolean {
  return (globalThis as { __MARBLE_EAGER_FIGURES__?: boolean }).__MARBLE_EAGER_FIGURES__ === true;
}

/**
 * True once the element has come within NEAR_MARGIN of the viewport (and from then on); at once
 * in eager mode or where IntersectionObserver is missing. An element that is never shown (a
 * hidden slide) never counts as near.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (near) return;
    const element = ref.current;
    if (eagerMount() || !element || typeof IntersectionObserver === 'undefined') { setNear(true); return; }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: NEAR_MARGIN });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
