import * as tf from '@/lib/tensor/tf';
import { BACKEND_PREFERENCE, type BackendName } from './backends';
import { PROBE_ORDER, decideBackend, reasonToSkip, type BackendProbe, type BackendVerdict } from './backend-decision';
import { timeKernelMix } from './kernel-mix';

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
  /**
   * How it was chosen: the reader's wish (`?backend=` or a remembered switch), by measuring a kernel
   * mix on every backend worth trying, or the first of the preference list that starts.
   */
  how: 'requested' | 'measured' | 'first-that-starts';
  /** When measured: why each backend was or was not chosen. */
  verdicts?: BackendVerdict[];
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
  /**
   * Choose by measurement instead of by preference (ignored when `override` is set): time a kernel
   * mix on each backend worth trying and keep the fastest. `software` says which GPU backends run on
   * an adapter emulated on the CPU (true), a real one (false), or unknown (null or absent).
   */
  measure?: { software: Partial<Record<BackendName, boolean | null>> };
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
 * Chooses the tfjs backend once per JavaScript realm (page or worker): the override if given, else
 * the fastest by measurement when `measure` is set, else the first of webgpu → webgl → wasm → cpu
 * that initialises. Later calls return the same
 * choice, so weights are never created on one backend and used on another.
 */
export function ensureBackend(options: EnsureBackendOptions = {}): Promise<BackendChoice> {
  chosen ??= chooseBackend(options);
  return chosen;
}

async function chooseBackend(options: EnsureBackendOptions): Promise<BackendChoice> {
  if (options.measure && !options.override) return chooseByMeasurement(options, options.measure.software);
  const candidates = options.candidates ?? BACKEND_PREFERENCE;
  const order = options.override
    ? [options.override, ...candidates.filter((b) => b !== options.override)]
    : [...candidates];
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    try {
      await startBackend(name, options);
      attempts.push({ backend: name, ok: true });
      const how = options.override && name === options.override ? 'requested' : 'first-that-starts';
      return { backend: name, attempts, how, wasm: name === 'wasm' ? await describeWasm() : undefined };
    } catch (err) {
      attempts.push({ backend: name, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No tfjs backend could start: ${attempts.map((a) => `${a.backend} (${a.error})`).join('; ')}`);
}

/** Starts one backend; throws when it cannot start here. */
async function startBackend(name: BackendName, options: EnsureBackendOptions): Promise<void> {
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
}

/**
 * Tries the backends worth trying (software GPUs and plain JavaScript only when nothing better
 * starts), times the kernel mix on each, and keeps the fastest; the others are removed so their
 * GPU memory is freed.
 */
async function chooseByMeasurement(options: EnsureBackendOptions, software: Partial<Record<BackendName, boolean | null>>): Promise<BackendChoice> {
  const candidates = options.candidates ?? BACKEND_PREFERENCE;
  const probes: BackendProbe[] = [];
  const attempts: BackendAttempt[] = [];
  for (const name of PROBE_ORDER.filter((b) => candidates.includes(b))) {
    const skip = reasonToSkip(name, software[name] ?? null, probes);
    if (skip) {
      probes.push({ backend: name, status: 'skipped', reason: skip });
      continue;
    }
    try {
      await startBackend(name, options);
      const timing = await timeKernelMix();
      probes.push({ backend: name, status: 'measured', milliseconds: timing.milliseconds, software: software[name] === true });
      attempts.push({ backend: name, ok: true });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      probes.push({ backend: name, status: 'failed', reason });
      attempts.push({ backend: name, ok: false, error: reason });
    }
  }
  const decision = decideBackend(probes);
  for (const p of probes) {
    if (p.status === 'measured' && p.backend !== decision.backend) tf.removeBackend(p.backend);
  }
  if (!(await tf.setBackend(decision.backend))) throw new Error(`${decision.backend} stopped working after it was measured`);
  await tf.ready();
  return {
    backend: decision.backend,
    attempts,
    how: 'measured',
    verdicts: decision.verdicts,
    wasm: decision.backend === 'wasm' ? await describeWasm() : undefined,
  };
}

async function describeWasm(): Promise<{ threadedBuild: boolean; threads: number }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return { threadedBuild: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), threads: wasm.getThreadsCount() };
}

/** For tests only: forget the choice so a fresh one can be made. */
export function resetBackendChoiceForTests(): void {
  chosen = null;
}
