/**
 * Which tfjs backend a page should run on, decided from what this browser offers and a measured
 * kernel mix (lib/tensor/kernel-mix.ts). Pure: the worker does the probing and the timing, these
 * functions only say what to try and what to pick, with a reason for every backend the reader can read.
 */
import type { BackendName } from './backends';

/** What became of one backend while choosing. */
export type BackendProbe =
  | { backend: BackendName; status: 'measured'; milliseconds: number; software: boolean }
  | { backend: BackendName; status: 'failed'; reason: string }
  | { backend: BackendName; status: 'skipped'; reason: string };

export interface BackendVerdict {
  backend: BackendName;
  chosen: boolean;
  /** Time of one round of the kernel mix, when it was measured. */
  milliseconds: number | null;
  /** One sentence: why this backend was or was not chosen. */
  reason: string;
}

export interface BackendDecision {
  backend: BackendName;
  verdicts: BackendVerdict[];
}

/**
 * The order backends are probed in when measuring. wasm goes first: it starts everywhere in a few
 * milliseconds, and once it runs, software GPUs and the plain JavaScript backend need not be tried.
 */
export const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

/**
 * Renderer or adapter names of GPUs emulated on the CPU: Chromium's SwiftShader, Mesa's llvmpipe
 * and softpipe, Microsoft's Basic Render Driver (WARP).
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|basic render|microsoft basic|software/i;

/** True when a GPU's self-description names a software renderer. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}

/** True for a WebGPU adapter that says it is a fallback or names a software renderer. */
export function isSoftwareAdapter(adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean }): boolean {
  return adapter.isFallbackAdapter || isSoftwareRenderer(`${adapter.vendor} ${adapter.architecture} ${adapter.description}`);
}

/**
 * Whether to skip a backend without starting it, given what was probed before it (in PROBE_ORDER).
 * `software` is true for a GPU emulated on the CPU, null when unknown.
 * Returns the reason to skip, or null to try it.
 */
export function reasonToSkip(backend: BackendName, software: boolean | null, earlier: readonly BackendProbe[]): string | null {
  const running = earlier.filter((p) => p.status === 'measured').map((p) => p.backend);
  if (running.length === 0) return null;
  if ((backend === 'webgpu' || backend === 'webgl') && software === true) {
    return `software adapter (the GPU is emulated on the CPU), far slower than ${running.join(' and ')}, which runs here`;
  }
  if (backend === 'cpu') return `plain JavaScript kernels; ${running[0]} runs here and is faster`;
  return null;
}

/**
 * Picks the backend with the fastest kernel-mix round among those measured, and says why each
 * backend was or was not chosen. Ties keep the probe order. Throws when none was measured.
 */
export function decideBackend(probes: readonly BackendProbe[]): BackendDecision {
  const measured = probes.filter((p): p is Extract<BackendProbe, { status: 'measured' }> => p.status === 'measured');
  if (measured.length === 0) {
    throw new Error(`No tfjs backend could start: ${probes.map((p) => `${p.backend} (${'reason' in p ? p.reason : 'measured'})`).join('; ')}`);
  }
  const best = measured.reduce((a, b) => (b.milliseconds < a.milliseconds ? b : a));
  const verdicts = probes.map((p): BackendVerdict => {
    if (p.status !== 'measured') {
      return { backend: p.backend, chosen: false, milliseconds: null, reason: p.status === 'failed' ? `could not start: ${p.reason}` : `not tried: ${p.reason}` };
    }
    const time = `${formatMs(p.milliseconds)} per round of the kernel mix`;
    if (p === best) {
      const others = measured.length > 1 ? 'the fastest measured here' : 'the only backend measured here';
      return { backend: p.backend, chosen: true, milliseconds: p.milliseconds, reason: `chosen: ${others}, ${time}${p.software ? ' (on a software adapter)' : ''}` };
    }
    const ratio = p.milliseconds / Math.max(best.milliseconds, 1e-6);
    return { backend: p.backend, chosen: false, milliseconds: p.milliseconds, reason: `slower: ${time}, ${ratio.toFixed(1)}× ${best.backend}'s time` };
  });
  return { backend: best.backend, verdicts };
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
