/**
 * The lookup check (lib/training/lookup-check.ts): small AR models trained from scratch on cut-down
 * lookups, each row for a fixed number of steps, exact match on 300 fresh prompts every 250 steps.
 * Answers: is the lookup's failure a defect (then even the easiest variant fails) or learning that
 * does not start (then the variants that need matching fail, the others learn, and something in the
 * training, not the data, decides it)?
 *
 * Each finished row is written to bench-results/lookup-check.json at once; a rerun skips finished
 * rows (`--fresh` redoes them, `--only a,b` picks rows), and rewrites the table in docs/training.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@/lib/tensor/tf';
import { createRng } from '@/lib/math/rng';
import { encodeBatch } from '@/lib/data/text/corpus';
import { countParameters, defaultTransformerConfig } from '@/lib/models/transformer/config';
import { GPT2_INIT_STD, initTransformerWeights } from '@/lib/models/transformer/init';
import { createTransformer } from '@/lib/models/transformer/model';
import { createAdam } from '@/lib/training/adam';
import { greedyAnswers } from '@/lib/training/evaluate';
import { FULL_LOOKUP, guessingRate, lookupExample, type LookupVariant } from '@/lib/training/lookup-check';
import { defaultTrainerConfig, learningRateAt, lossOnTargets, lossTargets, stepSeed, trainingMask } from '@/lib/training/trainer';

const OUT = path.resolve('bench-results/lookup-check.json');
const DOC = path.resolve('docs/training.md');
const DOC_START = '<!-- lookup-check:start — written by npm run check:lookup from bench-results/lookup-check.json; do not edit by hand -->';
const DOC_END = '<!-- lookup-check:end -->';
const DEV_SEED = 930001;
const DATA_SEED = 8000;
const EVAL_COUNT = 300;
const EVAL_EVERY = 250;
const BATCH = 64;
const LR = 3e-3;
const WARMUP = 50;
const WIDE = 0.2;

interface CheckRow { id: string; /** Seeds the weight init (the data is the same for every row). */ seed: number; variant: LookupVariant; queryKeyStd: number; steps: number; why: string }

const twoPairs = (keyCount: number, question: LookupVariant['question']): LookupVariant => ({ keyCount, minPairs: 2, maxPairs: 2, question });

const SEEDS = [1, 2, 3];
const perSeed = (id: string, rest: Omit<CheckRow, 'id' | 'seed'>): CheckRow[] => SEEDS.map((seed) => ({ id: `${id}-s${seed}`, seed, ...rest }));

export const ROWS: CheckRow[] = [
  { id: 'first-value', seed: 1, variant: twoPairs(26, 'first-value'), queryKeyStd: GPT2_INIT_STD, steps: 500, why: 'no matching: the answer sits at a fixed place' },
  ...perSeed('is-first', { variant: twoPairs(4, 'is-first'), queryKeyStd: GPT2_INIT_STD, steps: 1500, why: 'only the matching: is the queried key the first? 4 keys, every token at a fixed place' }),
  ...perSeed('is-first-wide', { variant: twoPairs(4, 'is-first'), queryKeyStd: WIDE, steps: 1500, why: 'the same, query and key projections drawn 10x wider' }),
  { id: 'value-26keys-wide', seed: 1, variant: twoPairs(26, 'value'), queryKeyStd: WIDE, steps: 2500, why: 'the real question on two pairs of 26 keys at fixed places, wide' },
  ...perSeed('value-4keys-wide', { variant: twoPairs(4, 'value'), queryKeyStd: WIDE, steps: 2500, why: 'the real question with 4 keys at fixed places, wide: is it the key count or the copy of the value?' }),
  { id: 'full-wide', seed: 1, variant: FULL_LOOKUP, queryKeyStd: WIDE, steps: 4000, why: 'the real task (2-5 pairs of 26 keys), wide' },
];

interface Point { step: number; exact: number }
interface CheckResult extends CheckRow { parameters: number; curve: Point[]; final: number; firstStepAt95: number | null; guessing: number; wallSeconds: number }

async function runRow(row: CheckRow): Promise<CheckResult> {
  const base = defaultTrainerConfig('ar');
  const config = { ...base, lr: LR, warmupSteps: WARMUP, minLrRatio: 1 /* constant after warmup */, model: { ...defaultTransformerConfig('causal'), dModel: 64, nHeads: 4, nLayers: 2, dFF: 256, maxLen: 32 } };
  const model = createTransformer(config.model, initTransformerWeights(config.model, row.seed, { queryKeyStd: row.queryKeyStd }), { trainable: true });
  const adam = createAdam(model.variables, config.adam);
  const devRng = createRng(DEV_SEED);
  const dev = Array.from({ length: EVAL_COUNT }, () => lookupExample(row.variant, devRng));
  const mask = trainingMask(config, config.model.maxLen - 1);
  const curve: Point[] = [];
  const t0 = Date.now();
  try {
    for (let step = 0; step < row.steps; step++) {
      const rng = createRng(stepSeed(DATA_SEED, step));
      const batch = encodeBatch(Array.from({ length: BATCH }, () => lookupExample(row.variant, rng)), config.model.maxLen);
      const targets = lossTargets(config, batch, stepSeed(row.seed, step));
      const { value, grads } = tf.variableGrads(() => lossOnTargets(model, config, targets, mask), model.variables);
      await adam.apply(model.variables.map((v) => grads[v.name]), learningRateAt(config, step));
      const loss = (await value.data())[0];
      tf.dispose([value, ...Object.values(grads)]);
      if ((step + 1) % EVAL_EVERY === 0 || step + 1 === row.steps) {
        // Against each variant's own answer: scoreAnswers would re-solve the prompt as the real lookup.
        const answers = await greedyAnswers(model, dev, 2);
        const exact = answers.filter((a, i) => a === dev[i].answer).length / dev.length;
        curve.push({ step: step + 1, exact });
        process.stderr.write(`${row.id}: step ${step + 1} loss ${loss.toFixed(3)} exact ${exact.toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
      }
    }
  } finally {
    adam.dispose();
    model.dispose();
  }
  return {
    ...row,
    parameters: countParameters(config.model),
    curve,
    final: curve[curve.length - 1].exact,
    firstStepAt95: curve.find((p) => p.exact >= 0.95)?.step ?? null,
    guessing: guessingRate(row.variant, dev),
    wallSeconds: Math.round((Date.now() - t0) / 1000),
  };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

function table(rows: CheckResult[]): string {
  const lines = ['| run | init seed | keys | pairs | asked | q/k init std | steps | exact at the end | guessing scores | first step at ≥ 95% | why this row |', '|---|---|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const v = r.variant;
    lines.push(`| ${r.id} | ${r.seed} | ${v.keyCount} | ${v.minPairs === v.maxPairs ? v.minPairs : `${v.minPairs}-${v.maxPairs}`} | ${v.question} | ${r.queryKeyStd} | ${r.steps} | ${pct(r.final)} | ${pct(r.guessing)} | ${r.firstStepAt95 ?? 'never'} | ${r.why} |`);
  }
  return lines.join('\n');
}

function writeDoc(rows: CheckResult[], when: string): void {
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error('docs/training.md has no lookup-check block (the lookup-check:start / lookup-check:end markers)');
  const block = [
    DOC_START,
    `Measured ${when.slice(0, 10)} by \`npm run check:lookup\` (bench-results/lookup-check.json): AR models of 2 layers, width 64, 4 heads, trained from scratch on each variant alone (batches of ${BATCH}, lr ${LR} after ${WARMUP} warmup steps, AdamW as shipped), tfjs wasm in Node; greedy exact match on ${EVAL_COUNT} fresh prompts (seed ${DEV_SEED}) every ${EVAL_EVERY} steps.`,
    '',
    table(rows),
    DOC_END,
  ].join('\n');
  fs.writeFileSync(DOC, doc.slice(0, start) + block + doc.slice(end + DOC_END.length));
}

const readSaved = (): CheckResult[] => (fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')).rows : []);
const rowIndex = (id: string) => ROWS.findIndex((p) => p.id === id);

/** Rows of ROWS only, one per id (a later one replaces an earlier), in ROWS' order. */
function merged(results: CheckResult[]): CheckResult[] {
  const byId = new Map(results.filter((r) => rowIndex(r.id) >= 0).map((r) => [r.id, r] as const));
  return [...byId.values()].sort((a, b) => rowIndex(a.id) - rowIndex(b.id));
}

export async function main(argv: string[]): Promise<void> {
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
  const fresh = argv.includes('--fresh');
  setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
  let rows = merged(readSaved());
  // Decided once: rows finished on disk that are not being redone are skipped.
  const redo = (id: string) => fresh && (!only || only.includes(id));
  const toRun = ROWS.filter((row) => (!only || only.includes(row.id)) && (redo(row.id) || !rows.some((r) => r.id === row.id)));
  for (const row of toRun) {
    const done = await runRow(row);
    // Merged with what is on disk now: two checks may run at once (one per core, --only splits the rows).
    rows = merged([...rows, ...readSaved(), done]);
    fs.writeFileSync(OUT, JSON.stringify({
      when: new Date().toISOString(),
      what: 'AR models trained from scratch on cut-down lookups (lib/training/lookup-check.ts); greedy exact match on fresh prompts during training',
      machine: `Node ${process.version}, ${os.cpus().length} cores, tfjs wasm (${process.env.MARBLE_TRAIN_MACHINE_NOTE ?? 'shared with other work'})`,
      devSeed: DEV_SEED,
      dataSeed: DATA_SEED,
      rows,
    }, null, 2) + '\n');
    console.log(table(rows));
  }
  // Dated by the last measurement, not by this run (a run with nothing left to do measures nothing).
  if (rows.length > 0) writeDoc(rows, JSON.parse(fs.readFileSync(OUT, 'utf8')).when);
  console.log(`tensors left: ${tf.memory().numTensors}`);
}
