import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TFJS_WASM_PATH, TFJS_WASM_VERSION } from '@/lib/tensor/wasm-files';

describe('the versioned wasm folder', () => {
  it('names the installed @tensorflow/tfjs-backend-wasm version, so immutable caching is safe', () => {
    const installed = JSON.parse(readFileSync('node_modules/@tensorflow/tfjs-backend-wasm/package.json', 'utf8')).version;
    if (installed !== TFJS_WASM_VERSION) throw new Error(`lib/tensor/wasm-files.ts says ${TFJS_WASM_VERSION} but ${installed} is installed: update TFJS_WASM_VERSION and run npm run postinstall`);
    expect(TFJS_WASM_PATH).toBe(`/tfjs-wasm/${installed}/`);
  });
});
