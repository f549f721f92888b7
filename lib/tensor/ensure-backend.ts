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
  /**
   * For wasm: whether the threaded build runs (it needs cross-origin isolation and working thread
   * workers) and how many threads its matrix kernels use.
   */
  wasm?: { threadedBuild: boolean; threads: number };
}

export interface EnsureBackendOptions {
  /** Use exactly this backend (`?backend=`); falls back down the list only if it fails. */
  override?: BackendName | null;
  /** Where the tfjs wasm binaries are served or stored (a URL prefix or a directory ending in '/'). */
  wasmPath?: string;
  /**
   * Absolute URL of the threaded wasm backend's own script (public/tfjs-wasm/), from which its thread
   * workers start; see scripts/prepare-tfjs-wasm.mjs. Without it wasm runs on one thread.
   */
  wasmThreadedScript?: string;
  /** Threads for wasm (tfjs defaults to half the cores, which is one thread on a two-core machine). */
  wasmThreadCount?: number;
  /** Backends to consider, in order (default: webgpu, webgl, wasm, cpu). */
  candidates?: readonly BackendName[];
}

/** Registers a backend's kernels by importing its package; imports are lazy so pages load only what they use. */
async function registerBackend(name: BackendName, options: EnsureBackendOptions): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPath) wasm.setWasmPaths(options.wasmPath);
      const scope = globalThis as { __marbleWasmThreadedScript?: string };
      if (options.wasmThreadedScript) {
        scope.__marbleWasmThreadedScript = options.wasmThreadedScript;
        if (options.wasmThreadCount && options.wasmThreadCount > 1) wasm.setThreadsCount(options.wasmThreadCount);
      } else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
      await registerBackend(name, options);
      // setBackend resolves false (or throws) when the backend cannot initialise here.
      let ok = await tf.setBackend(name).catch(() => false);
      if (!ok && name === 'wasm' && tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) {
        // Threads need cross-origin isolation and working thread workers; one thread always works.
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        ok = await tf.setBackend(name).catch(() => false);
      }
      if (!ok) throw new Error('failed to initialise');
      await tf.ready();
      attempts.push({ backend: name, ok: true });
      return { backend: name, attempts, wasm: name === 'wasm' ? await describeWasm() : undefined };
    } catch (err) {
      attempts.push({ backend: name, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No tfjs backend could start: ${attempts.map((a) => `${a.backend} (${a.error})`).join('; ')}`);
}

async function describeWasm(): Promise<{ threadedBuild: boolean; threads: number }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return { threadedBuild: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), threads: wasm.getThreadsCount() };
}

/** For tests only: forget the choice so a fresh one can be made. */
export function resetBackendChoiceForTests(): void {
  chosen = null;
}
