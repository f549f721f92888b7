import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit tests: lib/ and components' pure parts, in Node (tfjs on the wasm or cpu backend).
// End-to-end tests in real Chromium live in test/e2e and run through scripts/run-e2e.mjs.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
