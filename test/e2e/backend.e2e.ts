import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: true }); });
afterAll(async () => { await browser?.close(); });

async function headerBackend(page: Page): Promise<string | null> {
  const badge = page.getByTestId('backend-badge');
  await expect.poll(() => badge.getAttribute('data-status'), { timeout: 90_000 }).toBe('ready');
  return badge.getAttribute('data-backend');
}

describe('the tfjs runtime in Chromium', () => {
  it('picks webgpu first when the browser offers it, and names the adapter', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    expect(await headerBackend(page)).toBe('webgpu');
    expect(await page.getByTestId('current-backend').textContent()).toBe('webgpu');
    // Chromium's WebGPU without a GPU is SwiftShader, a software fallback.
    expect(await page.getByTestId('webgpu-adapter').textContent()).toMatch(/swiftshader/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`honours ?backend=${backend}`, async () => {
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${BASE_URL}/lessons/welcome?backend=${backend}`);
      expect(await headerBackend(page)).toBe(backend);
      // next start sends the cross-origin isolation headers, so wasm runs with threads.
      if (backend === 'wasm') expect(await page.getByTestId('wasm-threads').textContent()).toMatch(/^in use: the threaded build/);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('explains an unknown ?backend= and chooses automatically', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/welcome?backend=quantum`);
    expect(await headerBackend(page)).toBe('webgpu');
    expect(await page.getByRole('status').first().textContent()).toContain('Unknown backend "quantum"');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the "your machine" panel measures matMul throughput on at least two backends', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/welcome`);
    await headerBackend(page);
    await page.getByRole('button', { name: 'Measure every backend' }).click();
    const rows = page.locator('[data-testid^=backend-row-]');
    await expect
      .poll(() => rows.evaluateAll((els) => els.every((el) => ['done', 'unavailable'].includes(el.getAttribute('data-status') ?? ''))), { timeout: 150_000 })
      .toBe(true);
    const measured = await rows.evaluateAll((els) => els.filter((el) => el.getAttribute('data-status') === 'done').map((el) => el.getAttribute('data-testid')));
    expect(measured.length).toBeGreaterThanOrEqual(2);
    expect(measured).toContain('backend-row-wasm');
    const gflops = Number(await page.getByTestId('gflops-wasm').textContent());
    expect(gflops).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the tfjs runtime without WebGPU', () => {
  it('falls back past webgpu and says there is no adapter', async () => {
    const plain = await launchChromium({ webgpu: false });
    const { page, errors } = await newPage(plain);
    await page.goto(BASE_URL + '/lessons/welcome');
    const backend = await headerBackend(page);
    expect(['webgl', 'wasm', 'cpu']).toContain(backend);
    expect(await page.getByTestId('webgpu-adapter').textContent()).toMatch(/none/);
    expect(errors).toEqual([]);
    await plain.close();
  });
});
