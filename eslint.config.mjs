import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// DOM and browser-only globals that lib/ must not touch: lib/ is pure and runs in Node tests
// (ARCHITECTURE.md rule 1). Pages and widgets reach the browser; lib/ only gets data passed in.
const browserOnlyGlobals = [
  'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'location',
  'navigator', 'HTMLElement', 'Element', 'Node', 'requestAnimationFrame', 'alert', 'fetch',
].map((name) => ({ name, message: 'lib/ stays pure: pass data in from components/ instead of reading browser globals.' }));

export default tseslint.config(
  { ignores: ['.next/**', '.next-*/**', 'out/**', 'node_modules/**', 'public/**', 'next-env.d.ts', 'bench-results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded RNG in lib/math/rng.ts.' }],
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'next', 'next/*'], message: 'lib/ never imports React or Next.' },
          { group: ['@/components/*', '@/app/*', '../../components/*', '../../app/*'], message: 'Data flows content → components → lib; lib/ never imports components/ or app/.' },
        ],
      }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='dataSync']", message: 'Read tensors with await t.data() outside tidy.' }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
