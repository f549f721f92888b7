/**
 * Training throughput: ms per step and tokens per second of the language models' training step, on
 * the wasm backend in Node (one core), for the v3 shape (16 rows x 64) and each v4 recipe bucket,
 * plus where one step's time goes (tf.profile by kernel). Writes bench-results/train.json.
 *
 *   npm run bench:train              (5 timed steps per shape after 2 warm-up steps)
 *   npm run bench:train -- --steps N
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./bench-train-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
