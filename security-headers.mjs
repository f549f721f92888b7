/**
 * The site's security and caching headers, one list for `next start` (next.config.mjs headers())
 * and for a static host (scripts/write-host-headers.mjs writes the same rules to out/_headers;
 * see docs/hosting.md). Why each policy is what it is:
 * - Pages: nothing is loaded from another origin, so every fetch directive is 'self'. Next.js puts
 *   its bootstrap and streamed page data in inline <script> tags; on pages rendered at build time
 *   there is no request to carry a nonce, so scripts are 'self' 'unsafe-inline' (Next's documented
 *   policy "without nonces"). tfjs compiles WebAssembly, which needs 'wasm-unsafe-eval' and
 *   nothing wider; `next dev` also needs 'unsafe-eval' for React's error overlay.
 * - The notebook cell worker runs readers' code, so its script has its own, stricter policy
 *   (no inline, no fonts, no images, connections only to this origin for the model files and the
 *   wasm binary): import() or FontFace to another origin fails there (see docs/notebook-sandbox.md).
 * - frame-ancestors 'self' everywhere except /embed/*, which exists to be framed by any site.
 * - Weights under /models/<name>/v<N>/ and the wasm binaries under /tfjs-wasm/<version>/ never
 *   change at a given address (a new version gets a new folder), so browsers may keep them a year.
 */

/** @param {Record<string, string[]>} directives */
function policy(directives) {
  return Object.entries(directives).map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

/** @param {{ dev?: boolean }} [options] */
export function pagePolicy({ dev = false } = {}) {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'media-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  });
}

/** The same policy, but any site may frame the page (embeds). */
export function embedPolicy(options = {}) {
  return pagePolicy(options).replace("frame-ancestors 'self'", 'frame-ancestors *');
}

/** The cell worker's own policy: a worker script's response CSP governs what the worker may load. */
export function cellWorkerPolicy() {
  return policy({
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'connect-src': ["'self'"],
    'font-src': ["'none'"],
    'img-src': ["'none'"],
    'worker-src': ["'none'"],
    'base-uri': ["'none'"],
  });
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Where the cell worker's entry script is served. Turbopack names a worker's entry chunk after
 * its source file (cell.worker.ts); the e2e test checks that the served script carries the policy.
 */
export const CELL_WORKER_SOURCE = '/_next/static/:path*/:file(.*cell[._]worker.*\\.js)';

/**
 * @param {{ dev?: boolean }} [options]
 * @returns {{ source: string; headers: { key: string; value: string }[] }[]}
 */
export function securityHeaders({ dev = false } = {}) {
  const common = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  ];
  return [
    // Later rules override earlier ones for the same key (Next.js headers() semantics).
    { source: '/:path*', headers: [...common, { key: 'Content-Security-Policy', value: pagePolicy({ dev }) }] },
    { source: '/embed/:path*', headers: [{ key: 'Content-Security-Policy', value: embedPolicy({ dev }) }] },
    { source: CELL_WORKER_SOURCE, headers: [{ key: 'Content-Security-Policy', value: cellWorkerPolicy() }] },
    { source: '/models/:name/:version(v\\d+)/:file*', headers: [{ key: 'Cache-Control', value: IMMUTABLE }] },
    { source: '/tfjs-wasm/:version(\\d+\\.\\d+\\.\\d+)/:file*', headers: [{ key: 'Cache-Control', value: IMMUTABLE }] },
  ];
}
