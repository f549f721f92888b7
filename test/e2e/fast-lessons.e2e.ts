import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { setCode } from './support/cells';

// Lessons 10-12 (block diffusion, caching, parallel decoding): math and figures render; every
// live widget produces its first result on the default backend and on wasm (timed, one widget per
// page through its embed); the exercises reject a wrong answer and accept the solution; the
// decoder arena races a rule onto the frontier, reports a broken rule, and a shared link opens
// without running. Long main-thread tasks are recorded while the widgets run.
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

/** Records main-thread tasks over 50 ms (the Long Tasks API) from page start. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t).map((x) => Math.round(x.duration)), since);
}

/** What counts as each widget's first visible result. */
const FIRST_RESULT: Record<string, { testId: string; ready: (w: Locator) => Promise<boolean> }> = {
  'block-mask': { testId: 'block-mask-explorer', ready: async (w) => (await w.locator('rect.mask-cell').count()) === 256 },
  'block-timeline': { testId: 'block-timeline', ready: async (w) => (await w.locator('svg rect.timeline__new').count()) > 0 },
  'cache-drift': { testId: 'cache-drift', ready: async (w) => Number(await w.getByTestId('cache-drift-steps').textContent()) > 0 },
  'cache-cost': { testId: 'cache-cost', ready: async (w) => (await w.locator('tbody tr').count()) > 0 },
  'joint-vs-product': { testId: 'joint-vs-product', ready: async (w) => /0\.50/.test((await w.getByTestId('jvp-impossible').textContent()) ?? '') },
  'frontier-lab': { testId: 'frontier-lab', ready: async (w) => (await w.locator('[data-testid="frontier-per-pass"] circle').count()) > 0 },
  'fill-order': { testId: 'fill-order', ready: async (w) => (await w.getByTestId('fill-strip').count()) > 0 },
};

const timings: string[] = [];
afterAll(() => { if (timings.length) console.log(`fast lessons e2e, time to first result:\n${timings.join('\n')}`); });

describe('lessons 10-12', () => {
  for (const lesson of [
    { slug: 'block-diffusion', title: 'Block diffusion', widgets: ['block-mask-explorer', 'block-timeline'], exercises: 1 },
    { slug: 'caching', title: 'Caching', widgets: ['cache-drift', 'cache-cost'], exercises: 1 },
    { slug: 'parallel-decoding', title: 'Parallel decoding', widgets: ['joint-vs-product', 'fill-order', 'frontier-lab', 'decoder-arena'], exercises: 1 },
  ]) {
    it(`${lesson.slug} renders its math, figures, exercise and recap without console errors, and is live on the map`, async () => {
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${BASE_URL}/lessons/${lesson.slug}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(lesson.title);
      expect(await page.locator('.katex-display').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('.katex').count()).toBeGreaterThanOrEqual(10);
      for (const widget of lesson.widgets) await page.getByTestId(widget).waitFor();
      expect(await page.locator('[data-testid="code-cell"]').count()).toBeGreaterThanOrEqual(lesson.exercises);
      expect(await page.locator('.recap').count()).toBe(1);
      await page.goto(`${BASE_URL}/`);
      const stop = page.locator(`[data-testid="course-stop"][data-slug="${lesson.slug}"]`);
      expect(await stop.getAttribute('data-state')).not.toBe('coming');
      expect(await stop.locator(`a[href="/lessons/${lesson.slug}"]`).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);
  }

  for (const backend of ['wasm', null] as const) {
    it(`every live widget shows its first result (${backend ?? 'default backend'}), timed, with no long main-thread task`, async () => {
      for (const [id, { testId, ready }] of Object.entries(FIRST_RESULT)) {
        const { context, page, errors } = await newPage(browser);
        await watchLongTasks(page);
        await page.goto(`${BASE_URL}/embed/${id}${backend ? `?backend=${backend}` : ''}`);
        const widget = page.getByTestId(testId);
        await widget.waitFor();
        const mounted = await page.evaluate(() => performance.now());
        await expect.poll(() => ready(widget), { timeout: 240_000, interval: 100 }).toBe(true);
        const first = await page.evaluate(() => performance.now());
        const badge = await page.locator('[data-testid="backend-badge"]').getAttribute('data-backend').catch(() => null);
        timings.push(`  ${id} (${backend ?? `default: ${badge}`}): ${Math.round(first - mounted)} ms after mount`);
        await page.waitForTimeout(1500); // keep running a little: long tasks while the model works
        const long = (await longTasksSince(page, mounted)).filter((d) => d > 100);
        timings.push(`    main-thread tasks over 100 ms after mount: ${long.length ? long.join(', ') : 'none'}`);
        expect(errors).toEqual([]);
        await context.close();
      }
    }, 900_000);
  }

  async function cell(page: Page, id: string): Promise<Locator> {
    const c = page.locator(`[data-testid="code-cell"][data-cell-id="${id}"]`);
    await c.locator('.cm-content').waitFor();
    return c;
  }
  async function runAndWait(c: Locator): Promise<void> {
    await c.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => c.getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
  }

  for (const { slug, cellId, failsWith } of [
    { slug: 'block-diffusion', cellId: 'cell-2', failsWith: 'Not yet' },
    { slug: 'caching', cellId: 'cell-1', failsWith: 'Not yet' },
    { slug: 'parallel-decoding', cellId: 'cell-1', failsWith: 'Not yet' },
  ]) {
    it(`${slug}: the exercise rejects the starter code and accepts the solution`, async () => {
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${BASE_URL}/lessons/${slug}?backend=wasm`);
      const c = await cell(page, cellId);
      await runAndWait(c);
      const result = c.getByTestId('exercise-result');
      expect(await result.textContent()).toContain(failsWith);
      await c.getByText('Show the solution').click();
      await c.getByRole('button', { name: 'Put the solution in the editor' }).click();
      await runAndWait(c);
      expect(await result.textContent()).toMatch(/Passed: all \d+ cases are right/);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);
  }

  it('the arena races the starter rule onto the frontier, reports a rule that commits nothing, and shares a link that opens without running', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/decoder-arena?backend=wasm`);
    const arena = page.getByTestId('decoder-arena');
    await arena.waitFor();
    expect(await arena.getAttribute('data-status')).toBe('idle');
    const started = Date.now();
    await arena.getByTestId('arena-run').click();
    await expect.poll(() => arena.locator('[data-testid="arena-frontier"] [data-id="your rule"]').count(), { timeout: 240_000, interval: 100 }).toBe(1);
    timings.push(`  decoder-arena (wasm): first point of your rule ${Date.now() - started} ms after Run`);
    await expect.poll(() => arena.getAttribute('data-status'), { timeout: 600_000 }).toBe('done');
    expect(await arena.getByTestId('arena-verdict').textContent()).toMatch(/^Your rule: \d+% exact \(\d+\/\d+\) at \d+\.\d+ tokens per pass/);
    expect(await arena.locator('[data-testid="arena-frontier"] .frontier__point').count()).toBe(8);

    // a rule that commits nothing: a sentence, and the page stays usable
    await setCode(page, arena, 'function chooseCommits(pass) { return []; }');
    await arena.getByTestId('arena-run').click();
    await expect.poll(async () => (await arena.getByTestId('arena-message').textContent().catch(() => '')) ?? '', { timeout: 120_000 }).toMatch(/committed nothing/);
    await expect.poll(() => arena.getAttribute('data-status'), { timeout: 120_000 }).not.toBe('running');

    // share the starter rule; the link opens with the code and runs nothing
    const code = 'function chooseCommits(pass) {\n  return [pass.candidates[0].position];\n}\n';
    await setCode(page, arena, code);
    await arena.getByTestId('arena-share').click();
    const link = await arena.getByTestId('arena-link').inputValue();
    expect(link).toMatch(/#rule=v1\./);
    const shared = await context.newPage();
    await shared.goto(link);
    const sharedArena = shared.getByTestId('decoder-arena');
    await sharedArena.waitFor();
    await sharedArena.getByTestId('arena-shared').waitFor();
    await expect.poll(() => sharedArena.locator('.cm-content').textContent()).toContain('pass.candidates[0].position');
    await shared.waitForTimeout(3000);
    expect(await sharedArena.getAttribute('data-status')).toBe('idle');
    expect(await sharedArena.locator('.frontier__point').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);

  it('a rule that never returns is stopped with a message, and the arena runs again afterwards', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/decoder-arena?backend=wasm`);
    const arena = page.getByTestId('decoder-arena');
    await setCode(page, arena, 'function chooseCommits(pass) { for (;;) {} }');
    await arena.getByTestId('arena-run').click();
    await expect.poll(async () => (await arena.getByTestId('arena-message').textContent().catch(() => '')) ?? '', { timeout: 120_000 }).toMatch(/has not returned/);
    expect(await arena.getAttribute('data-status')).toBe('error');
    await setCode(page, arena, 'function chooseCommits(pass) { return [pass.candidates[0].position]; }');
    await arena.getByTestId('arena-run').click();
    await expect.poll(() => arena.locator('[data-testid="arena-frontier"] [data-id="your rule"]').count(), { timeout: 240_000 }).toBe(1);
    await context.close();
  }, 600_000);

  it('the mask explorer explains a cell and follows the block-size dial; present mode shows the lessons as slides', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/block-mask`);
    const mask = page.getByTestId('block-mask-explorer');
    await mask.waitFor();
    expect(await page.getByTestId('mask-explain').textContent()).toMatch(/noisy xₜ position 5 \(block 2\) sees clean x₀ position 2 \(block 1\)/);
    await page.getByTestId('mask-block-input').fill('1');
    expect(await page.getByTestId('mask-regime').textContent()).toMatch(/causal mask of autoregression/);
    await page.getByTestId('mask-block-input').fill('8');
    expect(await page.getByTestId('mask-regime').textContent()).toMatch(/bidirectional/);
    for (const slug of ['block-diffusion', 'caching', 'parallel-decoding']) {
      await page.goto(`${BASE_URL}/lessons/${slug}/present`);
      await page.getByTestId('slide-counter').waitFor();
      expect(await page.locator('.deck__content > section.lesson-section').count()).toBeGreaterThanOrEqual(4);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
