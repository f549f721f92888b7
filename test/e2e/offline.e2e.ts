import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe('offline after the first visit', () => {
  it('a visited lesson reloads offline with its figures; an unvisited page says it needs a connection', async () => {
    const { context, page } = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(`${BASE_URL}/lessons/noise`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The worker installs, takes over, and keeps what the first visit loaded.
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.evaluate(async () => {
      const names = await caches.keys();
      for (const name of names) if (await (await caches.open(name)).match('/lessons/noise')) return true;
      return false;
    }), { timeout: 30_000 }).toBe(true);
    const widgets = await page.locator('.widget, [data-testid$="-explorer"]').count();

    await context.setOffline(true);
    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Noise');
    // the page hydrates from cached scripts: its live figures draw again
    await expect.poll(() => page.locator('.widget, [data-testid$="-explorer"]').count(), { timeout: 30_000 }).toBe(widgets);
    await page.locator('figure svg *').first().waitFor({ timeout: 30_000 });

    await page.goto(`${BASE_URL}/lessons/sedd`);
    expect(await page.getByTestId('offline-notice').textContent()).toContain('This page needs a connection');
    await context.setOffline(false);
    await context.close();
  });
});
