// The reader's side of bench:web: per lesson, in Chromium, on the backend the site chooses, the time
// to the first live figure on screen (from navigation, or from scrolling to the first live figure, which loads
// only when the reader nears it), when the model backend was ready, and the longest main-thread task
// (PerformanceObserver 'longtask') from navigation until WATCH_MS after load, while the page's
// default widgets run; that longest task is also split into the page's load (tasks that start before
// the scroll to the first figure) and the reading after it, when the figures load and run. Chromium
// gets WebGPU (--enable-unsafe-webgpu): on a machine without a GPU that is a software adapter, as for
// a reader there.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const WATCH_MS = 10_000;
// MARBLE_BENCH_BACKEND=webgpu forces a backend (?backend=) on every page, e.g. to compare with
// the choice the site used to make (webgpu whenever it starts, even on a software adapter).
const FORCED = process.env.MARBLE_BENCH_BACKEND;

/**
 * Runs in the page before anything else: records long tasks and the first drawn figure. The first
 * figure is the lesson's first live figure (components/lesson/deferred-figure.tsx): a placeholder
 * until the reader nears it, then a [data-live-figure] wrapper. It counts as drawn when what the
 * wrapper holds is not the line shown while its code loads ([data-figure-loading]) and is laid out
 * with something in it.
 */
function instrument() {
  const w = window;
  w.__bench = { longTasks: [], firstFigure: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const drawn = () => {
    const first = document.querySelector('.lesson__body [data-testid="deferred-figure"], .lesson__body [data-live-figure]');
    const el = first?.matches('[data-live-figure]') ? first.firstElementChild : null;
    if (!el || el.matches('[data-figure-loading]')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 40 && box.height > 40 && (el.textContent.trim().length > 0 || el.querySelector('svg, canvas') !== null);
  };
  const check = () => {
    if (w.__bench.firstFigure === null && drawn()) w.__bench.firstFigure = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

async function waitForServer(baseUrl) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(baseUrl)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the site did not come up at ${baseUrl}`);
}

/**
 * Measures every lesson route; returns one row per lesson, and the longest task of the course map the
 * reader opened first. A fresh browser's first page pays the browser's own start (its font service's
 * first lookups, 40-60 ms more than the same page opened second, measured with the map and lesson 01
 * in either order): that belongs to no lesson, so the map takes it, as it does for a reader who
 * arrives there.
 */
export async function measureLessons(lessonRoutes, { distDir, port }) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'], detached: true, env: { ...process.env, MARBLE_DIST_DIR: distDir },
  });
  const stop = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } };
  process.on('exit', stop);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
  });
  const rows = [];
  let arrival = null;
  try {
    await waitForServer(baseUrl);
    // One reader: the first lesson decides the backend, later pages start on the remembered one.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(instrument);
    const map = await context.newPage();
    await map.goto(baseUrl + '/', { waitUntil: 'load' });
    await map.waitForTimeout(1000);
    arrival = { route: '/', longestTaskMs: Math.round(await map.evaluate(() => Math.max(0, ...window.__bench.longTasks.map((t) => t.duration)))) };
    await map.close();
    for (const route of lessonRoutes) {
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(baseUrl + route + (FORCED ? `?backend=${FORCED}` : ''), { waitUntil: 'load' });
      // Live figures load when the reader nears them: scroll to the first one as a reader would, and
      // time the figure from there (a figure already drawn above the fold counts from navigation).
      const scrolledAt = await page.evaluate(() => {
        const placeholder = document.querySelector('[data-testid="deferred-figure"]');
        if (!placeholder) return null;
        placeholder.scrollIntoView({ block: 'center' });
        return performance.now();
      });
      // Watch while the page's default widgets start and run.
      await page.waitForTimeout(WATCH_MS);
      const result = await page.evaluate((scrolled) => {
        const badge = document.querySelector('[data-testid="backend-badge"]');
        const nav = performance.getEntriesByType('navigation')[0];
        const first = window.__bench.firstFigure;
        const longest = (tasks) => Math.max(0, ...tasks.map((t) => t.duration));
        const split = scrolled ?? nav?.loadEventEnd ?? 0;
        const tasks = window.__bench.longTasks;
        return {
          firstFigureMs: first === null ? null : scrolled !== null && first > scrolled ? first - scrolled : first,
          firstFigureAfterScroll: first !== null && scrolled !== null && first > scrolled,
          longestTaskMs: longest(tasks),
          longestLoadTaskMs: longest(tasks.filter((t) => t.start < split)),
          longestReadingTaskMs: longest(tasks.filter((t) => t.start >= split)),
          longTasks: tasks.length,
          backend: badge?.getAttribute('data-backend') || badge?.getAttribute('data-status') || null,
          loadMs: nav ? nav.loadEventEnd : null,
        };
      }, scrolledAt);
      rows.push({ route, ...result, wallMs: Date.now() - started });
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    stop();
  }
  return { rows, arrival };
}
