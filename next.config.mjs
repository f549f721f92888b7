/**
 * Next.js configuration.
 * - `npm run build` + `npm start`: a server that also sends the cross-origin isolation headers, so the
 *   tfjs wasm backend can use threads (SharedArrayBuffer needs COOP + COEP).
 * - `npm run export` (MARBLE_EXPORT=1): a static site in out/ for any static host or CDN; such a host
 *   should add the same two headers (see README).
 */
import { securityHeaders } from './security-headers.mjs';

const exporting = process.env.MARBLE_EXPORT === '1';

export const crossOriginIsolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `next dev` answers its own scripts, the model worker and hot reload only to pages opened at
  // localhost unless told otherwise; readers often open http://127.0.0.1:3000 instead.
  allowedDevOrigins: ['127.0.0.1', '[::1]'],
  // No "X-Powered-By: Next.js": it tells a prober nothing they need.
  poweredByHeader: false,
  // Lets two builds (e.g. a test run and a benchmark) live side by side; default .next.
  distDir: process.env.MARBLE_DIST_DIR ?? '.next',
  // mdx-bundler runs esbuild at build time on the server; keep both out of the server bundle.
  serverExternalPackages: ['mdx-bundler', 'esbuild'],
  // `npm test` type-checks the whole project first (tsc --noEmit); checking again inside the build
  // would only double the time.
  typescript: { ignoreBuildErrors: true },
  ...(exporting
    ? { output: 'export', images: { unoptimized: true }, trailingSlash: true }
    : {
        async headers() {
          return [
            { source: '/:path*', headers: crossOriginIsolationHeaders },
            // Embeds may sit in a cross-origin-isolated page elsewhere, which only loads frames that opt in.
            { source: '/embed/:path*', headers: [{ key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' }] },
            // CSP, nosniff, framing and immutable caching of versioned files (security-headers.mjs).
            ...securityHeaders({ dev: process.env.NODE_ENV === 'development' }),
          ];
        },
      }),
};

export default nextConfig;
