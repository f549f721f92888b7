// First-load JavaScript per route: the scripts each pre-rendered page loads before anything else,
// raw and gzip. Goal (issue 2): lesson pages at most 200 KB gzip, and no tfjs or model code in the
// first load. Builds first unless --no-build. Writes bench-results/web.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const GOAL_GZIP_KB = 200;
// Strings only tfjs contains: finding one in a first-load script means tfjs is loaded eagerly.
const TFJS_MARKERS = ['Cannot evaluate flag', 'WEBGL_VERSION', 'WASM_HAS_SIMD_SUPPORT'];

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
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/web.json', JSON.stringify({ goalGzipKB: GOAL_GZIP_KB, rows }, null, 2) + '\n');
console.log('\nwritten to bench-results/web.json');
if (!existsSync(`${distDir}/BUILD_ID`)) console.warn('warning: no .next/BUILD_ID; was the build complete?');
