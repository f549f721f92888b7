import { describe, expect, it } from 'vitest';
import { decideBackend, isSoftwareAdapter, isSoftwareRenderer, reasonToSkip, type BackendProbe } from '@/lib/tensor/backend-decision';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };
const nvidia = { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3080', isFallbackAdapter: false };

describe('software GPUs', () => {
  it('recognises emulated adapters and renderers, and not real ones', () => {
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ ...swiftshader, isFallbackAdapter: false })).toBe(true); // named SwiftShader
    expect(isSoftwareAdapter(nvidia)).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});

describe('what to try', () => {
  const wasmRuns: BackendProbe[] = [{ backend: 'wasm', status: 'measured', milliseconds: 7, software: false }];
  it('skips software GPUs and the JavaScript backend once wasm runs', () => {
    expect(reasonToSkip('webgpu', true, wasmRuns)).toMatch(/software adapter.*wasm/);
    expect(reasonToSkip('webgl', true, wasmRuns)).toMatch(/software adapter/);
    expect(reasonToSkip('cpu', null, wasmRuns)).toMatch(/JavaScript.*wasm/);
  });
  it('tries real or unknown GPUs, and everything when wasm could not start', () => {
    expect(reasonToSkip('webgpu', false, wasmRuns)).toBeNull();
    expect(reasonToSkip('webgl', null, wasmRuns)).toBeNull();
    const wasmFailed: BackendProbe[] = [{ backend: 'wasm', status: 'failed', reason: 'no WebAssembly' }];
    expect(reasonToSkip('webgpu', true, wasmFailed)).toBeNull();
    expect(reasonToSkip('cpu', null, wasmFailed)).toBeNull();
  });
});

describe('the choice', () => {
  it('on a machine without a GPU (SwiftShader): wasm, with a reason for every backend', () => {
    const decision = decideBackend([
      { backend: 'wasm', status: 'measured', milliseconds: 7.2, software: false },
      { backend: 'webgpu', status: 'skipped', reason: 'software adapter' },
      { backend: 'webgl', status: 'skipped', reason: 'software adapter' },
      { backend: 'cpu', status: 'skipped', reason: 'plain JavaScript kernels' },
    ]);
    expect(decision.backend).toBe('wasm');
    expect(decision.verdicts.map((v) => [v.backend, v.chosen])).toEqual([['wasm', true], ['webgpu', false], ['webgl', false], ['cpu', false]]);
    expect(decision.verdicts[0].reason).toBe('chosen: the only backend measured here, 7.20 ms per round of the kernel mix');
    expect(decision.verdicts[1].reason).toBe('not tried: software adapter');
  });

  it('on a real GPU: webgpu when it is the fastest, and the ratio for the others', () => {
    const decision = decideBackend([
      { backend: 'wasm', status: 'measured', milliseconds: 12, software: false },
      { backend: 'webgpu', status: 'measured', milliseconds: 1.5, software: false },
      { backend: 'webgl', status: 'measured', milliseconds: 3, software: false },
      { backend: 'cpu', status: 'skipped', reason: 'plain JavaScript kernels' },
    ]);
    expect(decision.backend).toBe('webgpu');
    expect(decision.verdicts.find((v) => v.backend === 'wasm')?.reason).toBe('slower: 12 ms per round of the kernel mix, 8.0× webgpu\'s time');
    expect(decision.verdicts.find((v) => v.backend === 'webgl')?.reason).toMatch(/2\.0× webgpu/);
  });

  it('a software GPU still wins when it is the only thing measured (wasm failed)', () => {
    const decision = decideBackend([
      { backend: 'wasm', status: 'failed', reason: 'no WebAssembly' },
      { backend: 'webgpu', status: 'measured', milliseconds: 300, software: true },
      { backend: 'cpu', status: 'measured', milliseconds: 90, software: false },
    ]);
    expect(decision.backend).toBe('cpu');
    expect(decision.verdicts[0].reason).toBe('could not start: no WebAssembly');
  });

  it('keeps the probe order on a tie, and throws with every reason when nothing runs', () => {
    expect(decideBackend([
      { backend: 'wasm', status: 'measured', milliseconds: 5, software: false },
      { backend: 'webgpu', status: 'measured', milliseconds: 5, software: false },
    ]).backend).toBe('wasm');
    expect(() => decideBackend([{ backend: 'wasm', status: 'failed', reason: 'boom' }])).toThrow('No tfjs backend could start: wasm (boom)');
  });
});
