// First-load JavaScript per route: the scripts each pre-rendered page loads before anything else,
// raw and gzip; then, per lesson in Chromium (scripts/bench-web-runtime.mjs), the time to the first
// drawn figure on the backend the site chose and the longest main-thread task while the page's
// default widgets run. Goals: lesson pages at most 150 KB gzip with no tfjs or model code in the
// first load, first figure within 3 s, no main-thread task over 100 ms.
// Builds first unless --no-build; --no-runtime skips the browser part; --repeats N measures the
// lessons N times (default 3: this machine is shared, so one run's longest task can be another job's
// doing) and reports each lesson's medians, with every run's values; --out FILE writes the JSON
// somewhere else than bench-results/web.json. MARBLE_DIST_DIR and MARBLE_BENCH_PORT move the build
// and the server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureLessons } from './bench-web-runtime.mjs';

const GOAL_GZIP_KB = 150;
const GOAL_FIRST_FIGURE_MS = 3000;
// Issue 11's goal: no main-thread task over 100 ms while models run, i.e. in the reading phase, when
// the figures load and run. The load's own longest task (no model runs yet) is printed beside it.
const GOAL_LONGEST_TASK_MS = 100;
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : 'bench-results/web.json';
const repeatsIndex = process.argv.indexOf('--repeats');
const REPEATS = repeatsIndex > 0 ? Number(process.argv[repeatsIndex + 1]) : 3;
if (!Number.isInteger(REPEATS) || REPEATS < 1) throw new Error(`--repeats needs a positive integer, got ${process.argv[repeatsIndex + 1]}`);
// Strings only tfjs contains: finding one in a first-load script means tfjs is loaded eagerly.
const TFJS_MARKERS = ['Cannot evaluate flag', 'WEBGL_VERSION', 'WASM_HAS_SIMD_SUPPORT'];

/** The middle value (the lower middle of an even count); null when no run measured it. */
function median(values) {
  const known = values.filter((v) => v !== null).sort((a, b) => a - b);
  return known.length === 0 ? null : known[Math.floor((known.length - 1) / 2)];
}

/** What each run keeps per lesson (the JSON's `runs`). */
const RUN_FIELDS = ['firstFigureMs', 'longestTaskMs', 'longestLoadTaskMs', 'longestReadingTaskMs', 'longTasks', 'backend'];
/** The timings a lesson's row gives as the median over the runs. */
const MEDIAN_FIELDS = ['firstFigureMs', 'longestTaskMs', 'longestLoadTaskMs', 'longestReadingTaskMs', 'loadMs', 'longTasks'];

/** One row per lesson: each timing the median over the runs, every run's values kept beside it. */
function medianRows(runs) {
  return runs[0].map((first) => {
    const same = runs.map((run) => run.find((r) => r.route === first.route));
    return {
      ...first,
      ...Object.fromEntries(MEDIAN_FIELDS.map((field) => [field, median(same.map((r) => r[field]))])),
      runs: same.map((r) => Object.fromEntries(RUN_FIELDS.map((field) => [field, r[field]]))),
    };
  });
}

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const distDir = process.env.MARBLE_DIST_DIR ?? '.next';
const appDir = `${distDir}/server/app`;
function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

const rows = [];
for (const file of htmlFiles(appDir).sort()) {
  const route = '/' + path.relative(appDir, file).replace(/\.html$/, '').replace(/^index$/, '');
  if (route.startsWith('/_global-error')) continue;
  const html = readFileSync(file, 'utf8');
  // noModule scripts are polyfills that only browsers without ES modules download.
  const tags = [...html.matchAll(/<script[^>]+>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const scripts = [...new Set(tags.map((tag) => /src="\/_next\/([^"]+)"/.exec(tag)?.[1]).filter(Boolean))];
  let raw = 0;
  let gzip = 0;
  let tfjs = false;
  for (const script of scripts) {
    const bytes = readFileSync(path.join(distDir, script.split('?')[0]));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    const text = bytes.toString('utf8');
    if (TFJS_MARKERS.some((marker) => text.includes(marker))) tfjs = true;
  }
  rows.push({ route, scripts: scripts.length, rawKB: raw / 1024, gzipKB: gzip / 1024, tfjsInFirstLoad: tfjs, withinGoal: gzip / 1024 <= GOAL_GZIP_KB });
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('route', 28)}${pad('scripts', 9)}${pad('raw KB', 10)}${pad('gzip KB', 10)}${pad('tfjs?', 7)}goal ≤ ${GOAL_GZIP_KB} KB gzip`);
for (const r of rows) {
  console.log(`${pad(r.route, 28)}${pad(r.scripts, 9)}${pad(r.rawKB.toFixed(1), 10)}${pad(r.gzipKB.toFixed(1), 10)}${pad(r.tfjsInFirstLoad ? 'YES' : 'no', 7)}${r.withinGoal ? 'ok' : 'OVER'}`);
}
let lessons = [];
// The course map each run opens first, as a reader arrives, and the longest task of each.
let arrival = null;
if (!process.argv.includes('--no-runtime')) {
  const lessonRows = rows.filter((r) => /^\/lessons\/[^/]+$/.test(r.route));
  const runs = [];
  const arrivals = [];
  for (let i = 0; i < REPEATS; i++) {
    const measured = await measureLessons(lessonRows.map((r) => r.route), { distDir, port: Number(process.env.MARBLE_BENCH_PORT ?? 3190) });
    runs.push(measured.rows);
    arrivals.push(measured.arrival);
  }
  arrival = { route: '/', note: "the browser's first page, before the lessons (not a lesson, no goal)", longestTaskMs: arrivals.map((a) => a?.longestTaskMs ?? null) };
  lessons = medianRows(runs).map((m) => {
    const first = lessonRows.find((r) => r.route === m.route);
    return {
      ...m,
      firstLoadGzipKB: first.gzipKB,
      withinGoals: first.gzipKB <= GOAL_GZIP_KB && m.firstFigureMs !== null && m.firstFigureMs <= GOAL_FIRST_FIGURE_MS && m.longestReadingTaskMs <= GOAL_LONGEST_TASK_MS,
    };
  });
  const ms = (v) => (v === null ? '—' : `${Math.round(v)}`);
  console.log(`\nmedians of ${REPEATS} runs (every run's values: the JSON's runs)`);
  console.log(`${pad('lesson', 28)}${pad('first load KB gz', 18)}${pad('first figure ms', 17)}${pad('longest task ms', 17)}${pad('at load / reading', 19)}${pad('long tasks', 12)}${pad('backend', 10)}goals (≤ ${GOAL_GZIP_KB} KB, ≤ ${GOAL_FIRST_FIGURE_MS} ms, reading ≤ ${GOAL_LONGEST_TASK_MS} ms)`);
  for (const r of lessons) {
    console.log(`${pad(r.route, 28)}${pad(r.firstLoadGzipKB.toFixed(1), 18)}${pad(ms(r.firstFigureMs), 17)}${pad(ms(r.longestTaskMs), 17)}${pad(`${ms(r.longestLoadTaskMs)} / ${ms(r.longestReadingTaskMs)}`, 19)}${pad(r.longTasks, 12)}${pad(r.backend ?? '—', 10)}${r.withinGoals ? 'ok' : 'MISSED'}`);
  }
  console.log(`(the course map, opened first in each run: longest task ${arrival.longestTaskMs.join(', ')} ms; a fresh browser's first page pays its start)`);
}

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({
  goals: { firstLoadGzipKB: GOAL_GZIP_KB, firstFigureMs: GOAL_FIRST_FIGURE_MS, longestReadingTaskMs: GOAL_LONGEST_TASK_MS },
  when: new Date().toISOString(),
  repeats: REPEATS,
  rows,
  arrival,
  lessons,
}, null, 2) + '\n');
console.log(`\nwritten to ${outFile}`);
if (!existsSync(`${distDir}/BUILD_ID`)) console.warn('warning: no .next/BUILD_ID; was the build complete?');
