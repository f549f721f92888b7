import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';

// Lessons 13-14: both render; diffu-GRPO runs in the page's worker on wasm (first reward point within
// 10 s, pause holds, cancel stops, a bounded run draws its reward curve and keeps the main thread
// free); the roofline runs on webgpu (SwiftShader) and wasm and plots both; embeds and present mode work.
let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: true }); });
afterAll(async () => { await browser?.close(); });

/** Records every main-thread task longer than 50 ms (the Long Tasks API), from page load on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
}
const longTasksSince = (page: Page, from: number) => page.evaluate((i) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(i), from);
const longTaskCount = (page: Page) => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);

describe('lesson 13: post-training', () => {
  it('renders its figures and exercises', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/post-training`);
    await page.getByRole('heading', { level: 1, name: 'Post-training' }).waitFor();
    for (const id of ['rl-loop', 'logprob-estimator', 'test-time-curve', 'rollout-speed', 'predict-one-pass-bias']) await page.getByTestId(id).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'RL in your browser' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('runs diffu-GRPO on wasm: first reward within 10 s, pause holds, cancel stops, and no long main-thread task', async () => {
    const { context, page, errors } = await newPage(browser);
    await watchLongTasks(page);
    await page.goto(`${BASE_URL}/embed/rl-loop?backend=wasm`);
    const status = page.getByTestId('rl-status');
    await page.getByTestId('rl-steps').selectOption('240');
    const idleTasks = await longTaskCount(page);
    await page.getByTestId('rl-train').click();
    await expect.poll(async () => Number(await status.getAttribute('data-steps-done')), { timeout: 120_000 }).toBeGreaterThan(0);
    const firstMs = Number(await status.getAttribute('data-first-point-ms'));
    expect(firstMs).toBeGreaterThan(0);
    expect(firstMs).toBeLessThan(10_000);
    expect(Number(await status.getAttribute('data-before'))).toBeGreaterThan(0.2);
    await expect.poll(async () => Number(await status.getAttribute('data-steps-done')), { timeout: 120_000 }).toBeGreaterThan(4);
    await page.getByTestId('rl-pause').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('paused');
    const pausedAt = Number(await status.getAttribute('data-steps-done'));
    await page.waitForTimeout(2000);
    expect(Number(await status.getAttribute('data-steps-done'))).toBe(pausedAt);
    await page.getByTestId('rl-pause').click();
    await expect.poll(async () => Number(await status.getAttribute('data-steps-done')), { timeout: 60_000 }).toBeGreaterThan(pausedAt);
    const tasks = await longTasksSince(page, idleTasks);
    expect(Math.max(0, ...tasks)).toBeLessThan(100);
    await page.getByTestId('rl-cancel').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    const stoppedAt = Number(await status.getAttribute('data-steps-done'));
    await page.waitForTimeout(1500);
    expect(Number(await status.getAttribute('data-steps-done'))).toBe(stoppedAt);
    expect(stoppedAt).toBeLessThan(240);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('finishes a bounded run: the reward curve draws a point per step and the tuned weights can be downloaded', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/rl-loop?backend=wasm`);
    await page.getByTestId('rl-steps').selectOption('10');
    await page.getByTestId('rl-train').click();
    const status = page.getByTestId('rl-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 240_000 }).toBe('done');
    expect(Number(await status.getAttribute('data-steps-done'))).toBe(10);
    expect(await page.getByTestId('rl-reward-chart').locator('g.points-chart__series.points-chart__series--faint circle').count()).toBe(10);
    expect(await page.getByTestId('rl-reward-chart').locator('g.points-chart__series.points-chart__series--1 circle').count()).toBe(2); // before and after
    expect(await page.getByTestId('rl-samples').locator('tbody tr').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('rl-download').click();
    expect((await download).suggestedFilename()).toBe('marble-mirror-mdlm-grpo.json');
    await page.getByTestId('rl-reset').click();
    await expect.poll(() => page.getByTestId('rl-download').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

describe('lesson 14: the whole machine', () => {
  it('renders, with the race, the waterfall and the roofline', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/the-whole-machine`);
    await page.getByRole('heading', { level: 1, name: 'The whole machine' }).waitFor();
    for (const id of ['roofline', 'speedup-waterfall', 'predict-roofline-wasm-256']) await page.getByTestId(id).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'The regime map' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('measures the roofline on webgpu and wasm and plots both', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/roofline?backends=webgpu,wasm&maxTokens=16`);
    await page.getByTestId('roofline-run').click();
    for (const backend of ['webgpu', 'wasm']) {
      const row = page.getByTestId('roofline-table').locator(`tr[data-backend="${backend}"]`);
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 400_000 }).toBe('done');
      expect(await row.getAttribute('data-points')).toBe('5'); // 1, 2, 4, 8, 16 tokens
    }
    const chart = page.getByTestId('roofline-chart');
    expect(await chart.locator('g.points-chart__series[data-series="webgpu"] circle').count()).toBe(5);
    expect(await chart.locator('g.points-chart__series[data-series="wasm"] circle').count()).toBe(5);
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('opens in present mode', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/the-whole-machine/present`);
    await page.getByRole('heading', { level: 1, name: 'The whole machine' }).waitFor();
    await page.locator('[data-testid="present-deck"][data-ready="true"]').waitFor();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('slide-counter').textContent(), { timeout: 15_000 }).toMatch(/^Slide 1 of \d+/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
