import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import 'katex/dist/katex.min.css';
import './globals.css';
import '@/components/layout/responsive.css';
import { BackendBadge } from '@/components/layout/backend-badge';
import { OfflineSupport } from '@/components/layout/offline-support';

export const metadata: Metadata = {
  title: { default: 'Marble: how diffusion language models work', template: '%s · Marble' },
  description: 'An interactive course on diffusion language models, with real models running in your browser.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-header__brand">
            <span aria-hidden="true" className="marble-dot" /> Marble
          </Link>
          <nav aria-label="Site" className="site-header__nav">
            <Link href="/">Course map</Link> <Link href="/lab/dllm">Lab</Link> <Link href="/playground">Playground</Link>
          </nav>
          <BackendBadge />
        </header>
        <main id="main">{children}</main>
        <OfflineSupport />
        <footer className="site-footer">
          <p>Marble runs every model in your browser. Nothing you do here leaves your machine.</p>
        </footer>
      </body>
    </html>
  );
}
