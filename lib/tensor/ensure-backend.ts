import * as tf from '@/lib/tensor/tf';
import { BACKEND_PREFERENCE, type BackendName } from './backends';

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  error?: string;
}

export interface BackendChoice {
  backend: BackendName;
  /** Every backend tried, in order, with the reason it failed. */
  attempts: BackendAttempt[];
  /** True when the wasm backend runs with threads (needs cross-origin isolation). */
  wasmThreads?: boolean;
}

export interface EnsureBackendOptions {
  /** Use exactly this backend (`?backend=`); falls back down the list only if it fails. */
  override?: BackendName | null;
  /** Where the tfjs wasm binaries are served or stored (a URL prefix or a directory ending in '/'). */
  wasmPath?: string;
  /** Backends to consider, in order (default: webgpu, webgl, wasm, cpu). */
  candidates?: readonly BackendName[];
}

/** Registers a backend's kernels by importing its package; imports are lazy so pages load only what they use. */
async function registerBackend(name: BackendName, wasmPath?: string): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (wasmPath) wasm.setWasmPaths(wasmPath);
      return;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

let chosen: Promise<BackendChoice> | null = null;

/**
 * Chooses the tfjs backend once per JavaScript realm (page or worker): the override if given,
 * else the first of webgpu → webgl → wasm → cpu that initialises. Later calls return the same
 * choice, so weights are never created on one backend and used on another.
 */
export function ensureBackend(options: EnsureBackendOptions = {}): Promise<BackendChoice> {
  chosen ??= chooseBackend(options);
  return chosen;
}

async function chooseBackend(options: EnsureBackendOptions): Promise<BackendChoice> {
  const candidates = options.candidates ?? BACKEND_PREFERENCE;
  const order = options.override
    ? [options.override, ...candidates.filter((b) => b !== options.override)]
    : [...candidates];
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      await registerBackend(name, options.wasmPath);
      // setBackend resolves false (or throws) when the backend cannot initialise here.
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error('failed to initialise');
      await tf.ready();
      attempts.push({ backend: name, ok: true });
      const wasmThreads = name === 'wasm' ? await wasmUsesThreads() : undefined;
      return { backend: name, attempts, wasmThreads };
    } catch (err) {
      attempts.push({ backend: name, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No tfjs backend could start: ${attempts.map((a) => `${a.backend} (${a.error})`).join('; ')}`);
}

async function wasmUsesThreads(): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return wasm.getThreadsCount() > 1;
}

/** For tests only: forget the choice so a fresh one can be made. */
export function resetBackendChoiceForTests(): void {
  chosen = null;
}
