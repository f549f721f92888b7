import { describe, expect, it } from 'vitest';
import { BLOCKED_NAMES, lockDownWorker } from '@/components/notebook/worker-lockdown';

describe('the cell worker lockdown', () => {
  it('removes storage and network from the global and its prototype chain, with a clear message', () => {
    class Scope { get indexedDB() { return { open: () => 'db' }; } }
    const proto = Scope.prototype as unknown as Record<string, unknown>;
    proto.fetch = () => 'network';
    const global = Object.assign(new Scope(), { navigator: { storage: { getDirectory: () => 'opfs' } }, postMessage: () => undefined });
    expect(lockDownWorker(global)).toEqual([]);
    const g = global as unknown as Record<string, unknown>;
    expect(() => g.indexedDB).toThrow(/indexedDB is not available in Marble cells/);
    expect(() => g.localStorage).toThrow(/localStorage is not available/);
    expect(() => (g.fetch as () => void)()).toThrow(/fetch is not available/);
    expect(() => (g.navigator as Record<string, unknown>).storage).toThrow(/storage is not available/);
    // The prototype's own getter is gone too, so it cannot be called on the global.
    expect(Object.getOwnPropertyDescriptor(Scope.prototype, 'indexedDB')).toBeUndefined();
    // Not configurable: a cell cannot put them back.
    expect(() => Object.defineProperty(global, 'fetch', { value: () => 'again' })).toThrow();
    expect(BLOCKED_NAMES).toContain('importScripts');
  });
});
