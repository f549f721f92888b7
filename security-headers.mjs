/**
 * The site's security and caching headers, one list for `next start` (next.config.mjs headers())
 * and for a static host (scripts/write-host-headers.mjs writes the same rules to out/_headers;
 * see docs/hosting.md). Why each policy is what it is:
 * - Pages: nothing is loaded from another origin, so every fetch directive is 'self'. Next.js puts
 *   its bootstrap and streamed page data in inline <script> tags; on pages rendered at build time
 *   there is no request to carry a nonce, so scripts are 'self' 'unsafe-inline' (Next's documented
 *   policy "without nonces"). tfjs compiles WebAssembly, which needs 'wasm-unsafe-eval' and
 *   nothing wider; `next dev` also needs 'unsafe-eval' for React's error overlay.
 * - Workers (the notebook cell worker, which runs readers' code, and the model worker) get their own,
 *   stricter policy from their entry script's response: no fonts, no images, scripts and connections
 *   only from this origin (model files, the wasm binary), so import() or FontFace to another origin
 *   fails there (docs/notebook-sandbox.md). Turbopack starts every worker from one shared entry
 *   script (`turbopack-worker-<hash>.js`, with the worker's chunks in its query), so both workers
 *   share this policy; only the model worker needs nested workers (wasm threads).
 * - frame-ancestors 'self' everywhere except /embed/*, which exists to be framed by any site.
 * - Weights under /models/<name>/v<N>/ and the wasm binaries under /tfjs-wasm/<version>/ never
 *   change at a given address (a new version gets a new folder), so browsers may keep them a year.
 */

/** @param {Record<string, string[]>} directives */
function policy(directives) {
  return Object.entries(directives).map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

/** @param {{ dev?: boolean }} [options] dev: also 'unsafe-eval' (next dev; lesson pages, see lessonPolicy) */
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

/**
 * Lesson pages: the same, plus 'unsafe-eval', because a lesson is MDX compiled at build time and
 * turned into a component in the browser by mdx-bundler's getMDXComponent, which evaluates the
 * compiled code with the Function constructor. The code is the site's own build output; the
 * policy still refuses every other origin, so nothing injected could load or send anything.
 */
export function lessonPolicy(options = {}) {
  return pagePolicy({ ...options, dev: true });
}

/** The same policy, but any site may frame the page (embeds). */
export function embedPolicy(options = {}) {
  return pagePolicy(options).replace("frame-ancestors 'self'", 'frame-ancestors *');
}

/** The workers' own policy: a worker script's response CSP governs what the worker may load. */
export function workerPolicy() {
  return policy({
    'default-src': ["'none'"],
    // 'unsafe-eval': running a cell IS evaluating the reader's code (the AsyncFunction constructor);
    // what the policy takes away is every other origin, not evaluation.
    'script-src': ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    'connect-src': ["'self'"],
    'font-src': ["'none'"],
    'img-src': ["'none'"],
    // The model worker's wasm backend runs its threads as nested workers; the cell worker has no
    // Worker constructor at all once locked down (components/notebook/worker-lockdown.ts).
    'worker-src': ["'self'", 'blob:'],
    'base-uri': ["'none'"],
  });
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Where Turbopack serves the entry script every worker starts from (`new Worker(new URL(...))`);
 * test/e2e/hardening.e2e.ts checks that the cell worker's script carries the policy.
 */
export const WORKER_ENTRY_SOURCE = '/_next/static/chunks/:file(turbopack-worker-[^/]*\\.js)';
/** The same, as a file-name test for a static export's out/_headers. */
export const WORKER_ENTRY_FILE = /^turbopack-worker-[^/]*\.js$/;

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
    { source: '/lessons/:path*', headers: [{ key: 'Content-Security-Policy', value: lessonPolicy({ dev }) }] },
    { source: '/embed/:path*', headers: [{ key: 'Content-Security-Policy', value: embedPolicy({ dev }) }] },
    { source: WORKER_ENTRY_SOURCE, headers: [{ key: 'Content-Security-Policy', value: workerPolicy() }] },
    { source: '/models/:name/:version(v\\d+)/:file*', headers: [{ key: 'Cache-Control', value: IMMUTABLE }] },
    { source: '/tfjs-wasm/:version(\\d+\\.\\d+\\.\\d+)/:file*', headers: [{ key: 'Cache-Control', value: IMMUTABLE }] },
  ];
}
