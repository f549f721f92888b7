/**
 * Takes away, inside the cell worker, everything through which a reader's code could reach the
 * site's stored data, the network, or the runtime's own message channel. Three layers:
 * - The worker script is served with its own Content-Security-Policy (security-headers.mjs,
 *   workerPolicy): scripts and connections only from this origin, no fonts, no images. So a
 *   dynamic `import()` of another origin's module, a FontFace from another origin, or any request
 *   to another host is refused by the browser, whatever the code does.
 * - A dedicated worker has no DOM, no `document`, no `window`, no cookies and no localStorage.
 *   What a worker CAN reach is removed here: IndexedDB, Cache Storage, cookieStore, the origin
 *   private file system (navigator.storage), fetch/XMLHttpRequest/WebSocket/EventSource,
 *   importScripts, nested workers and BroadcastChannel. Each is deleted from every object on the
 *   global's prototype chain (so a saved prototype getter cannot bring it back) and replaced by a
 *   non-configurable stand-in that throws a clear message.
 * - The message channel: postMessage, close, onmessage and onmessageerror are stand-ins too; the
 *   runtime's own listener was added first and stops the event there (stopImmediatePropagation),
 *   so a listener a cell adds never sees a later cell's code, and the runtime ignores events a
 *   cell dispatches itself (not isTrusted).
 * Left possible: `marble.loadModel(name)`, which reads only the site's own /models/ files through a
 * fetch the worker kept privately, and dynamic `import()` of this site's own scripts (harmless).
 */
const STORAGE = ['indexedDB', 'caches', 'cookieStore', 'localStorage', 'sessionStorage'] as const;
const CALLABLE = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'close', 'postMessage',
] as const;
/** Event handler slots through which a cell could listen to the runtime's messages. */
const HANDLERS = ['onmessage', 'onmessageerror'] as const;

export const BLOCKED_NAMES: readonly string[] = [...STORAGE, ...CALLABLE, ...HANDLERS];

export function blockedMessage(name: string): string {
  return `${name} is not available in Marble cells: your code runs in an isolated worker, without the site's storage, the network, the page or the runtime's messages`;
}

function removeEverywhere(target: object, name: string): boolean {
  let removed = true;
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    const desc = Object.getOwnPropertyDescriptor(o, name);
    if (!desc) continue;
    if (!desc.configurable || !Reflect.deleteProperty(o, name)) removed = false;
  }
  return removed;
}

function plant(target: object, name: string, kind: 'getter' | 'callable' | 'handler'): boolean {
  if (!removeEverywhere(target, name)) return false;
  const fail = () => { throw new Error(blockedMessage(name)); };
  // A callable stand-in keeps `typeof fetch === 'function'` probes in libraries from throwing.
  const descriptor: PropertyDescriptor = kind === 'getter'
    ? { get: fail, enumerable: false, configurable: false }
    : kind === 'handler'
      ? { get: fail, set: fail, enumerable: false, configurable: false }
      : { value: fail, writable: false, enumerable: false, configurable: false };
  try {
    Object.defineProperty(target, name, descriptor);
    return true;
  } catch {
    return false;
  }
}

/**
 * Locks the worker's global down; call after the tfjs backend is ready (the wasm backend fetches
 * its binary) and after capturing postMessage. Returns the names that could not be removed.
 */
export function lockDownWorker(global: object): string[] {
  const failed: string[] = [];
  for (const name of STORAGE) if (!plant(global, name, 'getter')) failed.push(name);
  for (const name of CALLABLE) if (!plant(global, name, 'callable')) failed.push(name);
  for (const name of HANDLERS) if (!plant(global, name, 'handler')) failed.push(name);
  const nav = (global as { navigator?: object }).navigator;
  if (nav && !plant(nav, 'storage', 'getter')) failed.push('navigator.storage');
  return failed;
}
