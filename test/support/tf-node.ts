import path from 'node:path';
import * as tf from '@/lib/tensor/tf';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const wasmDir = path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep;

/**
 * Puts tfjs in Node on the wasm backend (SIMD, no threads) or the cpu backend.
 * Call from beforeAll in tests of lib/ code that uses tensors.
 */
export async function useNodeBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<typeof tf> {
  if (name === 'wasm') setWasmPaths(wasmDir);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend ${name} failed to start in Node`);
  }
  await tf.ready();
  return tf;
}
