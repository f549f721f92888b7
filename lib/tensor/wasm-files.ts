/**
 * Where the site serves the tfjs wasm binaries: public/tfjs-wasm/<version>/, copied there by
 * scripts/prepare-tfjs-wasm.mjs on install. The version is in the address, so the files can be
 * cached for a year (security-headers.mjs); a tfjs upgrade gets a new folder.
 * test/lib/tensor/wasm-files.test.ts checks this matches the installed @tensorflow/tfjs-backend-wasm.
 */
export const TFJS_WASM_VERSION = '4.22.0';
export const TFJS_WASM_PATH = `/tfjs-wasm/${TFJS_WASM_VERSION}/`;
