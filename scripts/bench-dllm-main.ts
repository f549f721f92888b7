/**
 * The body of scripts/bench-dllm.ts (loaded after the resolve hook is registered).
 */
import fs from 'node:fs';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { defaultTransformerConfig } from '@/lib/models/transformer/config';
import { initTransformerWeights } from '@/lib/models/transformer/init';
import { createTransformer } from '@/lib/models/transformer/model';
import type { AttentionPattern, ForwardInput, SequenceModel } from '@/lib/models/transformer/types';
import { loadWeights, parseManifest } from '@/lib/models/weights/load';
import { SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { generateExamples, type Example } from '@/lib/data/text/corpus';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { checkStory, scoreTaskAnswer } from '@/lib/data/text/validator';
import { decodeAutoregressive } from '@/lib/dllm/ar';
import { decodeMasked } from '@/lib/dllm/masked';
import { decodeBlockDiffusion } from '@/lib/dllm/block';
import { decodeFastDllm } from '@/lib/dllm/fast-dllm';
import { decodeApd } from '@/lib/dllm/apd';
import type { UnmaskRule } from '@/lib/dllm/parallel';
import { runDecoder, type DecodeResult, type DecodeStep, type SpecialIds } from '@/lib/dllm/types';

const ids: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
const MDLM_BLOCK = 32;
const TAU = 0.9;
const FACTOR = 1;
const APD = { lookahead: 8, mixtureWeight: 0.5 };

interface Flags { quick: boolean; tasks: number; stories: number; out: string; models: string }

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false, tasks: 48, stories: 16, out: 'bench-results/dllm.json', models: 'public/models' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') Object.assign(flags, { quick: true, tasks: 8, stories: 4 });
    else if (a === '--tasks') flags.tasks = Number(argv[++i]);
    else if (a === '--stories') flags.stories = Number(argv[++i]);
    else if (a === '--out') flags.out = argv[++i];
    else if (a === '--models') flags.models = argv[++i];
    else throw new Error(`bench-dllm: unknown flag ${a} (known: --quick, --tasks N, --stories N, --out FILE, --models DIR)`);
  }
  for (const k of ['tasks', 'stories'] as const) {
    if (!Number.isInteger(flags[k]) || flags[k] < 0) throw new Error(`bench-dllm: --${k} must be a non-negative integer`);
  }
  return flags;
}

/** Forward-pass timer: wall time of each forward() (wasm runs ops synchronously) by slice shape. */
interface Profile { forwards: number; totalMs: number; byShape: Map<string, { count: number; ms: number }> }

function timed(model: SequenceModel, profile: { current: Profile | null }): SequenceModel {
  return {
    config: model.config,
    forward(input: ForwardInput) {
      const t0 = performance.now();
      const out = model.forward(input);
      const ms = performance.now() - t0;
      const p = profile.current;
      if (p) {
        p.forwards++;
        p.totalMs += ms;
        const key = `${input.positions.length}q+${input.context?.positions.length ?? 0}ctx`;
        const e = p.byShape.get(key) ?? { count: 0, ms: 0 };
        e.count++;
        e.ms += ms;
        p.byShape.set(key, e);
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}

async function loadModel(root: string, name: 'ar' | 'mdlm' | 'bd3', attention: AttentionPattern, warnings: string[]) {
  const dir = path.resolve(root, name, `v${SHIPPED_LM_VERSION}`);
  const manifestPath = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestPath)) {
    const manifest = parseManifest(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
    const weights = await loadWeights(manifest, async (p) => {
      const b = fs.readFileSync(path.join(dir, p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    });
    return { config: manifest.config, weights, source: `${path.relative(process.cwd(), dir)} (${manifest.steps} steps)` };
  }
  const msg = `WARNING: ${path.relative(process.cwd(), manifestPath)} not found: using a RANDOM-INIT ${name} model; accuracy and story numbers are meaningless, speed ratios still hold.`;
  console.warn(`\n*** ${msg} ***\n`);
  warnings.push(msg);
  const config = defaultTransformerConfig(attention);
  return { config, weights: initTransformerWeights(config, 1234), source: 'random-init' };
}

interface Instance { kind: 'task' | 'story'; prompt: Int32Array; text: string; example: Example }

function instances(flags: Flags): Instance[] {
  const tasks = generateExamples({ seed: 20261127, count: flags.tasks, split: 'heldout', mix: { story: 0, add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 } });
  const stories = generateExamples({ seed: 20261128, count: flags.stories, split: 'heldout', mix: { story: 1, add: 0, rev: 0, sort: 0, kv: 0 } });
  const out: Instance[] = tasks.map((e) => ({ kind: 'task' as const, prompt: Int32Array.from([BOS_ID, ...VOCAB.encode(e.prompt)]), text: e.prompt, example: e }));
  for (const e of stories) {
    // A story prompt is its first word (a name): the model writes the rest.
    const first = e.answer.split(' ')[0] + ' ';
    out.push({ kind: 'story', prompt: Int32Array.from([BOS_ID, ...VOCAB.encode(first)]), text: first, example: e });
  }
  return out;
}

interface Method {
  id: string;
  model: 'ar' | 'mdlm' | 'bd3' | 'apd';
  blockSize: number | null;
  /** Id of the uncached method this one is compared with (agreeWithUncached). */
  reference?: string;
  run(prompt: Int32Array, genLength: number): AsyncGenerator<DecodeStep, DecodeResult, void>;
}

export async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const startAll = performance.now();
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();
  const warnings: string[] = [];
  const profile: { current: Profile | null } = { current: null };
  const loaded = {
    ar: await loadModel(flags.models, 'ar', 'causal', warnings),
    mdlm: await loadModel(flags.models, 'mdlm', 'bidirectional', warnings),
    bd3: await loadModel(flags.models, 'bd3', 'block-causal', warnings),
  };
  const ar = timed(createTransformer(loaded.ar.config, loaded.ar.weights), profile);
  const mdlm = timed(createTransformer(loaded.mdlm.config, loaded.mdlm.weights), profile);
  const bd3 = timed(createTransformer(loaded.bd3.config, loaded.bd3.weights), profile);
  // The same bd3 weights with twice the block at inference (trained with the smaller block: a mismatch).
  const bd3Wide = timed(createTransformer({ ...loaded.bd3.config, blockSize: 2 * (loaded.bd3.config.blockSize ?? 8) }, loaded.bd3.weights), profile);
  const maxLen = Math.min(ar.config.maxLen, mdlm.config.maxLen, bd3.config.maxLen);
  const bd3Block = bd3.config.blockSize ?? 8;
  const oneByOne = (n: number): UnmaskRule => ({ kind: 'steps', perBlock: n });
  const threshold: UnmaskRule = { kind: 'threshold', tau: TAU };
  const factor: UnmaskRule = { kind: 'factor', factor: FACTOR };
  const mdlmBlock = (g: number) => Math.min(MDLM_BLOCK, g);

  const methods: Method[] = [
    { id: 'ar-nocache', model: 'ar', blockSize: null, run: (p, g) => decodeAutoregressive(ar, p, { ids, maxNewTokens: g, useCache: false }) },
    { id: 'ar-kv', model: 'ar', blockSize: null, reference: 'ar-nocache', run: (p, g) => decodeAutoregressive(ar, p, { ids, maxNewTokens: g }) },
    { id: 'mdlm-vanilla', model: 'mdlm', blockSize: MDLM_BLOCK, run: (p, g) => decodeMasked(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: oneByOne(mdlmBlock(g)) }) },
    { id: 'mdlm-random-remasking', model: 'mdlm', blockSize: MDLM_BLOCK, run: (p, g) => decodeMasked(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: oneByOne(mdlmBlock(g)), remasking: 'random', seed: 1 }) },
    { id: 'mdlm-threshold', model: 'mdlm', blockSize: MDLM_BLOCK, run: (p, g) => decodeMasked(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: threshold }) },
    { id: 'mdlm-prefix-cache', model: 'mdlm', blockSize: MDLM_BLOCK, reference: 'mdlm-vanilla', run: (p, g) => decodeFastDllm(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: oneByOne(mdlmBlock(g)), cache: 'prefix' }) },
    { id: 'mdlm-dual-cache', model: 'mdlm', blockSize: MDLM_BLOCK, reference: 'mdlm-vanilla', run: (p, g) => decodeFastDllm(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: oneByOne(mdlmBlock(g)), cache: 'dual' }) },
    { id: 'mdlm-dual-cache-threshold', model: 'mdlm', blockSize: MDLM_BLOCK, reference: 'mdlm-threshold', run: (p, g) => decodeFastDllm(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: threshold, cache: 'dual' }) },
    { id: 'mdlm-dual-cache-factor', model: 'mdlm', blockSize: MDLM_BLOCK, run: (p, g) => decodeFastDllm(mdlm, p, { ids, genLength: g, blockLength: mdlmBlock(g), rule: factor, cache: 'dual' }) },
    { id: 'bd3-nocache', model: 'bd3', blockSize: bd3Block, run: (p, g) => decodeBlockDiffusion(bd3, p, { ids, maxNewTokens: g, useCache: false }) },
    { id: 'bd3-prefix-cache', model: 'bd3', blockSize: bd3Block, reference: 'bd3-nocache', run: (p, g) => decodeBlockDiffusion(bd3, p, { ids, maxNewTokens: g }) },
    { id: 'bd3-nocache-threshold', model: 'bd3', blockSize: bd3Block, run: (p, g) => decodeBlockDiffusion(bd3, p, { ids, maxNewTokens: g, rule: threshold, useCache: false }) },
    { id: 'bd3-prefix-cache-threshold', model: 'bd3', blockSize: bd3Block, reference: 'bd3-nocache-threshold', run: (p, g) => decodeBlockDiffusion(bd3, p, { ids, maxNewTokens: g, rule: threshold }) },
    { id: 'bd3-prefix-cache-factor', model: 'bd3', blockSize: bd3Block, run: (p, g) => decodeBlockDiffusion(bd3, p, { ids, maxNewTokens: g, rule: factor }) },
    { id: 'bd3-wide-prefix-cache', model: 'bd3', blockSize: 2 * bd3Block, run: (p, g) => decodeBlockDiffusion(bd3Wide, p, { ids, maxNewTokens: g }) },
    { id: 'bd3-wide-prefix-cache-threshold', model: 'bd3', blockSize: 2 * bd3Block, run: (p, g) => decodeBlockDiffusion(bd3Wide, p, { ids, maxNewTokens: g, rule: threshold }) },
    { id: 'apd', model: 'apd', blockSize: null, run: (p, g) => decodeApd(mdlm, ar, p, { ids, maxNewTokens: g, ...APD }) },
  ];

  const items = instances(flags);
  // Warm-up: the first pass of each model pays for kernel setup, not decoding.
  for (const m of [ar, mdlm, bd3]) {
    const out = m.forward({ tokens: tf.tensor2d(items[0]?.prompt ?? Int32Array.of(BOS_ID), [1, items[0]?.prompt.length ?? 1], 'int32'), positions: Int32Array.from({ length: items[0]?.prompt.length ?? 1 }, (_, i) => i) });
    await out.logits.data();
    tf.dispose([out.logits, ...out.kv.keys, ...out.kv.values]);
  }
  const tensorsBefore = tf.memory().numTensors;

  const genLength = maxLen; // the canvas fills the sequence: genLength = maxLen - prompt length per instance
  // Instances outer, methods inner: load changes on a shared machine hit every method alike.
  interface Acc { p: Profile; correct: number; tasks: number; valid: number; stories: number; nfe: number; tokens: number; ms: number; agree: number; gens: Int32Array[] }
  const acc = new Map<string, Acc>(methods.map((m) => [m.id, { p: { forwards: 0, totalMs: 0, byShape: new Map() }, correct: 0, tasks: 0, valid: 0, stories: 0, nfe: 0, tokens: 0, ms: 0, agree: 0, gens: [] }]));
  for (const [index, item] of items.entries()) {
    for (const method of methods) {
      const a = acc.get(method.id) as Acc;
      profile.current = a.p;
      const g = maxLen - item.prompt.length;
      const t0 = performance.now();
      const result = await runDecoder(method.run(item.prompt, g));
      a.ms += performance.now() - t0;
      profile.current = null;
      a.nfe += result.nfe;
      a.tokens += result.generated.length + (result.stoppedAtEos ? 1 : 0);
      a.gens.push(result.generated);
      const text = VOCAB.decode(result.generated);
      if (item.kind === 'task') {
        a.tasks++;
        a.correct += scoreTaskAnswer(item.example.prompt, text);
      } else {
        a.stories++;
        if (checkStory(item.text + text).consistent) a.valid++;
      }
      if (method.reference) {
        const ref = (acc.get(method.reference) as Acc).gens[index];
        if (ref.length === result.generated.length && ref.every((t, j) => t === result.generated[j])) a.agree++;
      }
    }
    process.stdout.write(`\rinstance ${index + 1}/${items.length}`);
  }
  console.log('');
  const rows: Record<string, unknown>[] = [];
  const profiles: Record<string, unknown>[] = [];
  for (const method of methods) {
    const a = acc.get(method.id) as Acc;
    rows.push({
      method: method.id,
      genLength,
      blockSize: method.blockSize,
      accuracy: a.tasks ? a.correct / a.tasks : null,
      storyValidity: a.stories ? a.valid / a.stories : null,
      nfe: a.nfe / items.length,
      tokensPerForward: a.tokens / a.nfe,
      tokensPerSecond: a.tokens / (a.ms / 1000),
      agreeWithUncached: method.reference ? a.agree / items.length : null,
      msPerForward: a.p.totalMs / Math.max(1, a.p.forwards),
      decodeSeconds: a.ms / 1000,
    });
    profiles.push({
      method: method.id,
      forwards: a.p.forwards,
      msPerForward: a.p.totalMs / Math.max(1, a.p.forwards),
      forwardShare: a.p.totalMs / a.ms,
      byShape: Object.fromEntries([...a.p.byShape].sort((x, y) => y[1].count - x[1].count).slice(0, 6).map(([k, v]) => [k, { count: v.count, msPerForward: v.ms / v.count }])),
    });
  }
  if (tf.memory().numTensors !== tensorsBefore) {
    warnings.push(`tensor leak: ${tf.memory().numTensors - tensorsBefore} tensors left after decoding`);
  }

  const base = rows.find((r) => r.method === 'mdlm-vanilla') as { tokensPerSecond: number };
  const fmt = (v: unknown, d = 2) => (v === null || v === undefined ? '-' : typeof v === 'number' ? v.toFixed(d) : String(v));
  const header = ['method', 'gen', 'block', 'acc', 'story', 'nfe', 'tok/fwd', 'tok/s', 'vs mdlm', 'agree', 'ms/fwd'];
  const lines = rows.map((r) => [
    String(r.method), fmt(r.genLength, 0), fmt(r.blockSize, 0), fmt(r.accuracy), fmt(r.storyValidity), fmt(r.nfe, 1),
    fmt(r.tokensPerForward), fmt(r.tokensPerSecond, 1), `${fmt((r.tokensPerSecond as number) / base.tokensPerSecond, 1)}x`,
    fmt(r.agreeWithUncached), fmt(r.msPerForward),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nbackend ${tf.getBackend()}, ${items.filter((i) => i.kind === 'task').length} task instances, ${items.filter((i) => i.kind === 'story').length} story prompts`);
  console.log(`models: ar ${loaded.ar.source}; mdlm ${loaded.mdlm.source}; bd3 ${loaded.bd3.source}`);
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  const notes = [
    `genLength ${genLength}: the models' maxLen is ${maxLen} (learned positions), so each answer canvas runs from the prompt's end to position ${maxLen}; genLength 256 was skipped (not representable with these weights).`,
    'tokens = answer tokens + eos; tok/s and tok/fwd count only those, so passes spent on padding are cost.',
    `mdlm block ${MDLM_BLOCK}, threshold tau ${TAU}, factor f ${FACTOR}; bd3 block ${bd3Block} (the model's training block); bd3-wide: the same weights decoded with block ${2 * bd3Block} (not trained for it: a train/test mismatch, shown for the block-size trade-off); apd W ${APD.lookahead}, R ${APD.mixtureWeight} (nfe counts dLLM + AR passes).`,
    'agreeWithUncached: fraction of instances whose answer equals the uncached reference (ar-kv vs ar-nocache, caches vs the same rule uncached).',
    'Times are from one run on this machine: compare ratios, not absolute numbers.',
  ];
  for (const n of [...notes, ...warnings]) console.log(`- ${n}`);
  const json = {
    backend: tf.getBackend(),
    quick: flags.quick,
    models: { ar: loaded.ar.source, mdlm: loaded.mdlm.source, bd3: loaded.bd3.source },
    instances: { tasks: flags.tasks, stories: flags.stories, split: 'heldout' },
    rows,
    profile: profiles,
    notes,
    warnings,
    totalSeconds: (performance.now() - startAll) / 1000,
  };
  fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
  fs.writeFileSync(path.resolve(flags.out), JSON.stringify(json, null, 2) + '\n');
  console.log(`\nwrote ${flags.out} in ${json.totalSeconds.toFixed(0)} s`);
  for (const m of [ar, mdlm, bd3, bd3Wide]) m.dispose();
}
