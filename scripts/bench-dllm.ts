/**
 * Decoding benchmark: every method of the one method table (lib/dllm/methods.ts) on fresh held-out
 * instances (seeds in bench-dllm-sets.ts, used by no training run), wasm backend in Node. Prints a
 * table and the goals, writes bench-results/dllm.json and the README's measured block.
 *
 *   npm run bench:dllm                       (200 short tasks + 50 stories at genLength 64, 100 copies at 64, 50 stretches at 256)
 *   npm run bench:dllm -- --answers short    (one half; `--answers long` the other, e.g. one per core: merged when both exist)
 *   npm run bench:dllm -- --quick            (a few instances of each: minutes)
 *   flags: see bench-dllm-main.ts parseFlags
 *
 * Models: public/models/{ar,mdlm,bd3}/v<SHIPPED_LM_VERSION> through the weights loader.
 * Tokens: a method's answer tokens are the answer plus its [EOS] (what a reader gets); tokens/s and
 * tokens per pass use that count, so passes spent on padding count as cost. Accuracy comes with a
 * 95% Wilson interval; tokens/s is the median of timed repeats on the first instances.
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./bench-dllm-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
