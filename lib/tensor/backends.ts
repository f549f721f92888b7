/** The tfjs backends Marble knows, in the order we prefer them (fastest first on real hardware). */
export const BACKEND_PREFERENCE = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_PREFERENCE)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_PREFERENCE as readonly string[]).includes(value);
}

/**
 * Reads a `?backend=` override from a query string. Unknown values are reported, not ignored
 * silently, so a mistyped link tells the reader what happened.
 */
export function parseBackendOverride(search: string): { backend: BackendName | null; error: string | null } {
  const raw = new URLSearchParams(search).get('backend');
  if (raw === null || raw === '') return { backend: null, error: null };
  if (isBackendName(raw)) return { backend: raw, error: null };
  return {
    backend: null,
    error: `Unknown backend "${raw}" in the address; expected one of ${BACKEND_PREFERENCE.join(', ')}. Choosing automatically.`,
  };
}
