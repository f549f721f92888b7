import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { backendOf } from './support/lesson-page';

// Lesson 06's latent diffusion: the shipped autoencoder + latent denoiser sample decoded glyphs in
// the page's worker on wasm and on webgpu (SwiftShader: slow, so we only check it works); the
// guidance slider is moved by keyboard, and fidelity/diversity come back as text; live training
// from scratch lowers the loss; a broken weights file gives a clear message.
let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: true }); });
afterAll(async () => { await browser?.close(); });

/** Waits until the metrics describe a finished run at guidance scale w; returns fidelity and diversity. */
async function metricsAt(page: Page, w: number, timeout: number): Promise<{ fidelity: number; diversity: number; text: string }> {
  const metrics = page.getByTestId('latent-metrics');
  await expect.poll(() => metrics.getAttribute('data-w').catch(() => null), { timeout }).toBe(String(w));
  const text = (await metrics.textContent())!;
  return { fidelity: Number(await metrics.getAttribute('data-fidelity')), diversity: Number(await metrics.getAttribute('data-diversity')), text };
}

/** Moves the slider by keyboard to w (step 0.5 from its current value). */
async function slideTo(page: Page, w: number): Promise<void> {
  const slider = page.getByTestId('latent-w-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < w / 0.5; i++) await page.keyboard.press('ArrowRight');
  expect(await page.getByTestId('latent-w').textContent()).toBe(String(w));
}

describe('latent guidance (lesson 06)', () => {
  it('on wasm: the slider works by keyboard; guidance raises fidelity and lowers diversity; training from scratch lowers the loss', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/guidance?backend=wasm`);
    expect(await backendOf(page)).toBe('wasm');
    const widget = page.getByTestId('latent-guidance');
    await widget.scrollIntoViewIfNeeded();
    expect(await page.getByRole('slider', { name: 'Guidance scale w' }).count()).toBe(1);
    await slideTo(page, 0);
    const w0 = await metricsAt(page, 0, 120_000);
    await slideTo(page, 8);
    const w8 = await metricsAt(page, 8, 120_000);
    console.log(`latent guidance e2e (wasm, digit 3): w 0 fidelity ${w0.fidelity} diversity ${w0.diversity.toFixed(3)}; w 8 fidelity ${w8.fidelity} diversity ${w8.diversity.toFixed(3)}`);
    expect(w8.text).toMatch(/Fidelity: \d+%.*Diversity: mean pairwise pixel distance \d\.\d{3}/);
    expect(w8.fidelity).toBeGreaterThan(w0.fidelity);
    expect(w8.diversity).toBeLessThan(w0.diversity);
    // Decoded images are drawn, with a text alternative naming what the classifier reads.
    expect(await page.getByTestId('latent-images').getAttribute('aria-label')).toMatch(/classifier reads them as: (\d ){15}\d/);
    const canvasSize = await page.getByTestId('latent-images').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(canvasSize).toEqual([8 * 16 + 7, 2 * 16 + 1]);
    await page.getByTestId('latent-train-steps').selectOption('100');
    await page.getByTestId('latent-train').click();
    const trained = page.getByTestId('latent-train-result');
    await trained.waitFor({ timeout: 180_000 });
    const [first, last] = [Number(await trained.getAttribute('data-first')), Number(await trained.getAttribute('data-last'))];
    console.log(`latent guidance e2e (wasm, 100 steps from scratch): loss ${first.toFixed(3)} -> ${last.toFixed(3)}`);
    expect(last).toBeLessThan(0.8 * first);
    // The page's own model now draws the samples.
    await expect.poll(() => page.getByTestId('latent-metrics').textContent(), { timeout: 120_000 }).toMatch(/your model/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on webgpu (SwiftShader): samples are decoded and measured after a slider move', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/guidance?backend=webgpu`);
    expect(await backendOf(page)).toBe('webgpu');
    await page.getByTestId('latent-guidance').scrollIntoViewIfNeeded();
    await slideTo(page, 3);
    const w3 = await metricsAt(page, 3, 300_000);
    console.log(`latent guidance e2e (webgpu, digit 3): w 3 fidelity ${w3.fidelity} diversity ${w3.diversity.toFixed(3)}`);
    expect(w3.fidelity).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a corrupted weights file gives a clear message naming it, and the rest of the lesson still works', async () => {
    const { context, page, errors } = await newPage(browser);
    // On the context: the weights are fetched by the page's model worker, not the page.
    await context.route('**/models/glyphs/v1/latent-denoiser.bin', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[0] ^= 0xff;
      await route.fulfill({ response, body });
    });
    await page.goto(`${BASE_URL}/lessons/guidance?backend=wasm`);
    await expect.poll(() => page.getByTestId('latent-error').textContent().catch(() => ''), { timeout: 120_000 }).toMatch(/Sampling failed: .*sha256 of latent-denoiser\.bin/);
    await page.getByTestId('guidance-run').click();
    await page.getByTestId('guidance-result').waitFor({ timeout: 120_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
