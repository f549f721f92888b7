/**
 * The body of scripts/bench-dllm.ts (loaded after the resolve hook is registered).
 */
import fs from 'node:fs';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { defaultTransformerConfig, LONG_MAX_LEN } from '@/lib/models/transformer/config';
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
import { formatProfile, profileForward, type ForwardProfile } from './bench-dllm-profile';

const ids: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
const MDLM_BLOCK = 32;
const TAU = 0.9;
const FACTOR = 1;
const APD = { lookahead: 8, mixtureWeight: 0.5 };
/** Answer canvas sizes (tokens after the prompt) every method runs at. */
const GEN_LENGTHS = [64, 256];
/**
 * One-token-per-step ablations that exist to measure cache agreement and remasking; at 256 each
 * costs 256 full passes per instance, so they run at 64 only (mdlm-vanilla, the baseline, runs at both).
 */
const SHORT_ONLY = new Set(['mdlm-random-remasking', 'mdlm-prefix-cache', 'mdlm-dual-cache']);
/** Methods that decode with a cache and more than one token per pass, the candidates for the goals. */
const FAST_METHODS = ['mdlm-dual-cache-threshold', 'mdlm-dual-cache-factor', 'bd3-prefix-cache-threshold', 'bd3-prefix-cache-factor', 'bd3-wide-prefix-cache-threshold'];

interface Flags { quick: boolean; tasks: number; stories: number; longTasks: number; longStories: number; out: string; models: string }

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false, tasks: 48, stories: 16, longTasks: 16, longStories: 4, out: 'bench-results/dllm.json', models: 'public/models' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') Object.assign(flags, { quick: true, tasks: 8, stories: 4, longTasks: 4, longStories: 2 });
    else if (a === '--tasks') flags.tasks = Number(argv[++i]);
    else if (a === '--stories') flags.stories = Number(argv[++i]);
    else if (a === '--long-tasks') flags.longTasks = Number(argv[++i]);
    else if (a === '--long-stories') flags.longStories = Number(argv[++i]);
    else if (a === '--out') flags.out = argv[++i];
    else if (a === '--models') flags.models = argv[++i];
    else throw new Error(`bench-dllm: unknown flag ${a} (known: --quick, --tasks N, --stories N, --long-tasks N, --long-stories N, --out FILE, --models DIR)`);
  }
  for (const k of ['tasks', 'stories', 'longTasks', 'longStories'] as const) {
    if (!Number.isInteger(flags[k]) || flags[k] < 0) throw new Error(`bench-dllm: --${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a non-negative integer`);
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
  const config = { ...defaultTransformerConfig(attention), maxLen: LONG_MAX_LEN };
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

  const lengths = GEN_LENGTHS.filter((g) => Math.max(...items.map((i) => i.prompt.length)) + g <= maxLen);
  for (const g of GEN_LENGTHS.filter((x) => !lengths.includes(x))) warnings.push(`genLength ${g} skipped: prompts plus ${g} exceed the models' maxLen ${maxLen}`);
  // Instances outer, methods inner: load changes on a shared machine hit every method alike.
  interface Acc { p: Profile; correct: number; tasks: number; valid: number; stories: number; nfe: number; tokens: number; ms: number; agree: number; gens: Int32Array[] }
  const rows: Record<string, unknown>[] = [];
  const profiles: Record<string, unknown>[] = [];
  for (const genLength of lengths) {
    const active = methods.filter((m) => genLength <= 64 || !SHORT_ONLY.has(m.id));
    // At 256, the first longTasks tasks and longStories stories of the same list (mdlm-vanilla pays 256 full passes each).
    const taskItems = items.filter((i) => i.kind === 'task');
    const storyItems = items.filter((i) => i.kind === 'story');
    const subset = genLength <= 64 ? items : [...taskItems.slice(0, flags.longTasks), ...storyItems.slice(0, flags.longStories)];
    const acc = new Map<string, Acc>(active.map((m) => [m.id, { p: { forwards: 0, totalMs: 0, byShape: new Map() }, correct: 0, tasks: 0, valid: 0, stories: 0, nfe: 0, tokens: 0, ms: 0, agree: 0, gens: [] }]));
    for (const [index, item] of subset.entries()) {
      for (const method of active) {
        const a = acc.get(method.id) as Acc;
        profile.current = a.p;
        const t0 = performance.now();
        const result = await runDecoder(method.run(item.prompt, genLength));
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
        const reference = method.reference ? acc.get(method.reference) : undefined;
        if (reference) {
          const ref = reference.gens[index];
          if (ref.length === result.generated.length && ref.every((t, j) => t === result.generated[j])) a.agree++;
        }
      }
      process.stdout.write(`\rgenLength ${genLength}: instance ${index + 1}/${subset.length}`);
    }
    console.log('');
    for (const method of active) {
      const a = acc.get(method.id) as Acc;
      rows.push({
        method: method.id,
        genLength,
        blockSize: method.blockSize,
        accuracy: a.tasks ? a.correct / a.tasks : null,
        storyValidity: a.stories ? a.valid / a.stories : null,
        tasks: a.tasks,
        stories: a.stories,
        nfe: a.nfe / subset.length,
        tokensPerForward: a.tokens / a.nfe,
        tokensPerSecond: a.tokens / (a.ms / 1000),
        agreeWithUncached: method.reference && acc.has(method.reference) ? a.agree / subset.length : null,
        msPerForward: a.p.totalMs / Math.max(1, a.p.forwards),
        decodeSeconds: a.ms / 1000,
      });
      profiles.push({
        method: method.id,
        genLength,
        forwards: a.p.forwards,
        msPerForward: a.p.totalMs / Math.max(1, a.p.forwards),
        forwardShare: a.p.totalMs / a.ms,
        byShape: Object.fromEntries([...a.p.byShape].sort((x, y) => y[1].count - x[1].count).slice(0, 6).map(([k, v]) => [k, { count: v.count, msPerForward: v.ms / v.count }])),
      });
    }
  }
  if (tf.memory().numTensors !== tensorsBefore) {
    warnings.push(`tensor leak: ${tf.memory().numTensors - tensorsBefore} tensors left after decoding`);
  }

  const baseTps = (g: unknown) => (rows.find((r) => r.method === 'mdlm-vanilla' && r.genLength === g)?.tokensPerSecond as number | undefined) ?? NaN;
  const fmt = (v: unknown, d = 2) => (v === null || v === undefined ? '-' : typeof v === 'number' ? v.toFixed(d) : String(v));
  const header = ['method', 'gen', 'block', 'acc', 'story', 'nfe', 'tok/fwd', 'tok/s', 'vs mdlm', 'agree', 'ms/fwd'];
  const lines = rows.map((r) => [
    String(r.method), fmt(r.genLength, 0), fmt(r.blockSize, 0), fmt(r.accuracy), fmt(r.storyValidity), fmt(r.nfe, 1),
    fmt(r.tokensPerForward), fmt(r.tokensPerSecond, 1), `${fmt((r.tokensPerSecond as number) / baseTps(r.genLength), 1)}x`,
    fmt(r.agreeWithUncached), fmt(r.msPerForward),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nbackend ${tf.getBackend()}; genLength 64: ${flags.tasks} task instances + ${flags.stories} story prompts; 256: the first ${Math.min(flags.longTasks, flags.tasks)} + ${Math.min(flags.longStories, flags.stories)} of them`);
  console.log(`models: ar ${loaded.ar.source}; mdlm ${loaded.mdlm.source}; bd3 ${loaded.bd3.source}`);
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  const goals = lengths.map((g) => goalCheck(rows, g));
  // Where one forward's time goes, for the shapes the fast methods and their baselines use.
  const forwardProfiles: ForwardProfile[] = [
    await profileForward(ar, 'ar-kv token', 1, 24),
    await profileForward(bd3, 'bd3 block', bd3Block, 24),
    await profileForward(mdlm, 'mdlm canvas 64', 16 + 64, 0),
    await profileForward(mdlm, 'mdlm canvas 256', 16 + 256, 0),
    await profileForward(mdlm, 'mdlm dual-cache block', MDLM_BLOCK, 16 + 256 - MDLM_BLOCK),
  ];
  console.log('\nper forward (tf.profile, wasm):');
  for (const p of forwardProfiles) console.log(`  ${formatProfile(p)}`);
  for (const g of goals) console.log(`- goals at ${g.genLength}: ${g.summary}`);
  const notes = [
    `genLength = answer positions after the prompt (${lengths.join(' and ')}); mdlm decodes the whole canvas, ar and bd3 stop at [EOS]; ${[...SHORT_ONLY].join(', ')} run at 64 only (256 one-token passes each per instance).`,
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
    instances: { tasks: flags.tasks, stories: flags.stories, longTasks: Math.min(flags.longTasks, flags.tasks), longStories: Math.min(flags.longStories, flags.stories), split: 'heldout' },
    rows,
    goals,
    forwardProfiles,
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

interface GoalResult { met: boolean; method: string | null; speedup: number; accuracyPoints: number }
export interface GoalCheck { genLength: number; tenXVanilla: GoalResult; twoXArKv: GoalResult; summary: string }

type Row = { method: string; genLength: number; tokensPerSecond: number; accuracy: number };

/**
 * The issue's goals at one length: is there a cached + parallel method at least `factor` times the
 * baseline's tokens/s with accuracy no more than `tolerance` points below it? Reports the fastest
 * method within the tolerance (met or not), else the fastest one.
 */
function goal(fast: Row[], base: Row | undefined, factor: number, tolerance: number): GoalResult {
  if (!base || fast.length === 0) return { met: false, method: null, speedup: NaN, accuracyPoints: NaN };
  const scored = fast.map((r) => ({ method: r.method, speedup: r.tokensPerSecond / base.tokensPerSecond, accuracyPoints: 100 * (r.accuracy - base.accuracy) }))
    .sort((a, b) => b.speedup - a.speedup);
  const within = scored.filter((r) => r.accuracyPoints >= -tolerance - 1e-9);
  const pick = within[0] ?? scored[0];
  return { met: within.length > 0 && pick.speedup >= factor, ...pick };
}

export function goalCheck(rows: Record<string, unknown>[], genLength: number): GoalCheck {
  const at = (id: string) => rows.find((r) => r.method === id && r.genLength === genLength) as Row | undefined;
  const fast = FAST_METHODS.map(at).filter((r): r is Row => !!r);
  const tenXVanilla = goal(fast, at('mdlm-vanilla'), 10, 1);
  const twoXArKv = goal(fast, at('ar-kv'), 2, 2);
  const say = (g: GoalResult, factor: string, base: string) => (g.method === null ? `${factor} ${base}: missing rows`
    : `${factor} ${base}: ${g.met ? 'met' : 'not met'} (${g.method} ${g.speedup.toFixed(g.speedup < 10 ? 2 : 1)}x, accuracy ${g.accuracyPoints >= 0 ? '+' : ''}${g.accuracyPoints.toFixed(1)} points)`);
  return { genLength, tenXVanilla, twoXArKv, summary: `${say(tenXVanilla, '10x', 'mdlm-vanilla within 1 point')}; ${say(twoXArKv, '2x', 'ar-kv within 2 points')}` };
}
