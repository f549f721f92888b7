/**
 * Decoding benchmark: every lib/dllm method on the same held-out task instances and story prompts,
 * wasm backend in Node. Prints a table and writes bench-results/dllm.json.
 *
 *   npm run bench:dllm            (48 task instances + 16 story prompts)
 *   npm run bench:dllm -- --quick (8 + 4, under 5 minutes)
 *   flags: --tasks N, --stories N, --out FILE, --models DIR (default public/models)
 *
 * Models: public/models/{ar,mdlm,bd3}/v2 through the weights loader; a missing model is replaced
 * by a random-init one with a loud warning (and the JSON says so).
 * Lengths: the shipped models have maxLen 64 (learned absolute positions 0..63), so the answer
 * canvas is everything after the prompt up to position 64 ("genLength 64" = fill the sequence);
 * 256 is not possible with these weights and is reported as skipped.
 * Tokens: a method's output tokens are the answer plus its eos (what a reader gets); tokens/s and
 * tokens/forward use that count, so passes spent decoding padding count as cost.
 */
import { register } from 'node:module';

// tfjs-core's ESM build uses extension-less imports; the hook lets Node resolve them.
register('./train-resolve-hook.mjs', import.meta.url);
const { main } = await import('./bench-dllm-main');

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
