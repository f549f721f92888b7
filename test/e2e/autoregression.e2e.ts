import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';

// Lesson 01 (autoregression): the KV-cache figure runs the shipped AR twin with and without the cache
// in the page's worker and shows what the cache saves, token by token.
let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: false }); });
afterAll(async () => { await browser?.close(); });

describe('autoregression lesson', () => {
  it('on wasm: the KV-cache figure counts positions exactly and times every token, with and without the cache', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/autoregression?backend=wasm`);
    const widget = page.getByTestId('kv-cache-cost');
    await widget.waitFor();
    await page.getByTestId('kv-length').selectOption('64');
    await page.getByTestId('kv-run').click();
    const result = page.getByTestId('kv-result');
    await result.waitFor({ timeout: 240_000 });
    // After [BOS] (P = 1), L = 64 tokens: 64·1 + 64·63/2 = 2,080 positions without the cache, 64 with it.
    expect(await result.getAttribute('data-positions-nocache')).toBe('2080');
    expect(await result.getAttribute('data-positions-cache')).toBe('64');
    expect(await result.getAttribute('data-same-tokens')).toBe('true');
    const text = (await result.textContent())!;
    expect(text).toMatch(/64 tokens: 2,080 positions computed without the cache \(L·P \+ L\(L − 1\)\/2 = 2,080\) against 64 with/);
    expect(text).toMatch(/the same tokens: the cache is exact/);
    const ms = Object.fromEntries(await Promise.all(['nocache-first', 'nocache-last', 'cache-first', 'cache-last'].map(
      async (k) => [k, Number(await result.getAttribute(`data-ms-${k}`))] as const)));
    console.log(`autoregression e2e (wasm, 64 tokens): ms per token without cache ${ms['nocache-first'].toFixed(1)} -> ${ms['nocache-last'].toFixed(1)}, with cache ${ms['cache-first'].toFixed(1)} -> ${ms['cache-last'].toFixed(1)}`);
    for (const v of Object.values(ms)) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(await page.getByTestId('kv-ms-chart').textContent()).toMatch(/Without the cache: \d+\.\d ms per token at the start, \d+\.\d ms at the end; with it: \d+\.\d ms, then \d+\.\d ms\./);
    // Both figures drew two lines (with and without the cache).
    for (const chart of ['kv-positions-chart', 'kv-ms-chart']) expect(await page.getByTestId(chart).locator('path.line-chart__series').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Stop ends a long run and the figure can run again', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/autoregression?backend=wasm`);
    await page.getByTestId('kv-length').selectOption('256');
    await page.getByTestId('kv-run').click();
    const status = page.getByTestId('kv-status');
    // Stop while the run without the cache is under way (the longest part).
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/Without the cache: token [1-9]\d* of 256/);
    await page.getByTestId('kv-stop').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled');
    expect(await status.textContent()).toBe('Stopped.');
    expect(await page.getByTestId('kv-run').isEnabled()).toBe(true);
    expect(await page.getByTestId('kv-result').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
