/**
 * Which GPUs a worker can see, and whether they are emulated on the CPU (Chromium without a GPU
 * offers WebGPU and WebGL on SwiftShader). Read before any backend starts, so a software GPU that
 * would only be slower is never initialised.
 */
import { isSoftwareAdapter, isSoftwareRenderer } from '@/lib/tensor/backend-decision';
import type { AdapterDescription } from '@/lib/runtime/protocol';

const scope = globalThis as unknown as { navigator: Navigator & { gpu?: GPU }; OffscreenCanvas?: typeof OffscreenCanvas };

export async function describeAdapter(): Promise<AdapterDescription | null> {
  const gpu = scope.navigator.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const info = adapter.info;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
  };
}

/** The WebGL renderer's name, or null when WebGL 2 is not available in this worker. */
export function webglRenderer(): string | null {
  if (!scope.OffscreenCanvas) return null;
  try {
    const gl = new scope.OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

/** For each GPU backend: true when emulated on the CPU, false when a real GPU, null when unknown or absent. */
export function softwareGpus(adapter: AdapterDescription | null, renderer: string | null): { webgpu: boolean | null; webgl: boolean | null } {
  return {
    webgpu: adapter ? isSoftwareAdapter(adapter) : null,
    webgl: renderer === null ? null : isSoftwareRenderer(renderer),
  };
}
