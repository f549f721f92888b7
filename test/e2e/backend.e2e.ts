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
  it('measures, skips the software WebGPU adapter, picks wasm, and says why for each backend', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    expect(await headerBackend(page)).toBe('wasm');
    expect(await page.getByTestId('current-backend').textContent()).toBe('wasm');
    // Chromium's WebGPU without a GPU is SwiftShader, a software fallback: known, and not chosen.
    expect(await page.getByTestId('webgpu-adapter').textContent()).toMatch(/swiftshader/i);
    expect(await page.getByTestId('backend-how').textContent()).toMatch(/^measured on this page/);
    expect(await page.getByTestId('verdict-wasm').getAttribute('data-chosen')).toBe('true');
    expect(await page.getByTestId('verdict-wasm').textContent()).toMatch(/chosen: .* ms per round of the kernel mix/);
    expect(await page.getByTestId('verdict-webgpu').textContent()).toMatch(/not tried: software adapter/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('remembers the measured choice on the next page, which starts without measuring', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    expect(await headerBackend(page)).toBe('wasm');
    await page.goto(BASE_URL + '/lessons/welcome#your-machine');
    await page.reload();
    expect(await headerBackend(page)).toBe('wasm');
    expect(await page.getByTestId('backend-how').textContent()).toMatch(/^remembered from a measurement in this browser/);
    // the reasons measured on the first page are still shown
    expect(await page.getByTestId('verdict-webgpu').textContent()).toMatch(/software adapter/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('?backend=webgpu forces webgpu, keeps it on the next pages, and the panel resets it', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome?backend=webgpu');
    expect(await headerBackend(page)).toBe('webgpu');
    await page.goto(BASE_URL + '/lessons/welcome');
    expect(await headerBackend(page)).toBe('webgpu');
    expect(await page.getByTestId('backend-how').textContent()).toMatch(/^your choice, kept for every page/);
    await page.getByTestId('backend-reset').click();
    await page.waitForLoadState('load');
    expect(await headerBackend(page)).toBe('wasm');
    expect(await page.getByTestId('backend-how').textContent()).toMatch(/^measured on this page/);
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

  it('explains an unknown ?backend= and chooses by measurement', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/welcome?backend=quantum`);
    expect(await headerBackend(page)).toBe('wasm');
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

describe('the notebook cells’ runtime', () => {
  it('the header badge names the backend the playground’s cells run on', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/playground?backend=wasm`);
    const badge = page.getByTestId('backend-badge');
    expect(await badge.textContent()).toContain('not started');
    const cell = page.getByTestId('code-cell').first();
    await cell.locator('.cm-content').waitFor();
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => badge.getAttribute('data-backend'), { timeout: 90_000 }).toBe('wasm');
    expect(await badge.textContent()).toContain('wasm (cells)');
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
