/**
 * Decodes one instance set with every method: accuracy (or story validity) over all instances with a
 * 95% interval, passes and answer tokens per pass, and tokens per second as the median of timed
 * repeats on the first instances. Instances outer, methods inner: load changes on a shared machine
 * hit every method alike.
 */
import { VOCAB } from '@/lib/data/text/tokenizer';
import { checkStory, scoreTaskAnswer } from '@/lib/data/text/validator';
import { solveTask } from '@/lib/data/text/tasks';
import { answerTokens, DEFAULT_KNOBS, METHODS, type MethodId, type MethodModels } from '@/lib/dllm/methods';
import { runDecoder, type SpecialIds } from '@/lib/dllm/types';
import { proportion, type Proportion } from '@/lib/metrics/proportion-interval';
import type { BenchSet } from './bench-dllm-sets';
import { emptyCounts, type ForwardCounts, type ForwardTimer } from './bench-dllm-timer';

/** One-token, uncached (or cache-only) methods whose 256 passes per instance limit them to a subset at 256. */
export const SLOW_AT_256 = new Set<MethodId>(['mdlm-vanilla', 'mdlm-dual-cache', 'bd3-nocache', 'mdlm-threshold', 'apd']);

export interface BenchRow {
  method: MethodId;
  set: BenchSet['name'];
  answers: BenchSet['answers'];
  genLength: number;
  blockSize: number | null;
  instances: number;
  accuracy: Proportion | null;
  byTask: Record<string, Proportion> | null;
  storyValidity: Proportion | null;
  /** Mean forward passes per instance. */
  nfe: number;
  tokensPerForward: number;
  /** Median over the timed repeats. */
  tokensPerSecond: number;
  tokensPerSecondRepeats: number[];
  timedInstances: number;
  agreeWithUncached: number | null;
  msPerForward: number;
}

export interface SetRows { rows: BenchRow[]; profiles: Record<string, unknown>[] }

interface Tally { counts: ForwardCounts; correct: number; byTask: Map<string, [number, number]>; valid: number; nfe: number; tokens: number; gens: (Int32Array | undefined)[]; agree: number; compared: number; repeatTokens: number[]; repeatMs: number[] }

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

export async function runSet(set: BenchSet, methodIds: readonly MethodId[], models: MethodModels, ids: SpecialIds, flags: { slowSubset: number; slowTimingSubset: number; repeats: number; timingSubset: number }, timer: ForwardTimer): Promise<SetRows> {
  const slow = (id: MethodId) => set.genLength > 64 && SLOW_AT_256.has(id);
  const count = (id: MethodId) => (slow(id) ? Math.min(flags.slowSubset, set.items.length) : set.items.length);
  const active = methodIds.filter((id) => count(id) > 0);
  const tally = new Map<MethodId, Tally>(active.map((id) => [id, { counts: emptyCounts(), correct: 0, byTask: new Map(), valid: 0, nfe: 0, tokens: 0, gens: [], agree: 0, compared: 0, repeatTokens: Array(flags.repeats).fill(0), repeatMs: Array(flags.repeats).fill(0) }]));
  const timed = (id: MethodId) => Math.min(slow(id) ? flags.slowTimingSubset : flags.timingSubset, count(id));

  const decode = async (id: MethodId, index: number) => {
    const t0 = performance.now();
    const result = await runDecoder(METHODS[id].build(models, set.items[index].prompt, set.genLength, DEFAULT_KNOBS, ids));
    return { result, ms: performance.now() - t0 };
  };

  for (const [index, item] of set.items.entries()) {
    for (const id of active) {
      if (index >= count(id)) continue;
      const t = tally.get(id) as Tally;
      timer.current = t.counts;
      const { result, ms } = await decode(id, index);
      timer.current = null;
      const tokens = answerTokens(result);
      t.nfe += result.nfe;
      t.tokens += tokens;
      if (index < timed(id)) { t.repeatTokens[0] += tokens; t.repeatMs[0] += ms; }
      t.gens[index] = result.generated;
      const text = VOCAB.decode(result.generated);
      if (item.kind === 'task') {
        const ok = scoreTaskAnswer(item.example.prompt, text);
        t.correct += ok;
        const task = solveTask(item.example.prompt)?.task ?? 'unknown';
        const [c, n] = t.byTask.get(task) ?? [0, 0];
        t.byTask.set(task, [c + ok, n + 1]);
      } else {
        const check = checkStory(item.text + text);
        if (check.grammatical && check.consistent) t.valid++;
      }
      const ref = METHODS[id].reference;
      const refGen = ref ? tally.get(ref)?.gens[index] : undefined;
      if (refGen) {
        t.compared++;
        if (refGen.length === result.generated.length && refGen.every((v, j) => v === result.generated[j])) t.agree++;
      }
    }
    process.stdout.write(`\r${set.name} (genLength ${set.genLength}): instance ${index + 1}/${set.items.length}`);
  }
  // Timing repeats: the same first instances again (answers are deterministic, only time changes).
  for (let r = 1; r < flags.repeats; r++) {
    for (let index = 0; index < flags.timingSubset; index++) {
      for (const id of active) {
        if (index >= timed(id)) continue;
        const t = tally.get(id) as Tally;
        const { result, ms } = await decode(id, index);
        t.repeatTokens[r] += answerTokens(result);
        t.repeatMs[r] += ms;
      }
    }
  }
  console.log('');

  const rows: BenchRow[] = [];
  const profiles: Record<string, unknown>[] = [];
  for (const id of active) {
    const t = tally.get(id) as Tally;
    const n = count(id);
    const repeats = t.repeatTokens.map((tok, r) => (tok / t.repeatMs[r]) * 1000);
    rows.push({
      method: id,
      set: set.name,
      answers: set.answers,
      genLength: set.genLength,
      blockSize: METHODS[id].models[0] === 'bd3' ? (models.bd3?.config.blockSize ?? null) : METHODS[id].models[0] === 'mdlm' ? Math.min(DEFAULT_KNOBS.mdlmBlock, set.genLength) : null,
      instances: n,
      accuracy: set.items[0].kind === 'task' ? proportion(t.correct, n) : null,
      byTask: set.name === 'tasks' ? Object.fromEntries([...t.byTask].sort().map(([k, [c, m]]) => [k, proportion(c, m)])) : null,
      storyValidity: set.items[0].kind === 'story' ? proportion(t.valid, n) : null,
      nfe: t.nfe / n,
      tokensPerForward: t.tokens / t.nfe,
      tokensPerSecond: median(repeats),
      tokensPerSecondRepeats: repeats.map((x) => Math.round(x * 10) / 10),
      timedInstances: timed(id),
      agreeWithUncached: t.compared ? t.agree / t.compared : null,
      msPerForward: t.counts.totalMs / Math.max(1, t.counts.forwards),
    });
    profiles.push({
      method: id, set: set.name, genLength: set.genLength, forwards: t.counts.forwards, msPerForward: t.counts.totalMs / Math.max(1, t.counts.forwards),
      byShape: Object.fromEntries([...t.counts.byShape].sort((x, y) => y[1].count - x[1].count).slice(0, 6).map(([k, v]) => [k, { count: v.count, msPerForward: v.ms / v.count }])),
    });
  }
  printRows(set, rows);
  return { rows, profiles };
}

const pct = (p: Proportion | null) => (p ? `${(100 * p.rate).toFixed(1)} [${(100 * p.ci95[0]).toFixed(0)}, ${(100 * p.ci95[1]).toFixed(0)}]` : '-');

function printRows(set: BenchSet, rows: BenchRow[]): void {
  const arKv = rows.find((r) => r.method === 'ar-kv')?.tokensPerSecond ?? NaN;
  const vanilla = rows.find((r) => r.method === 'mdlm-vanilla')?.tokensPerSecond ?? NaN;
  const header = ['method', 'n', set.items[0].kind === 'task' ? 'accuracy % [95% CI]' : 'valid % [95% CI]', 'passes', 'tok/pass', 'tok/s', 'vs ar-kv', 'vs vanilla', 'agree'];
  const lines = rows.map((r) => [r.method, String(r.instances), pct(r.accuracy ?? r.storyValidity), r.nfe.toFixed(1), r.tokensPerForward.toFixed(2), r.tokensPerSecond.toFixed(1), `${(r.tokensPerSecond / arKv).toFixed(2)}x`, `${(r.tokensPerSecond / vanilla).toFixed(1)}x`, r.agreeWithUncached === null ? '-' : r.agreeWithUncached.toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${set.name}: ${set.answers} answers, genLength ${set.genLength}, ${set.items.length} held-out instances (seed ${set.seed})`);
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  const byTask = rows.filter((r) => r.byTask);
  for (const r of byTask) console.log(`  ${r.method.padEnd(28)} ${Object.entries(r.byTask ?? {}).map(([k, p]) => `${k} ${(100 * p.rate).toFixed(0)}%`).join(', ')}`);
}
