/**
 * The recipe sweeps: models trained from scratch on one short-task family alone (data-sized
 * canvases), each for the same wall-clock budget on one core, then scored by exact match and by
 * characters right on development seeds (920001, never the bench's).
 * - `--family add` (default): addition, which every shipped model failed (AR twin included) before
 *   v7. Masked-diffusion models of 0.4-2.4M parameters: width and depth at the shipped learning
 *   rate, the learning rate at the shipped shape, and the shipped shape at twice the budget. (A
 *   first try on all four short tasks at 4 minutes a run left every row at 0% exact match.)
 * - `--family kv`: lookup, which no shipped model has learned (v7: AR twin 52%, near naming a
 *   listed value at random). Can the shipped shapes learn it at all, given all their data on it?
 *
 * Each finished row is written to the family's JSON at once; a rerun skips finished rows
 * (`--fresh` redoes them), so a killed sweep resumes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { generateExamples } from '@/lib/data/text/corpus';
import { countParameters } from '@/lib/models/transformer/config';
import { createTransformer } from '@/lib/models/transformer/model';
import { greedyAnswers, lowConfidenceAnswers, scoreAnswers, type AccuracyReport } from '@/lib/training/evaluate';
import { defaultTrainerConfig, train, type Objective } from '@/lib/training/trainer';
import type { ShortTaskName } from '@/lib/data/text/tasks';
import { bucketExamples, type DataRecipe, type LengthBucket } from '@/lib/training/recipe';
import { proportion } from '@/lib/metrics/proportion-interval';
import { FULL_LOOKUP, guessingRate } from '@/lib/training/lookup-check';

const DEV_SEED = 920001;
const DATA_SEED = 7000;
/** One family alone, on data-sized canvases, at the task stage's token budget per step. */
const familyRecipe = (family: ShortTaskName, format?: LengthBucket['format']): DataRecipe => ({ round: 8, buckets: [{ name: family, share: 1, mix: { [family]: 1 }, canvas: 'fit', tokens: 2048, format }] });

/** `objective` absent: masked diffusion (the addition sweep's rows predate the field). */
interface SweepPoint { id: string; objective?: Objective; format?: LengthBucket['format']; dModel: number; nLayers: number; nHeads: number; lr: number; budgetMultiple: number; why: string }

export const ADD_SWEEP: SweepPoint[] = [
  { id: 'd128-l3-lr3e-3', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'the shipped shape and pretraining lr' },
  { id: 'd128-l3-lr1e-3', dModel: 128, nLayers: 3, nHeads: 4, lr: 1e-3, budgetMultiple: 1, why: 'the task stages\' lr' },
  { id: 'd128-l3-lr1e-2', dModel: 128, nLayers: 3, nHeads: 4, lr: 1e-2, budgetMultiple: 1, why: 'a higher lr' },
  { id: 'd128-l2-lr3e-3', dModel: 128, nLayers: 2, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'shallower: more steps per minute' },
  { id: 'd128-l6-lr3e-3', dModel: 128, nLayers: 6, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'deeper: carries and lookups need more hops?' },
  { id: 'd192-l4-lr3e-3', dModel: 192, nLayers: 4, nHeads: 6, lr: 3e-3, budgetMultiple: 1, why: 'wider and deeper' },
  { id: 'd256-l3-lr1e-3', dModel: 256, nLayers: 3, nHeads: 8, lr: 1e-3, budgetMultiple: 1, why: 'widest (2.4M)' },
  { id: 'd128-l3-lr3e-3-x2', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 2, why: 'the shipped shape, twice the steps' },
];

export const KV_SWEEP: SweepPoint[] = [
  { id: 'ar-d128-l3', objective: 'ar', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'the AR twin\'s shape, all its data on lookup' },
  { id: 'mdlm-d128-l3', objective: 'mdlm', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'the masked models\' shape' },
  { id: 'ar-d128-l2', objective: 'ar', dModel: 128, nLayers: 2, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'two layers: the fewest a find-then-copy lookup needs' },
  { id: 'ar-d128-l3-x2', objective: 'ar', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 2, why: 'the twin\'s shape, twice the steps' },
  { id: 'ar-d128-l3-query-first', objective: 'ar', format: 'lookup-query-first', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'the query before the pairs (`kv?b:a=3,b=5>`): one hop' },
  { id: 'ar-d128-l3-x5', objective: 'ar', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 5, why: 'the twin\'s shape, five times the steps: does lookup form at all?' },
  { id: 'mdlm-d128-l3-query-first', objective: 'mdlm', format: 'lookup-query-first', dModel: 128, nLayers: 3, nHeads: 4, lr: 3e-3, budgetMultiple: 1, why: 'the masked shape, query first' },
];

interface Family { name: ShortTaskName; points: SweepPoint[]; out: string; marker: string; defaultMinutes: number; what: string }

const FAMILIES: Record<'add' | 'kv', Family> = {
  add: { name: 'add', points: ADD_SWEEP, out: 'bench-results/sweep.json', marker: 'sweep', defaultMinutes: 4, what: 'masked-diffusion (MDLM objective) models trained from scratch on addition alone for a fixed wall-clock budget each; exact match and characters right on development seeds, low-confidence unmasking one token per step' },
  kv: { name: 'kv', points: KV_SWEEP, out: 'bench-results/sweep-kv.json', marker: 'sweep-kv', defaultMinutes: 6, what: 'AR and masked-diffusion models trained from scratch on lookup (kv) alone for a fixed wall-clock budget each; exact match on development seeds, greedy (AR) or low-confidence unmasking one token per step (masked)' },
};

interface SweepRow extends SweepPoint {
  parameters: number;
  steps: number;
  wallSeconds: number;
  heldoutLoss: number;
  exact: AccuracyReport;
  overallCi95: [number, number];
  /** Mean share of answer characters right (position by position). */
  charAccuracy: number;
}

function flags(argv: string[]) {
  const get = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const familyName = get('--family') ?? 'add';
  if (familyName !== 'add' && familyName !== 'kv') throw new Error(`--family must be add or kv, got ${familyName}`);
  const family = FAMILIES[familyName];
  const minutes = Number(get('--minutes') ?? family.defaultMinutes);
  if (!(minutes > 0)) throw new Error(`--minutes must be positive, got ${get('--minutes')}`);
  return { family, minutes, only: get('--only')?.split(','), evalCount: Number(get('--n') ?? 200), fresh: argv.includes('--fresh'), out: path.resolve(get('--out') ?? family.out) };
}

async function runPoint(p: SweepPoint, family: ShortTaskName, minutes: number, evalCount: number): Promise<SweepRow> {
  const objective = p.objective ?? 'mdlm';
  const base = defaultTrainerConfig(objective).model;
  const model = { ...base, dModel: p.dModel, nLayers: p.nLayers, nHeads: p.nHeads, dFF: 4 * p.dModel };
  const budget = minutes * p.budgetMultiple * 60;
  const recipe = familyRecipe(family, p.format);
  const config = defaultTrainerConfig(objective, { model, lr: p.lr, steps: 100_000, dataSeed: DATA_SEED, recipe });
  const t0 = Date.now();
  let calibration = Date.now();
  const result = await train(config, {
    // Time steps 5..20, then fix the cosine schedule's length to fill the budget (as --budget-minutes does).
    decideSteps: (done) => {
      if (done === 5) calibration = Date.now();
      if (done !== 20) return null;
      const perStep = (Date.now() - calibration) / 15 / 1000;
      return Math.max(config.warmupSteps, Math.floor((budget - (Date.now() - t0) / 1000) / perStep) + 20);
    },
    onStep: ({ step, loss }) => process.stderr.write(`\r${p.id}: step ${step} loss ${loss.toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(0)}s   `),
  });
  const wallSeconds = (Date.now() - t0) / 1000;
  const examples = bucketExamples(recipe.buckets[0], { seed: DEV_SEED, count: evalCount, split: 'heldout' });
  const trained = createTransformer(result.config.model, result.weights);
  let exact: AccuracyReport;
  let charAccuracy = 0;
  try {
    const answers = objective === 'ar' ? await greedyAnswers(trained, examples, 12) : await lowConfidenceAnswers(trained, examples, 12);
    exact = scoreAnswers(examples, answers);
    examples.forEach((e, i) => {
      let right = 0;
      for (let c = 0; c < e.answer.length; c++) right += answers[i][c] === e.answer[c] ? 1 : 0;
      charAccuracy += right / e.answer.length / examples.length;
    });
  } finally {
    trained.dispose();
  }
  const successes = Math.round(exact.overall * exact.count);
  process.stderr.write('\n');
  return { ...p, parameters: countParameters(model), steps: result.steps, wallSeconds: Math.round(wallSeconds), heldoutLoss: result.heldoutLoss, exact, overallCi95: proportion(successes, exact.count).ci95, charAccuracy };
}

function table(rows: SweepRow[], family: ShortTaskName): string {
  const pct = (x: number | undefined) => (x === undefined ? '-' : `${Math.round(100 * x)}%`);
  const lines = [`| run | params | lr | steps | wall s | held-out loss | ${family} exact (95% CI) | characters right | why this row |`, '|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.id} | ${(r.parameters / 1e6).toFixed(2)}M | ${r.lr} | ${r.steps} | ${r.wallSeconds} | ${r.heldoutLoss.toFixed(3)} | ${pct(r.exact.overall)} (${pct(r.overallCi95[0])}-${pct(r.overallCi95[1])}) | ${pct(r.charAccuracy)} | ${r.why} |`);
  }
  return lines.join('\n');
}

/** Expected exact match of naming one of a lookup prompt's listed values at random, on the development instances. */
function lookupGuessRate(count: number): number {
  return guessingRate(FULL_LOOKUP, generateExamples({ seed: DEV_SEED, count, split: 'heldout', mix: { kv: 1 } }));
}

const DOC = path.resolve('docs/training.md');

/** Rewrites the family's sweep block of docs/training.md (between its markers) from the rows. */
function writeDocTable(family: Family, rows: SweepRow[], minutes: number, when: string): void {
  const DOC_START = `<!-- ${family.marker}:start — written by npm run sweep:recipe${family.name === 'add' ? '' : ` -- --family ${family.name}`} from ${family.out}; do not edit by hand -->`;
  const DOC_END = `<!-- ${family.marker}:end -->`;
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/training.md has no ${family.marker} block (the ${family.marker}:start / ${family.marker}:end markers)`);
  const decoding = family.name === 'add' ? 'low-confidence unmasking one token per step' : 'greedy decoding (AR) or low-confidence unmasking one token per step (masked)';
  const baseline = family.name === 'kv' ? ` Naming one of the prompt's listed values at random scores ${(100 * lookupGuessRate(rows[0]?.exact.count ?? 0)).toFixed(1)}% on these instances.` : '';
  const block = [
    DOC_START,
    `Measured ${when.slice(0, 10)} by \`npm run sweep:recipe${family.name === 'add' ? '' : ` -- --family ${family.name}`}\` (${family.out}): ${minutes} minutes of one core per run (x2: twice that), tfjs wasm in Node; exact match on ${rows[0]?.exact.count ?? 0} development ${family.name} instances (seed ${DEV_SEED}), ${decoding}.${baseline}`,
    '',
    table(rows, family.name),
    DOC_END,
  ].join('\n');
  fs.writeFileSync(DOC, doc.slice(0, start) + block + doc.slice(end + DOC_END.length));
}

export async function main(argv: string[]): Promise<void> {
  const f = flags(argv);
  setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  const saved = fs.existsSync(f.out) ? JSON.parse(fs.readFileSync(f.out, 'utf8')) : null;
  const rows: SweepRow[] = saved && saved.minutes === f.minutes && !f.fresh ? saved.rows : [];
  const write = () => fs.writeFileSync(f.out, JSON.stringify({
    when: new Date().toISOString(),
    what: f.family.what,
    minutes: f.minutes,
    machine: `Node ${process.version}, ${os.cpus().length} cores, tfjs wasm, one run at a time (${process.env.MARBLE_TRAIN_MACHINE_NOTE ?? 'shared with other work'})`,
    devSeed: DEV_SEED,
    dataSeed: DATA_SEED,
    recipe: familyRecipe(f.family.name),
    rows,
  }, null, 2) + '\n');
  for (const point of f.family.points) {
    if (f.only && !f.only.includes(point.id)) continue;
    if (rows.some((r) => r.id === point.id)) continue;
    rows.push(await runPoint(point, f.family.name, f.minutes, f.evalCount));
    write();
    console.log(table(rows, f.family.name));
  }
  console.log(table(rows, f.family.name));
  if (rows.length > 0 && f.out === path.resolve(f.family.out)) writeDocTable(f.family, rows, f.minutes, new Date().toISOString());
  console.log(`tensors left: ${tf.memory().numTensors}`);
}
