/**
 * The body of scripts/bench-dllm.ts (loaded after the resolve hook is registered).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { createTransformer } from '@/lib/models/transformer/model';
import type { SequenceModel } from '@/lib/models/transformer/types';
import { loadWeights, parseManifest } from '@/lib/models/weights/load';
import { SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID } from '@/lib/data/text/tokenizer';
import { METHOD_IDS, DEFAULT_KNOBS, APD_SETTINGS, type MethodId, type MethodModelName } from '@/lib/dllm/methods';
import type { SpecialIds } from '@/lib/dllm/types';
import { formatProfile, profileForward, type ForwardProfile } from './bench-dllm-profile';
import { BENCH_SEEDS, benchSets, type BenchSet } from './bench-dllm-sets';
import { runSet, SLOW_AT_256, type SetRows } from './bench-dllm-run';
import { checkGoals, formatGoals } from './bench-dllm-goals';
import { timedModel, type ForwardTimer } from './bench-dllm-timer';
import { loadFacts } from '@/lib/content/measured-facts.server';
import { withReadmeMeasuredBlock } from '@/lib/content/headline-facts';

const ids: SpecialIds = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };

export interface BenchFlags {
  quick: boolean;
  answers: 'short' | 'long' | 'all';
  tasks: number;
  stories: number;
  copy: number;
  stretch: number;
  /** Instances the uncached one-token-per-pass baselines decode at genLength 256 (each costs 256 full passes). */
  slowSubset: number;
  /** Instances those slow baselines re-decode for the timing repeats. */
  slowTimingSubset: number;
  repeats: number;
  /** Instances re-decoded for the timing repeats. */
  timingSubset: number;
  out?: string;
  models: string;
}

function parseFlags(argv: string[]): BenchFlags {
  const flags: BenchFlags = { quick: false, answers: 'all', tasks: 200, stories: 50, copy: 100, stretch: 50, slowSubset: 6, slowTimingSubset: 2, repeats: 3, timingSubset: 24, models: 'public/models' };
  const int = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`bench-dllm: ${name} must be a non-negative integer, got ${argv[i + 1]}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') Object.assign(flags, { quick: true, tasks: 8, stories: 4, copy: 4, stretch: 2, slowSubset: 1, slowTimingSubset: 1, repeats: 2, timingSubset: 2 });
    else if (a === '--answers') {
      const v = argv[++i];
      if (v !== 'short' && v !== 'long' && v !== 'all') throw new Error(`bench-dllm: --answers must be short, long or all, got ${v}`);
      flags.answers = v;
    } else if (a === '--tasks') flags.tasks = int(i++, a);
    else if (a === '--stories') flags.stories = int(i++, a);
    else if (a === '--copy') flags.copy = int(i++, a);
    else if (a === '--stretch') flags.stretch = int(i++, a);
    else if (a === '--slow-subset') flags.slowSubset = int(i++, a);
    else if (a === '--slow-timing-subset') flags.slowTimingSubset = Math.max(1, int(i++, a));
    else if (a === '--repeats') flags.repeats = Math.max(1, int(i++, a));
    else if (a === '--timing-subset') flags.timingSubset = Math.max(1, int(i++, a));
    else if (a === '--out') flags.out = argv[++i];
    else if (a === '--models') flags.models = argv[++i];
    else throw new Error(`bench-dllm: unknown flag ${a} (known: --quick, --merge-only, --answers short|long|all, --tasks N, --stories N, --copy N, --stretch N, --slow-subset N, --slow-timing-subset N, --repeats N, --timing-subset N, --out FILE, --models DIR)`);
  }
  return flags;
}

async function loadModel(root: string, name: MethodModelName): Promise<{ model: SequenceModel; source: string; manifest: unknown }> {
  const dir = path.resolve(root, name, `v${SHIPPED_LM_VERSION}`);
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`bench-dllm: ${path.relative(process.cwd(), manifestPath)} not found: train the model first (npm run train:${name})`);
  const manifest = parseManifest(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
  const weights = await loadWeights(manifest, async (p) => {
    const b = fs.readFileSync(path.join(dir, p));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });
  return { model: createTransformer(manifest.config, weights), source: `${path.relative(process.cwd(), dir)} (${manifest.steps} steps)`, manifest };
}

/** The file a run writes: the whole bench, or one half of it (merged into dllm.json when both exist). */
function outputFile(flags: BenchFlags): string {
  if (flags.out) return flags.out;
  const base = flags.quick ? 'bench-results/dllm-quick' : 'bench-results/dllm';
  return flags.answers === 'all' ? `${base}.json` : `${base}.${flags.answers}.json`;
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--merge-only')) {
    // Re-derive dllm.json (its goals) and the README block from the two halves, running nothing.
    mergeHalves({ ...parseFlags(argv.filter((a) => a !== '--merge-only')), answers: 'short' });
    updateReadme();
    return;
  }
  const flags = parseFlags(argv);
  const startAll = performance.now();
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  await tf.ready();
  const timer: ForwardTimer = { current: null };
  const loaded = { ar: await loadModel(flags.models, 'ar'), mdlm: await loadModel(flags.models, 'mdlm'), bd3: await loadModel(flags.models, 'bd3') };
  const models = { ar: timedModel(loaded.ar.model, timer), mdlm: timedModel(loaded.mdlm.model, timer), bd3: timedModel(loaded.bd3.model, timer) };
  const sets = benchSets(flags);
  // Warm-up: the first pass of each model pays for kernel setup, not decoding.
  for (const m of Object.values(models)) {
    const out = m.forward({ tokens: tf.tensor2d(Int32Array.of(BOS_ID, 5), [1, 2], 'int32'), positions: Int32Array.of(0, 1) });
    await out.logits.data();
    tf.dispose([out.logits, ...out.kv.keys, ...out.kv.values]);
  }
  const tensorsBefore = tf.memory().numTensors;
  const warnings: string[] = [];
  const results: SetRows[] = [];
  for (const set of sets) results.push(await runSet(set, METHOD_IDS, models, ids, flags, timer));
  if (tf.memory().numTensors !== tensorsBefore) warnings.push(`tensor leak: ${tf.memory().numTensors - tensorsBefore} tensors left after decoding`);
  const rows = results.flatMap((r) => r.rows);

  const forwardProfiles: ForwardProfile[] = [
    await profileForward(models.ar, 'ar-kv token (1 + 40 cached)', 1, 40),
    await profileForward(models.bd3, 'bd3 block (8 + 40 cached)', models.bd3.config.blockSize ?? 8, 40),
    await profileForward(models.mdlm, 'mdlm canvas 64 (+ 40 prompt)', 40 + 64, 0),
    await profileForward(models.mdlm, 'mdlm canvas 256 (+ 40 prompt)', 40 + 256, 0),
    await profileForward(models.mdlm, `mdlm dual-cache block ${DEFAULT_KNOBS.mdlmBlock} (+ ${40 + 256 - DEFAULT_KNOBS.mdlmBlock})`, DEFAULT_KNOBS.mdlmBlock, 40 + 256 - DEFAULT_KNOBS.mdlmBlock),
  ];
  console.log('\nper forward (tf.profile, wasm):');
  for (const p of forwardProfiles) console.log(`  ${formatProfile(p)}`);

  const goals = checkGoals(rows);
  console.log(`\n${formatGoals(goals)}`);
  const notes = [
    `Fresh held-out instances: seeds ${JSON.stringify(BENCH_SEEDS)}, which no training run draws (training draws held-out sets with seeds 7, 8 and 107-507 only); split by hash, so no instance was trained on.`,
    'Tokens = answer tokens + [EOS] (lib/dllm/methods.ts answerTokens): tok/s and tok/pass count only those, so passes spent on [PAD] are cost and padding a method never computes is free.',
    `tok/s: median of ${flags.repeats} timed repeats on the first ${flags.timingSubset} instances of each set (the first repeat is the accuracy run); accuracy and validity over all instances, with 95% Wilson intervals.`,
    `Knobs (one table, lib/dllm/methods.ts): mdlm block ${DEFAULT_KNOBS.mdlmBlock}, tau ${DEFAULT_KNOBS.tau}, factor f ${DEFAULT_KNOBS.factor}, bd3 block ${models.bd3.config.blockSize} (its training block), apd W ${APD_SETTINGS.lookahead}, R ${APD_SETTINGS.mixtureWeight} (nfe counts dLLM + AR passes).`,
    `At genLength 256, ${[...SLOW_AT_256].join(', ')} decode only the first ${flags.slowSubset} stretch instances (each pass runs the whole 300-position canvas, up to 256 passes per instance); their accuracy is on that subset and their tok/s the median of ${flags.repeats} repeats on its first ${flags.slowTimingSubset}.`,
    'Times are from one run on this machine (wasm backend, one core): compare ratios within the run, not absolute numbers.',
  ];
  for (const n of [...notes, ...warnings]) console.log(`- ${n}`);
  const json = {
    when: new Date().toISOString(),
    backend: tf.getBackend(),
    machine: `Node ${process.version}, ${os.cpus().length} CPU cores`,
    quick: flags.quick,
    answers: flags.answers,
    models: { ar: loaded.ar.source, mdlm: loaded.mdlm.source, bd3: loaded.bd3.source },
    sets: sets.map((s: BenchSet) => ({ name: s.name, answers: s.answers, genLength: s.genLength, instances: s.items.length, seed: s.seed })),
    rows,
    goals,
    forwardProfiles,
    profile: results.flatMap((r) => r.profiles),
    notes,
    warnings,
    totalSeconds: (performance.now() - startAll) / 1000,
  };
  const file = outputFile(flags);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(path.resolve(file), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwrote ${file} in ${json.totalSeconds.toFixed(0)} s`);
  mergeHalves(flags);
  if (file === 'bench-results/dllm.json' || (!flags.out && !flags.quick && flags.answers !== 'all' && fs.existsSync('bench-results/dllm.json'))) updateReadme();
  for (const m of Object.values(models)) m.dispose();
}

/** Rewrites the README's measured block from the (new) bench JSON; a unit test keeps the two equal. */
function updateReadme(): void {
  const readme = fs.readFileSync('README.md', 'utf8');
  const next = withReadmeMeasuredBlock(readme, loadFacts());
  if (next !== readme) {
    fs.writeFileSync('README.md', next);
    console.log('updated the measured block of README.md');
  }
}

/** When both halves exist (run on two cores at once), writes their union as bench-results/dllm.json. */
function mergeHalves(flags: BenchFlags): void {
  if (flags.out || flags.answers === 'all' || flags.quick) return;
  const halves = ['short', 'long'].map((a) => `bench-results/dllm.${a}.json`);
  if (!halves.every((f) => fs.existsSync(f))) return;
  const [short, long] = halves.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const rows = [...short.rows, ...long.rows];
  const merged = {
    ...short,
    when: [short.when, long.when].sort()[1],
    answers: 'all',
    sets: [...short.sets, ...long.sets],
    rows,
    goals: checkGoals(rows),
    profile: [...short.profile, ...long.profile],
    warnings: [...short.warnings, ...long.warnings],
    notes: [...short.notes, 'The short and long halves ran as two processes at once, one per core (npm run bench:dllm -- --answers short / long); every ratio compares rows of the same half.'],
    totalSeconds: Math.max(short.totalSeconds, long.totalSeconds),
  };
  fs.writeFileSync('bench-results/dllm.json', `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`merged ${halves.join(' + ')} into bench-results/dllm.json`);
}

export type { MethodId };
