/**
 * Decoding benchmark: every lib/dllm method on the same held-out task instances and story prompts,
 * wasm backend in Node. Prints a table and writes bench-results/dllm.json.
 *
 *   npm run bench:dllm            (48 task instances + 16 story prompts at 64; the first 16 + 4 at 256)
 *   npm run bench:dllm -- --quick (8 + 4 at 64, 4 + 2 at 256: under 5 minutes)
 *   flags: --tasks N, --stories N, --long-tasks N, --long-stories N, --out FILE, --models DIR (default public/models)
 *
 * Models: public/models/{ar,mdlm,bd3}/v<SHIPPED_LM_VERSION> through the weights loader; a missing model
 * is replaced by a random-init one with a loud warning (and the JSON says so).
 * Lengths: every method runs at genLength 64 and 256 (answer positions after the prompt; the models
 * see 320 positions). The mdlm canvas is the full genLength; ar and bd3 stop at [EOS].
 * Goals: the fastest cached + parallel method against mdlm-vanilla and ar-kv at each length
 * (printed, and `goals` in the JSON).
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
