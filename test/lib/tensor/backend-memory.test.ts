import { describe, expect, it } from 'vitest';
import { BACKEND_MEMORY_VERSION, memoryAfterStart, parseRememberedBackend, resolveBackendRequest, type RememberedBackend } from '@/lib/tensor/backend-memory';

const UA = 'Chromium/140';
const measured: RememberedBackend = {
  version: BACKEND_MEMORY_VERSION, backend: 'wasm', how: 'measured', at: '2026-12-03T08:00:00.000Z', userAgent: UA,
  verdicts: [{ backend: 'wasm', chosen: true, milliseconds: 7, reason: 'chosen' }],
};
const stored = JSON.stringify(measured);
const now = new Date('2026-12-03T09:00:00.000Z');

describe('the remembered backend', () => {
  it('reads a record back, and ignores broken, old or foreign ones', () => {
    expect(parseRememberedBackend(stored, UA)).toEqual(measured);
    expect(parseRememberedBackend(null, UA)).toBeNull();
    expect(parseRememberedBackend('{not json', UA)).toBeNull();
    expect(parseRememberedBackend(JSON.stringify({ ...measured, version: 0 }), UA)).toBeNull();
    expect(parseRememberedBackend(JSON.stringify({ ...measured, backend: 'tpu' }), UA)).toBeNull();
    // a measurement belongs to the browser that made it; the reader's own switch does not
    expect(parseRememberedBackend(stored, 'Chromium/141')).toBeNull();
    expect(parseRememberedBackend(JSON.stringify({ ...measured, how: 'reader' }), 'Chromium/141')?.backend).toBe('wasm');
  });

  it('?backend= beats the memory, the memory beats measuring', () => {
    expect(resolveBackendRequest('?backend=webgpu', stored, UA)).toMatchObject({ mode: 'requested', backend: 'webgpu', remembered: null });
    expect(resolveBackendRequest('', stored, UA)).toMatchObject({ mode: 'requested', backend: 'wasm', remembered: measured });
    expect(resolveBackendRequest('', null, UA)).toEqual({ mode: 'measure', backend: null, remembered: null, overrideError: null });
    const bad = resolveBackendRequest('?backend=quantum', stored, UA);
    expect(bad.mode).toBe('measure');
    expect(bad.overrideError).toMatch(/Unknown backend "quantum"/);
  });

  it('stores a measurement and a forced switch, keeps a memory that still holds, forgets one that failed', () => {
    const verdicts = [{ backend: 'wasm' as const, chosen: true, milliseconds: 6, reason: 'chosen' }];
    expect(memoryAfterStart(resolveBackendRequest('', null, UA), { backend: 'wasm', how: 'measured', verdicts }, now, UA))
      .toEqual({ version: BACKEND_MEMORY_VERSION, backend: 'wasm', how: 'measured', at: now.toISOString(), userAgent: UA, verdicts });
    expect(memoryAfterStart(resolveBackendRequest('?backend=webgpu', stored, UA), { backend: 'webgpu', how: 'requested' }, now, UA))
      .toMatchObject({ backend: 'webgpu', how: 'reader' });
    // a forced backend that could not start is not remembered
    expect(memoryAfterStart(resolveBackendRequest('?backend=webgpu', null, UA), { backend: 'wasm', how: 'first-that-starts' }, now, UA)).toBeNull();
    expect(memoryAfterStart(resolveBackendRequest('', stored, UA), { backend: 'wasm', how: 'requested' }, now, UA)).toBeNull();
    expect(memoryAfterStart(resolveBackendRequest('', stored, UA), { backend: 'cpu', how: 'first-that-starts' }, now, UA)).toBe('forget');
  });
});
