/**
 * Watches the memory of the page and its workers while a cell runs, and calls `onExceeded` when it
 * has grown by more than `limitBytes` since the run began, so the runtime can end the cell worker
 * before the browser tab runs out of memory and dies (a cell that fills an array forever reached
 * about 7 GB and crashed the tab in 30-45 s).
 *
 * How: performance.measureUserAgentSpecificMemory(), which counts every worker of the page. A
 * synchronous loop in the cell worker never yields, so the worker cannot watch itself; the page
 * can. The API needs a cross-origin-isolated page (COOP + COEP, which `next start` and the
 * documented static host config send); without it there is no guard and the guard says so.
 */
export const CELL_MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;
export const MEMORY_POLL_MS = 250;

interface MemoryMeasurement { bytes: number }
type Measure = () => Promise<MemoryMeasurement>;

export function memoryMeasurer(): Measure | null {
  const perf = globalThis.performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement> };
  if (!globalThis.crossOriginIsolated || typeof perf?.measureUserAgentSpecificMemory !== 'function') return null;
  return () => perf.measureUserAgentSpecificMemory!();
}

export function formatGigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** Starts watching; returns a function that stops the watch. */
export function startMemoryGuard(onExceeded: (grownBytes: number) => void, { limitBytes = CELL_MEMORY_LIMIT_BYTES, pollMs = MEMORY_POLL_MS, measure = memoryMeasurer() } = {}): () => void {
  if (!measure) return () => {};
  let active = true;
  void (async () => {
    let baseline: number | null = null;
    while (active) {
      let bytes: number;
      try {
        bytes = (await measure()).bytes;
      } catch {
        return; // the browser refused (e.g. a second measurement in flight elsewhere): no guard this run
      }
      if (!active) return;
      baseline ??= bytes;
      if (bytes - baseline > limitBytes) {
        active = false;
        onExceeded(bytes - baseline);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  })();
  return () => { active = false; };
}
