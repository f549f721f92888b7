/**
 * Trains the short SEDD and MDLM models of lessons 08-09 and writes public/models/short-{sedd,mdlm}/v1
 * (flags: scripts/train-short-main.ts). With no flags it reproduces the shipped models from the seed:
 * `npm run train:short`; `npm run train:short -- --quick` runs in seconds.
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./train-short-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
