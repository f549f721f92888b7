/**
 * The goals the benchmark checks (issue 16), each as measured value against target, and by how much
 * a missed one falls short. "Best diffusion method" = among the cached + parallel methods
 * (FAST_METHOD_IDS), the fastest within the accuracy tolerance of the AR twin on the same instances,
 * else the most accurate.
 */
import { FAST_METHOD_IDS } from '@/lib/dllm/methods';
import type { BenchRow } from './bench-dllm-run';

export interface GoalCheck {
  goal: string;
  met: boolean;
  value: number;
  target: number;
  /** 'min': value must be >= target; 'max': <= target. */
  direction: 'min' | 'max';
  method: string;
}

export interface GoalReport { checks: GoalCheck[]; metAll: boolean }

const ACCURACY_TOLERANCE_POINTS = 2;

function check(goal: string, method: string, value: number, target: number, direction: 'min' | 'max' = 'min'): GoalCheck {
  const met = direction === 'min' ? value >= target - 1e-9 : value <= target + 1e-9;
  return { goal, met, value, target, direction, method };
}

/**
 * Accuracy parity with the AR twin. Where the twin itself gets nothing right, parity shows nothing
 * (0 = 0), so the goal is not met and says why.
 */
function parity(goal: string, best: BenchRow, reference: BenchRow): GoalCheck {
  const [mine, theirs] = [best.accuracy!.rate, reference.accuracy!.rate];
  const result = check(goal, best.method, 100 * (mine - theirs), -ACCURACY_TOLERANCE_POINTS);
  return theirs > 0 ? result : { ...result, goal: `${goal}; not met: the AR twin scores 0 here, so parity shows nothing`, met: false };
}

/** The fast method the goals are judged on, for one set. */
function bestFast(rows: BenchRow[], reference: BenchRow): BenchRow | undefined {
  const score = (r: BenchRow) => (r.accuracy ?? r.storyValidity)?.rate ?? 0;
  const fast = rows.filter((r) => (FAST_METHOD_IDS as string[]).includes(r.method));
  const within = fast.filter((r) => 100 * (score(r) - score(reference)) >= -ACCURACY_TOLERANCE_POINTS - 1e-9);
  if (within.length) return within.sort((a, b) => b.tokensPerSecond - a.tokensPerSecond)[0];
  return fast.sort((a, b) => score(b) - score(a) || b.tokensPerSecond - a.tokensPerSecond)[0];
}

export function checkGoals(rows: BenchRow[]): GoalReport {
  const checks: GoalCheck[] = [];
  const of = (set: string) => rows.filter((r) => r.set === set);
  const tasks = of('tasks');
  const arTasks = tasks.find((r) => r.method === 'ar-kv');
  if (arTasks?.accuracy) {
    checks.push(check('short: AR twin exact match overall >= 0.90', 'ar-kv', arTasks.accuracy.rate, 0.9));
    for (const [task, p] of Object.entries(arTasks.byTask ?? {})) checks.push(check(`short: AR twin exact match on ${task} >= 0.80`, 'ar-kv', p.rate, 0.8));
    const best = bestFast(tasks, arTasks);
    if (best?.accuracy) checks.push(parity(`short: best cached + parallel diffusion method within ${ACCURACY_TOLERANCE_POINTS} points of the AR twin (points)`, best, arTasks));
  }
  const stories = of('stories');
  const arStories = stories.find((r) => r.method === 'ar-kv');
  if (arStories?.storyValidity) {
    checks.push(check('short: AR twin story validity >= 0.95', 'ar-kv', arStories.storyValidity.rate, 0.95));
    const best = bestFast(stories, arStories);
    if (best?.storyValidity) checks.push(check('short: best cached + parallel diffusion story validity >= 0.90', best.method, best.storyValidity.rate, 0.9));
  }
  /** A speed goal met by a method that gets no answer right shows nothing: fast wrong answers are not a win. */
  const speed = (c: GoalCheck, best: BenchRow) => (c.met && best.accuracy && best.accuracy.rate === 0
    ? { ...c, goal: `${c.goal}; not met: its answers are all wrong, so speed shows nothing`, met: false }
    : c);
  for (const set of ['copy', 'stretch']) {
    const setRows = of(set);
    const ar = setRows.find((r) => r.method === 'ar-kv');
    if (!ar?.accuracy) continue;
    const best = bestFast(setRows, ar);
    if (!best?.accuracy) continue;
    const g = ar.genLength;
    checks.push(parity(`long ${set} @${g}: within ${ACCURACY_TOLERANCE_POINTS} points of the AR twin (points)`, best, ar));
    checks.push(speed(check(`long ${set} @${g}: answer tokens per pass >= 3`, best.method, best.tokensPerForward, 3), best));
    checks.push(speed(check(`long ${set} @${g}: tok/s vs ar-kv >= ${g > 64 ? 3 : 2}x`, best.method, best.tokensPerSecond / ar.tokensPerSecond, g > 64 ? 3 : 2), best));
    const vanilla = setRows.find((r) => r.method === 'mdlm-vanilla');
    if (g > 64 && vanilla) checks.push(speed(check(`long ${set} @${g}: tok/s vs mdlm-vanilla >= 10x`, best.method, best.tokensPerSecond / vanilla.tokensPerSecond, 10), best));
  }
  return { checks, metAll: checks.length > 0 && checks.every((c) => c.met) };
}

export function formatGoals(report: GoalReport): string {
  const lines = report.checks.map((c) => {
    const value = Math.abs(c.value) < 10 ? c.value.toFixed(2) : c.value.toFixed(1);
    const by = Math.abs(c.target - c.value);
    return `- ${c.met ? 'met   ' : 'MISSED'} ${c.goal}: ${value} (${c.method})${c.met ? '' : `, short by ${by < 10 ? by.toFixed(2) : by.toFixed(1)}`}`;
  });
  return `goals (${report.checks.filter((c) => c.met).length} of ${report.checks.length} met):\n${lines.join('\n')}`;
}
