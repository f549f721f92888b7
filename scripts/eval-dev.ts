/** Development check on seeds the bench never uses: see eval-dev-main.ts. `npm run eval:dev -- --version 6`. */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./eval-dev-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
