/**
 * Trains the known-language SEDD and MDLM models of lessons 08-09 and writes public/models/short-{sedd,mdlm}/v1
 * (flags: scripts/train-known-language-main.ts). With no flags it reproduces the shipped models from the seed:
 * `npm run train:known-language`; `npm run train:known-language -- --quick` runs in seconds.
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./train-known-language-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
