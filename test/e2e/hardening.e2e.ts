/**
 * Issue 12's probes, in real Chromium against `next start`: a cell reaches no network and cannot
 * spy on later cells; output never freezes the page; a memory bomb is stopped; a full storage keeps
 * edits; headers per route; malformed addresses; live figures load only when needed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage, watchConsole } from './support/browser';
import { openCell, runAndWait, setCode } from './support/cells';
import { SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { TFJS_WASM_PATH } from '@/lib/tensor/wasm-files';
import { encodeNotebook } from '@/lib/notebook/share-url';
import { createNotebook } from '@/lib/notebook/notebook';

let browser: Browser;
let listener: Server;
let listenerUrl = '';
const hits: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // A local server a cell would love to reach: it answers everything, with CORS, and logs each request.
  listener = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Content-Type': req.url?.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
    res.end(req.url?.endsWith('.js') ? 'export const leaked = true;' : '');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  if (listener) await new Promise((resolve) => { listener.closeAllConnections(); listener.close(resolve); });
});


/** Long tasks (over 50 ms) on the page from now on, read back later. */
async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

describe('routes and headers', () => {
  it('malformed percent-encoding gets 400, an unknown lesson the 404 page, never 500', async () => {
    for (const path of ['/lessons/%ZZ', '/lessons/%C0%AE%C0%AE', '/embed/%ZZ', '/%E2%82']) {
      const response = await fetch(`${BASE_URL}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/^Bad request: the address has percent-encoding that does not decode/);
    }
    const missing = await fetch(`${BASE_URL}/lessons/no-such-lesson`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Nothing at this address');
  });

  it('sends a CSP, nosniff, framing rules and immutable caching per route, and no X-Powered-By', async () => {
    const get = async (path: string) => (await fetch(`${BASE_URL}${path}`)).headers;
    for (const path of ['/', '/lessons/welcome', '/playground', '/lab/dllm']) {
      const h = await get(path);
      expect(h.get('content-security-policy'), path).toMatch(/frame-ancestors 'self'/);
      // Lesson pages also allow 'unsafe-eval' (mdx-bundler evaluates the compiled lesson); no page names another origin.
      expect(h.get('content-security-policy'), path).toMatch(path.startsWith('/lessons/') ? /script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' 'unsafe-eval';/ : /script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval';/);
      expect(h.get('content-security-policy'), path).toMatch(/connect-src 'self'(;|$)/);
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('x-powered-by'), path).toBeNull();
    }
    const embed = await get('/embed/noise-explorer');
    expect(embed.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    for (const path of [`/models/ar/v${SHIPPED_LM_VERSION}/manifest.json`, `/models/ar/v${SHIPPED_LM_VERSION}/weights.bin`, `${TFJS_WASM_PATH}tfjs-backend-wasm.wasm`]) {
      expect((await get(path)).get('cache-control'), path).toBe('public, max-age=31536000, immutable');
    }
  });
});

describe('the cell sandbox', () => {
  it('import(), FontFace, fetch and importScripts to a local listener reach nothing, and the worker script has its own CSP', async () => {
    const { context, page } = await newPage(browser);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const cell = await openCell(page);
    hits.length = 0;
    await setCode(page, cell, [
      'const out: string[] = [];',
      `const at = ${JSON.stringify(listenerUrl)};`,
      'try { await import(at + "/evil.js"); out.push("import reached"); } catch (e) { out.push("import blocked"); }',
      'try { const f = new FontFace("x", `url(${at}/font.woff2)`); await f.load(); out.push("font reached"); } catch (e) { out.push("font blocked"); }',
      'try { await fetch(at + "/f"); out.push("fetch reached"); } catch (e) { out.push("fetch blocked"); }',
      'try { importScripts(at + "/s.js"); out.push("importScripts reached"); } catch (e) { out.push("importScripts blocked"); }',
      'show(out.join(", "));',
    ].join('\n'));
    await runAndWait(cell);
    expect(await cell.getByTestId('cell-output').textContent()).toContain('import blocked, font blocked, fetch blocked, importScripts blocked');
    await page.waitForTimeout(500);
    expect(hits).toEqual([]);
    const cellWorker = workers.find((u) => u.includes('cell')) ?? workers[0];
    expect(cellWorker, `workers: ${workers.join(', ')}`).toBeTruthy();
    const csp = (await fetch(cellWorker)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/font-src 'none'/);
    expect(csp).toMatch(/connect-src 'self'/);
    await context.close();
  });

  it('a cell that replaces show or listens to messages does not affect the next cell', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page);
    await setCode(page, cell, 'show = () => {};');
    await runAndWait(cell, 'error');
    expect(await cell.getByTestId('cell-error').textContent()).toContain('show is part of Marble\'s cell runtime and cannot be replaced');
    await setCode(page, cell, 'self.onmessage = () => {};');
    await runAndWait(cell, 'error');
    expect(await cell.getByTestId('cell-error').textContent()).toContain('onmessage is not available in Marble cells');
    await setCode(page, cell, [
      '(globalThis as any).spied = [];',
      'EventTarget.prototype.addEventListener.call(self, "message", (e: MessageEvent) => (globalThis as any).spied.push(JSON.stringify(e.data)));',
      'self.dispatchEvent(new MessageEvent("message", { data: { type: "run", runId: 999, cellId: "x", source: "show(\\"forged\\")", check: null } }));',
      'show("listening");',
    ].join('\n'));
    await runAndWait(cell);
    await setCode(page, cell, 'const secret = "the next cell";\nshow("second");');
    await runAndWait(cell);
    await setCode(page, cell, 'show(`spied ${(globalThis as any).spied.length}`);');
    await runAndWait(cell);
    const text = await cell.getByTestId('cell-output').textContent();
    expect(text).toContain('spied 0');
    expect(text).not.toContain('forged');
    expect(errors).toEqual([]);
    await context.close();
  });

  // The worker's own allocation budget (lib/notebook/allocation-budget.ts) stops it: the page-side
  // guard's measurement did not resolve in time while the worker spun in the loop.
  it('a memory bomb is stopped with a message before the tab dies, and the notebook stays usable', async () => {
    const { context, page } = await newPage(browser);
    const cell = await openCell(page);
    const crashed = { value: false };
    page.on('crash', () => { crashed.value = true; });
    await setCode(page, cell, 'const hoard: Float64Array[] = [];\nwhile (true) hoard.push(new Float64Array(4_000_000).fill(1));');
    const started = Date.now();
    await runAndWait(cell, 'error', 90_000);
    const seconds = (Date.now() - started) / 1000;
    expect(crashed.value).toBe(false);
    expect(await cell.getByTestId('cell-error').textContent()).toMatch(/MemoryError \(line \d+, column \d+\): the cell was stopped because it allocated more than 1\.0 GB of arrays without pausing/);
    console.log(`memory bomb stopped after ${seconds.toFixed(1)} s`);
    await setCode(page, cell, 'show("alive after the bomb")');
    await runAndWait(cell);
    expect(await cell.getByTestId('cell-output').textContent()).toContain('alive after the bomb');
    await context.close();
  });
});

describe('output that scales', () => {
  it('200 tables of 200 x 30 render with no main-thread task over 100 ms, and Stop works at once', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page);
    await setCode(page, cell, [
      'const rows = Array.from({ length: 200 }, (_, r) => Object.fromEntries(Array.from({ length: 30 }, (_, c) => [`c${c}`, r * c])));',
      'for (let i = 0; i < 200; i++) table(rows);',
      'await new Promise((r) => setTimeout(r, 1500));',
      'while (true) {}',
    ].join('\n'));
    const longTasks = await watchLongTasks(page);
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    const output = cell.getByTestId('cell-output');
    await expect.poll(() => output.getAttribute('data-outputs'), { timeout: 60_000 }).toBe('200');
    await expect.poll(() => output.getAttribute('data-shown'), { timeout: 20_000 }).toBe('40');
    // Read before pressing Stop: Playwright's role query runs in the page and walks every element of the
    // 40 tables (240-330 ms measured, its own checkVisibility calls), a task the reader never pays.
    const tasks = await longTasks();
    const stopAt = Date.now();
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 2_000, interval: 50 }).toBe('stopped');
    const stopMs = Date.now() - stopAt;
    console.log(`200 tables: longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.length} over 50 ms); Stop took ${stopMs} ms`);
    expect(Math.max(0, ...tasks)).toBeLessThan(100);
    expect(await cell.getByTestId('outputs-more').textContent()).toContain('Showing 40 of 200 outputs');
    expect(await cell.getByTestId('table-range').first().textContent()).toBe('Rows 1–10 of 200');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('50 scatter plots of 20 x 5000 points render with no task over 100 ms', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page);
    await setCode(page, cell, [
      'const xs = Array.from({ length: 5000 }, (_, i) => i);',
      'const series = Array.from({ length: 20 }, (_, s) => ({ x: xs, y: xs.map((x) => Math.sin(x / 50 + s)), label: `s${s}` }));',
      'for (let i = 0; i < 50; i++) plot(series, { kind: "scatter" });',
    ].join('\n'));
    const longTasks = await watchLongTasks(page);
    await runAndWait(cell);
    const output = cell.getByTestId('cell-output');
    await expect.poll(() => output.getAttribute('data-shown'), { timeout: 20_000 }).toBe('40');
    await cell.getByTestId('cell-plot').first().locator('path.nb-plot__points').first().waitFor();
    await page.waitForTimeout(1000);
    const tasks = await longTasks();
    console.log(`50 plots: longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.length} over 50 ms)`);
    expect(Math.max(0, ...tasks)).toBeLessThan(100);
    expect(await cell.getByTestId('cell-plot').first().textContent()).toMatch(/Drawn: an even sample; 96\d{3} of the points are not drawn/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('storage that holds', () => {
  it('a full quota keeps the edit in the tab, says so and offers the export; a 5 MB notebook stays quick to type in', async () => {
    const { context, page } = await newPage(browser, { eager: false }); // editors as a reader gets them
    await page.goto(`${BASE_URL}/playground`);
    await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-save-state')).toBe('saved');
    // ~5.0 MB of code in 27 cells (a cell holds at most 200,000 characters; an import at most 5 MB).
    // High-entropy text: the browser compresses what it stores, and repeated text would fit anyway.
    let state = 7;
    const noise = (n: number) => Array.from({ length: n }, () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return (state >>> 24).toString(16).padStart(2, '0'); }).join('');
    const chunk = () => Array.from({ length: 3_500 }, (_, j) => `const v${j} = "${noise(14)}"; // ${j}`).join('\n');
    const big = Array.from({ length: 27 }, (_, i) => `// %% cell ${i + 1}\n${chunk()}`).join('\n');
    expect(big.length).toBeGreaterThan(4_800_000);
    // A 1 MB quota: the store refuses a record over 1 MB as a full browser does (QuotaExceededError).
    // (Chromium's CDP Storage.overrideQuotaForOrigin did not make the write fail in this build.)
    await page.evaluate(() => {
      const quota = window as unknown as { __quotaBytes: number; __refused: number };
      quota.__quotaBytes = 1_000_000;
      quota.__refused = 0;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (JSON.stringify(value ?? null).length > quota.__quotaBytes) {
          quota.__refused++;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.call(this, value, key);
      };
    });
    await page.getByTestId('import-file').setInputFiles({ name: 'big.ts', mimeType: 'text/typescript', buffer: Buffer.from(big) });
    await page.getByText('Imported “big” from big.ts').waitFor();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-save-state'), { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId('save-failed').textContent()).toMatch(/Not saved: “big” could not be stored \(the browser’s storage for this site is full\)\. Your edits are kept in this tab/);
    expect(await page.getByTestId('save-failed').getByRole('button', { name: 'Export .ipynb now' }).count()).toBe(1);

    // Typing in the big notebook right after the import: only the cells near the screen get an
    // editor, so the reader's first keys do not queue behind 27 editors being created.
    const cells = page.locator('[data-testid="code-cell"]');
    const first = page.locator('[data-testid="code-cell"] .cm-content').first();
    await first.waitFor();
    await page.waitForTimeout(500);
    const editors = await cells.locator('.cm-editor').count();
    console.log(`after the import: ${editors} of ${await cells.count()} cells have an editor`);
    expect(editors).toBeLessThan(await cells.count());
    await first.click();
    await page.keyboard.press('ControlOrMeta+Home');
    // Each key's round trip (the browser acknowledges a key once the page has handled it), and their
    // median: one storage attempt that lands between two keys (this test makes every one fail after
    // serializing 5 MB) must not stand for the typing. Every key and the long tasks are logged.
    const longTasks = await watchLongTasks(page);
    const keyMs: number[] = [];
    for (const key of 'let typed = 1;') {
      const started = performance.now();
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      keyMs.push(performance.now() - started);
      await page.waitForTimeout(20);
    }
    const medianKey = [...keyMs].sort((a, b) => a - b)[Math.floor(keyMs.length / 2)];
    await page.waitForTimeout(300);
    const tasks = await longTasks();
    console.log(`typing in a ${(big.length / 1e6).toFixed(1)} MB notebook: median ${medianKey.toFixed(1)} ms per key (each: ${keyMs.map(Math.round).join(', ')}); long tasks ${JSON.stringify(tasks.map(Math.round))}`);
    expect(medianKey).toBeLessThan(50);
    // The edit is in the tab, and the notice stays until storage works again.
    expect(await first.textContent()).toContain('let typed = 1;');
    // The full quota blocks only the big notebook: an edit to another one is still saved.
    await page.getByTestId('notebook-list').getByRole('button').first().click();
    const other = page.locator('[data-testid="code-cell"] .cm-content').first();
    await other.click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText('// small edit\n');
    const savedSources = () => page.evaluate(() => new Promise<string>((resolve, reject) => {
      const open = indexedDB.open('marble-notebooks');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('notebooks').objectStore('notebooks').getAll();
        all.onsuccess = () => { open.result.close(); resolve(JSON.stringify(all.result.map((n: { cells: { source: string }[] }) => n.cells.map((c) => c.source.slice(0, 40))))); };
      };
    }));
    await expect.poll(savedSources, { timeout: 10_000 }).toContain('// small edit');
    // Opening it again saves again, and that save is refused too; only then is there room again
    // (lifted earlier, that save would succeed by itself and take the Try again button with it).
    const refused = () => page.evaluate(() => (window as unknown as { __refused: number }).__refused);
    const refusedBefore = await refused();
    await page.getByTestId('notebook-list').getByRole('button', { name: 'big' }).click();
    await expect.poll(refused, { timeout: 10_000 }).toBeGreaterThan(refusedBefore);
    expect(await page.getByTestId('save-status').getAttribute('data-save-state')).toBe('failed');
    await page.evaluate(() => { (window as unknown as { __quotaBytes: number }).__quotaBytes = Infinity; }); // room again
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-save-state'), { timeout: 20_000 }).toBe('saved');
    await context.close();
  });

  it('a shared link pasted while on /playground opens; an oversized link is refused', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/playground`);
    await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
    const shared = createNotebook({ id: 'x', name: 'Pasted later', now: '2026-01-01T00:00:00.000Z', cells: [{ kind: 'code', source: 'show(1)' }] });
    await page.evaluate((hash) => { window.location.hash = hash; }, `nb=${encodeNotebook(shared)}`);
    await page.getByText('Opened the shared notebook “Pasted later”').waitFor();
    expect(await page.getByLabel('Notebook name').inputValue()).toBe('Pasted later');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('live figures load when needed', () => {
  it('a lesson starts no worker and loads no figure code until the reader scrolls near a figure', async () => {
    // A context without the eager-figures flag of newPage().
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watchConsole(page);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    let scriptBytes = 0;
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scriptBytes += Number(r.headers()['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length);
    });
    await page.goto(`${BASE_URL}/lessons/ddpm`);
    const placeholders = page.getByTestId('deferred-figure');
    await placeholders.first().waitFor({ state: 'attached' });
    await page.waitForTimeout(2500);
    const before = scriptBytes;
    expect(workers).toEqual([]);
    console.log(`lesson ddpm before scrolling: ${(before / 1024).toFixed(0)} KB of script, ${workers.length} workers, ${await placeholders.count()} figures waiting`);
    const name = await placeholders.first().getAttribute('data-figure');
    await placeholders.first().scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator(`[data-testid="deferred-figure"][data-figure="${name}"]`).count(), { timeout: 20_000 }).toBe(0);
    await context.close();
  });
});
