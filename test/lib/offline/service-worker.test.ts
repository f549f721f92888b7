import { describe, expect, it } from 'vitest';
import { serviceWorkerMain, serviceWorkerSource, type OfflineConfig } from '@/lib/offline/service-worker';

const ORIGIN = 'https://marble.test';
const config: OfflineConfig = { version: 'v2', shell: ['/', '/offline'], offlinePage: '/offline', modelFolders: ['/models/ar/v4/'] };

/** A minimal Cache Storage: caches by name, entries by absolute URL. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const key = (r: Request | string) => new URL(typeof r === 'string' ? r : r.url, ORIGIN).href;
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    return {
      match: async (r: Request | string) => store.get(key(r))?.clone(),
      put: async (r: Request | string, response: Response) => { store.set(key(r), response); },
      addAll: async (urls: string[]) => { for (const u of urls) store.set(key(u), await network(new Request(key(u)))); },
      keys: async () => [...store.keys()].map((u) => new Request(u)),
      delete: async (r: Request | string) => store.delete(key(r)),
    };
  };
  return { stores, api: { open, keys: async () => [...stores.keys()], delete: async (name: string) => stores.delete(name) } };
}

let online = true;
const fetched: string[] = [];
async function network(request: Request): Promise<Response> {
  fetched.push(request.url);
  if (!online) throw new TypeError('Failed to fetch');
  const path = new URL(request.url).pathname;
  return new Response(`body of ${path}`, { status: 200, headers: { 'content-type': path.includes('.') ? 'text/javascript' : 'text/html' } });
}

function startWorker() {
  const caches = fakeCaches();
  const handlers = new Map<string, (event: unknown) => void>();
  const scope = {
    location: { origin: ORIGIN },
    caches: caches.api,
    fetch: (r: Request | string) => network(typeof r === 'string' ? new Request(r) : r),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
    addEventListener: (type: string, handler: (event: unknown) => void) => handlers.set(type, handler),
  };
  serviceWorkerMain(scope, config);
  const lifecycle = async (type: string, data?: unknown) => {
    let wait: Promise<unknown> = Promise.resolve();
    handlers.get(type)!({ data, waitUntil: (p: Promise<unknown>) => { wait = p; } });
    await wait;
  };
  const get = async (path: string, mode: RequestMode = 'same-origin') => {
    const answered: { promise: Promise<Response> | null } = { promise: null };
    // Node's Request refuses mode 'navigate'; the worker only reads it.
    const request = Object.assign(new Request(ORIGIN + path), {}) as Request;
    Object.defineProperty(request, 'mode', { value: mode });
    handlers.get('fetch')!({ request, respondWith: (p: Promise<Response>) => { answered.promise = p; } });
    return answered.promise ? (await answered.promise).text() : null;
  };
  return { caches, lifecycle, get };
}

describe('the service worker', () => {
  it('keeps visited pages for offline, under their path too, and says when a page needs a connection', async () => {
    online = true;
    const sw = startWorker();
    await sw.lifecycle('install');
    expect([...sw.caches.stores.get('marble-site-v2')!.keys()]).toEqual([`${ORIGIN}/`, `${ORIGIN}/offline`]);
    expect(await sw.get('/lessons/ddpm', 'navigate')).toBe('body of /lessons/ddpm');
    online = false;
    expect(await sw.get('/lessons/ddpm', 'navigate')).toBe('body of /lessons/ddpm');
    expect(await sw.get('/lessons/ddpm?backend=wasm', 'navigate')).toBe('body of /lessons/ddpm');
    expect(await sw.get('/lessons/sedd', 'navigate')).toBe('body of /offline');
    // not a navigation, not cached: the failure goes to the page
    await expect(sw.get('/lessons/sedd?_rsc=1')).rejects.toThrow('Failed to fetch');
  });

  it('serves versioned files from the cache without the network once fetched', async () => {
    online = true;
    const sw = startWorker();
    expect(await sw.get('/_next/static/chunks/a1b2.js')).toBe('body of /_next/static/chunks/a1b2.js');
    expect(await sw.get('/models/ar/v4/weights.bin')).toBe('body of /models/ar/v4/weights.bin');
    expect(sw.caches.stores.get('marble-files')!.has(`${ORIGIN}/models/ar/v4/weights.bin`)).toBe(true);
    const before = fetched.length;
    expect(await sw.get('/_next/static/chunks/a1b2.js')).toBe('body of /_next/static/chunks/a1b2.js');
    expect(await sw.get('/models/ar/v4/weights.bin')).toBe('body of /models/ar/v4/weights.bin');
    expect(fetched.length).toBe(before);
    // other origins and other methods are left to the browser
    expect(await sw.get('/sw.js')).toBeNull();
  });

  it('a new version deletes the old site cache and weights this build no longer ships', async () => {
    online = true;
    const sw = startWorker();
    const old = await sw.caches.api.open('marble-site-v1');
    await old.put('/', new Response('old'));
    const files = await sw.caches.api.open('marble-files');
    await files.put('/models/ar/v3/weights.bin', new Response('old weights'));
    await files.put('/models/ar/v4/weights.bin', new Response('new weights'));
    await sw.lifecycle('activate');
    expect(await sw.caches.api.keys()).not.toContain('marble-site-v1');
    expect([...sw.caches.stores.get('marble-files')!.keys()]).toEqual([`${ORIGIN}/models/ar/v4/weights.bin`]);
  });

  it('caches what a page loaded before the worker took over, when asked', async () => {
    online = true;
    const sw = startWorker();
    await sw.lifecycle('message', { type: 'marble:cache-urls', urls: [`${ORIGIN}/lessons/noise`, `${ORIGIN}/_next/static/c.js`, 'https://elsewhere.test/x.js'] });
    online = false;
    expect(await sw.get('/lessons/noise', 'navigate')).toBe('body of /lessons/noise');
    expect(await sw.get('/_next/static/c.js')).toBe('body of /_next/static/c.js');
    expect(fetched).not.toContain('https://elsewhere.test/x.js');
  });

  it('is a self-contained script', () => {
    const source = serviceWorkerSource(config);
    expect(source).toContain('"version":"v2"');
    // it parses as a script on its own
    expect(() => new Function(source)).not.toThrow();
  });
});
