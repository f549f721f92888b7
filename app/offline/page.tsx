import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Offline' };

/**
 * What the service worker shows, offline, for a page the reader never opened
 * (lib/offline/service-worker.ts). Lessons opened before work offline.
 */
export default function OfflinePage() {
  return (
    <section className="not-found" data-testid="offline-notice">
      <h1>This page needs a connection</h1>
      <p>
        You are offline, and this page has not been opened in this browser before, so it is not saved here. The lessons you
        have opened work offline, with their models; this one needs a connection once.
      </p>
      <p>
        <Link href="/">The course map</Link> (saved on your first visit) shows which lessons you have opened.
      </p>
    </section>
  );
}
