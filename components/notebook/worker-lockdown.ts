/**
 * Takes away, inside the cell worker, everything through which a reader's code could reach the
 * site's stored data or the network. Why this is enough for "cannot reach the site's storage or
 * the page":
 * - A dedicated worker has no DOM, no `document`, no `window`, no cookies via document.cookie and
 *   no localStorage/sessionStorage at all: the platform gives workers none of these.
 * - What a worker CAN reach is removed here: IndexedDB, Cache Storage, cookieStore, the origin
 *   private file system (navigator.storage), fetch/XMLHttpRequest/WebSocket/EventSource,
 *   importScripts, nested workers and BroadcastChannel (which could talk to other tabs of the site).
 *   Each is deleted from every object on the global's prototype chain (so a saved prototype getter
 *   cannot bring it back) and replaced by a non-configurable stand-in that throws a clear message.
 * - The worker talks to the page only by postMessage, which the runtime keeps privately; the page
 *   renders what arrives as text, tables, plots and pixels (React-escaped), never as HTML or code.
 * Left possible: dynamic `import()` of a module URL (the language cannot switch it off in a worker),
 * and `marble.loadModel(name)`, which reads only the site's own /models/ files through a fetch the
 * worker kept privately. Neither carries site data, since none is reachable from here.
 */
const STORAGE = ['indexedDB', 'caches', 'cookieStore', 'localStorage', 'sessionStorage'] as const;
const CALLABLE = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'close', 'postMessage',
] as const;

export const BLOCKED_NAMES: readonly string[] = [...STORAGE, ...CALLABLE];

export function blockedMessage(name: string): string {
  return `${name} is not available in Marble cells: your code runs in an isolated worker, without the site's storage, the network or the page`;
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

function plant(target: object, name: string, kind: 'getter' | 'callable'): boolean {
  if (!removeEverywhere(target, name)) return false;
  const fail = () => { throw new Error(blockedMessage(name)); };
  // A callable stand-in keeps `typeof fetch === 'function'` probes in libraries from throwing.
  const descriptor: PropertyDescriptor = kind === 'getter'
    ? { get: fail, enumerable: false, configurable: false }
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
  const nav = (global as { navigator?: object }).navigator;
  if (nav && !plant(nav, 'storage', 'getter')) failed.push('navigator.storage');
  return failed;
}
