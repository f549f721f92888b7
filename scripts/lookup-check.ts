/**
 * The lookup check: why no model learned lookup. See lookup-check-main.ts.
 *
 *   npm run check:lookup                      (every row not yet in bench-results/lookup-check.json)
 *   npm run check:lookup -- --only full-wide --fresh
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./lookup-check-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
