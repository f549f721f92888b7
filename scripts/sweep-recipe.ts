/**
 * The recipe sweep: what a CPU-minute buys on the short tasks. See sweep-recipe-main.ts.
 *
 *   npm run sweep:recipe                  (every row not yet in bench-results/sweep.json)
 *   npm run sweep:recipe -- --minutes 4 --only d128-l3-lr3e-3 --n 200 --out bench-results/sweep.json
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./sweep-recipe-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
