'use client';
import { useEffect } from 'react';
import { usePathname } from 'next/navigation';

const CACHE_URLS_MESSAGE = 'marble:cache-urls'; // lib/offline/service-worker.ts

/**
 * Registers the service worker (production builds only: in `next dev` a cache would hide edits) and
 * asks it to keep the page being read: on the first visit, the page and everything it loaded before
 * the worker took over; after a client-side navigation, the new page itself.
 */
export function OfflineSupport() {
  const pathname = usePathname();
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    const controlled = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    void navigator.serviceWorker.ready.then((registration) => {
      const origin = window.location.origin;
      const loaded = controlled
        ? []
        : performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.startsWith(origin));
      registration.active?.postMessage({ type: CACHE_URLS_MESSAGE, urls: [window.location.href.split('#')[0], ...loaded] });
    });
  }, [pathname]);
  return null;
}
