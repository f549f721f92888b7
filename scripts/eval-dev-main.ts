/**
 * A development check on seeds the bench never uses (920001-920004, the seeds of the quality guard's
 * lists in test/lib/dllm/shipped-quality.test.ts): exact match per task family of
 * chosen methods on the models of one version, plus per-position character accuracy on copy. For
 * deciding between checkpoints and recipes without looking at the bench's instances.
 *
 *   npm run eval:dev -- --version 6 --methods ar-kv,bd3-prefix-cache-threshold --n 40 --families copy,tasks [--mdlm-block 32] [--factor 0.5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { loadShippedModel, SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { generateExamples } from '@/lib/data/text/corpus';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { scoreTaskAnswer } from '@/lib/data/text/validator';
import { DEFAULT_KNOBS, METHODS, answerTokens, type MethodId, type MethodModels } from '@/lib/dllm/methods';
import { runDecoder } from '@/lib/dllm/types';

const DEV_SEEDS = { tasks: 920001, copy: 920003, stretch: 920004 } as const;
const FAMILIES = {
  tasks: { mix: { add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 }, genLength: 64 },
  copy: { mix: { copy: 1 }, genLength: 64 },
  stretch: { mix: { stretch: 1 }, genLength: 256 },
} as const;
type Family = keyof typeof FAMILIES;

function parse(argv: string[]) {
  const get = (name: string, fallback: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
  return {
    version: Number(get('--version', String(SHIPPED_LM_VERSION))),
    methods: get('--methods', 'ar-kv,bd3-prefix-cache-threshold,mdlm-dual-cache-threshold').split(',') as MethodId[],
    n: Number(get('--n', '40')),
    families: get('--families', 'copy,tasks').split(',') as Family[],
    mdlmBlock: Number(get('--mdlm-block', String(DEFAULT_KNOBS.mdlmBlock))),
    factor: Number(get('--factor', String(DEFAULT_KNOBS.factor))),
  };
}

/** The site's files from public/, as the pages fetch them (the loader checks the pinned manifest). */
async function fromPublic(p: string): Promise<ArrayBuffer> {
  const b = fs.readFileSync(path.resolve('public', p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export async function main(argv: string[]): Promise<void> {
  const flags = parse(argv);
  for (const id of flags.methods) if (!METHODS[id]) throw new Error(`eval-dev: unknown method ${id}`);
  setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  await tf.setBackend('wasm');
  const needed = new Set(flags.methods.flatMap((id) => METHODS[id].models));
  const models: MethodModels = {};
  for (const name of needed) models[name] = (await loadShippedModel(name, fromPublic, flags.version)).model;
  const ids = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
  for (const family of flags.families) {
    const { mix, genLength } = FAMILIES[family];
    const examples = generateExamples({ seed: DEV_SEEDS[family], count: flags.n, split: 'heldout', mix });
    for (const id of flags.methods) {
      let correct = 0, tokens = 0, passes = 0, ms = 0;
      const byTask: Record<string, [number, number]> = {};
      const charHits: number[] = [], charSeen: number[] = [];
      for (const e of examples) {
        const prompt = Int32Array.from([BOS_ID, ...VOCAB.encode(e.prompt)]);
        const result = await runDecoder(METHODS[id].build(models, prompt, genLength, { ...DEFAULT_KNOBS, mdlmBlock: flags.mdlmBlock, factor: flags.factor }, ids));
        ms += result.elapsedMs;
        const text = VOCAB.decode(result.generated);
        const ok = scoreTaskAnswer(e.prompt, text);
        correct += ok;
        tokens += answerTokens(result);
        passes += result.nfe;
        const task = e.prompt.split(':')[0];
        byTask[task] ??= [0, 0];
        byTask[task][0] += ok;
        byTask[task][1]++;
        for (let i = 0; i < e.answer.length; i++) {
          charSeen[i] = (charSeen[i] ?? 0) + 1;
          charHits[i] = (charHits[i] ?? 0) + (text[i] === e.answer[i] ? 1 : 0);
        }
      }
      const perTask = Object.entries(byTask).map(([t, [c, n]]) => `${t} ${(c / n).toFixed(2)}`).join(', ');
      const tenths = [0, 0.25, 0.5, 0.75, 1].map((q) => Math.min(charSeen.length - 1, Math.floor(q * (charSeen.length - 1))));
      const chars = tenths.map((i) => `${i}:${(charHits[i] / charSeen[i]).toFixed(2)}`).join(' ');
      console.log(`v${flags.version} ${family} ${id} (factor ${flags.factor}): exact ${(correct / examples.length).toFixed(3)} (${perTask}); ${(tokens / passes).toFixed(2)} tokens/pass, ${(1000 * tokens / ms).toFixed(0)} tokens/s (one pass over the list, not the bench's medians); char accuracy by answer position ${chars}`);
    }
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
}
