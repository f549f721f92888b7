/**
 * The site's service worker: after a first visit, the lessons a reader opened work offline.
 *
 * - Versioned files never change at their address (hashed scripts under /_next/static/, weights
 *   under /models/<name>/v<N>/): served from the cache first, fetched and kept otherwise.
 * - Everything else of this origin (pages, page data, the tfjs wasm binaries): the network first,
 *   so a reader online always gets the newest; the cached copy when offline. A page never visited
 *   answers offline with the offline page, which says it needs a connection.
 * - One cache per site version (`marble-site-<version>`): a new build's worker deletes the old one.
 *   Weights live in their own cache across versions; folders the new build no longer ships are dropped.
 *
 * `serviceWorkerMain` is written without imports or outer names so that its source text is the
 * worker script (app/sw.js/route.ts), and so that Node tests can run it against fake caches.
 */

export interface OfflineConfig {
  /** Changes with every build: the site cache is named after it. */
  version: string;
  /** Fetched when the worker installs: the course map, the offline page, the wasm binaries. */
  shell: string[];
  /** Shown for a page that was never visited, when offline. */
  offlinePage: string;
  /** Weight folders this build ships ('/models/ar/v4/'); cached weights elsewhere are deleted. */
  modelFolders: string[];
}

/** Message a page sends to have addresses it loaded before the worker took over put in the cache. */
export const CACHE_URLS_MESSAGE = 'marble:cache-urls';

/* eslint-disable @typescript-eslint/no-explicit-any -- the worker's global scope, typed loosely so Node tests can fake it */
export function serviceWorkerMain(scope: any, config: OfflineConfig): void {
  const SITE = 'marble-site-' + config.version;
  const FILES = 'marble-files';
  const MODEL_FOLDER = /^\/models\/[^/]+\/v\d+\//;

  const immutable = (path: string) => path.startsWith('/_next/static/') || MODEL_FOLDER.test(path);
  const cacheFor = (path: string) => (MODEL_FOLDER.test(path) ? FILES : SITE);
  const cacheable = (response: any) => response && response.ok && (response.type === 'basic' || response.type === 'default');

  async function cacheFirst(request: any, path: string) {
    const cache = await scope.caches.open(cacheFor(path));
    const hit = await cache.match(request);
    if (hit) return hit;
    const response = await scope.fetch(request);
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  }

  async function networkFirst(request: any, path: string) {
    const cache = await scope.caches.open(SITE);
    const navigation = request.mode === 'navigate';
    try {
      const response = await scope.fetch(request);
      if (cacheable(response)) {
        await cache.put(request, response.clone());
        // A page is kept under its path too, so ?backend=… or #slide-3 find it offline.
        if (navigation) await cache.put(path, response.clone());
      }
      return response;
    } catch (error) {
      const hit = (await cache.match(request)) ?? (navigation ? await cache.match(path, { ignoreVary: true }) : undefined);
      if (hit) return hit;
      if (navigation) {
        const offline = await cache.match(config.offlinePage, { ignoreVary: true });
        if (offline) return offline;
      }
      throw error;
    }
  }

  /** Puts pages and files the page loaded before this worker controlled it into the cache. */
  async function cacheUrls(urls: string[]) {
    for (const raw of urls) {
      const url = new URL(raw, scope.location.origin);
      if (url.origin !== scope.location.origin || url.pathname === '/sw.js') continue;
      const path = url.pathname;
      const cache = await scope.caches.open(cacheFor(path));
      const key = url.origin + path + url.search;
      if (await cache.match(key, { ignoreVary: true })) continue;
      try {
        const response = await scope.fetch(key);
        if (!cacheable(response)) continue;
        await cache.put(key, response.clone());
        const type = response.headers.get('content-type') ?? '';
        if (type.includes('text/html')) await cache.put(path, response.clone());
      } catch {
        // offline again: the next visit tries
      }
    }
  }

  scope.addEventListener('install', (event: any) => {
    event.waitUntil(scope.caches.open(SITE).then((cache: any) => cache.addAll(config.shell)).then(() => scope.skipWaiting()));
  });

  scope.addEventListener('activate', (event: any) => {
    event.waitUntil((async () => {
      for (const name of await scope.caches.keys()) {
        if (name.startsWith('marble-site-') && name !== SITE) await scope.caches.delete(name);
      }
      const files = await scope.caches.open(FILES);
      for (const request of await files.keys()) {
        const folder = MODEL_FOLDER.exec(new URL(request.url).pathname)?.[0];
        if (folder && !config.modelFolders.includes(folder)) await files.delete(request);
      }
      await scope.clients.claim();
    })());
  });

  scope.addEventListener('message', (event: any) => {
    if (event.data && event.data.type === 'marble:cache-urls' && Array.isArray(event.data.urls)) event.waitUntil(cacheUrls(event.data.urls));
  });

  scope.addEventListener('fetch', (event: any) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== scope.location.origin || url.pathname === '/sw.js' || url.pathname.startsWith('/_next/webpack-hmr')) return;
    // Worker scripts go to the network untouched: a worker answered by the service worker starts at the
    // response's URL, which has no fragment, and Turbopack passes each worker's bootstrap config in the
    // fragment (#params=...), so the cell and model workers would fail to start ("Missing worker bootstrap config").
    if (request.destination === 'worker' || request.destination === 'sharedworker') return;
    event.respondWith(immutable(url.pathname) ? cacheFirst(request, url.pathname) : networkFirst(request, url.pathname));
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The worker script: the function above, called with this build's configuration. */
export function serviceWorkerSource(config: OfflineConfig): string {
  return `// Marble's service worker (lib/offline/service-worker.ts), version ${config.version}\n` +
    `(${serviceWorkerMain.toString()})(self, ${JSON.stringify(config)});\n`;
}
