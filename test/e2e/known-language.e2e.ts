import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { NOT_OURS, backendOf } from './support/lesson-page';
import { seriousAccessibilityViolations } from './support/axe';

// The known-language SEDD and MDLM models (lessons 08 and 09): on wasm and on webgpu (SwiftShader) the SEDD
// model trains live in the page's worker (the loss curve gets points, the held-out loss falls),
// its learned ratios sit next to the true ones, and Euler / Tweedie samples get a validity rate;
// lesson 09 shows the remasking quality of the known-language MDLM, recorded and then measured live.
let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: true }); });
afterAll(async () => { await browser?.close(); });

const num = async (page: Page, testId: string, attr: string) => Number(await page.getByTestId(testId).getAttribute(attr));

/** Ratios of the default input ccc▒ccc|ccc▒ccc. at t = 0.5, position 3: truth 0.8 * odds for c. */
async function checkRatios(page: Page) {
  await page.getByTestId('ratios-table').waitFor({ timeout: 240_000 });
  const odds = (1 - 0.999 * 0.5) / (0.999 * 0.5);
  const truth = await num(page, 'ratio-true-2', 'data-value');
  expect(truth).toBeCloseTo(0.8 * odds, 6);
  const learned = await num(page, 'ratio-learned-2', 'data-value');
  expect(Math.abs(learned / truth - 1)).toBeLessThan(0.35);
  expect(await num(page, 'ratios-table', 'data-tv')).toBeLessThan(0.2);
  expect(await page.getByTestId('ratios-chart').locator('rect.ratio-bars__bar--learned').count()).toBe(7 + 1); // 7 tokens + legend
  return { learned, truth };
}

/** Samples 32 sequences per cell; `upTo` stops the job after that step count (SwiftShader is slow). */
async function sampleBoth(page: Page, upTo: number) {
  const all = [2, 4, 8, 16, 32, 64];
  await page.getByTestId('samples-count').selectOption('32');
  await page.getByTestId('samples-run').click();
  await expect.poll(() => page.getByTestId(`samples-tweedie-${upTo}`).getAttribute('data-validity'), { timeout: 400_000 }).not.toBeNull();
  if (upTo < all.at(-1)!) await page.getByTestId('samples-stop').click();
  const cells: Record<string, number> = {};
  for (const sampler of ['euler', 'tweedie']) {
    for (const steps of all.filter((s) => s <= upTo)) {
      const v = await num(page, `samples-${sampler}-${steps}`, 'data-validity');
      expect(v >= 0 && v <= 1).toBe(true);
      cells[`${sampler}-${steps}`] = v;
    }
  }
  return cells;
}

/** Trains from scratch, pausing and resuming once; returns the first and last held-out losses. */
async function trainLive(page: Page, steps: number) {
  await page.getByTestId('sedd-live-steps').selectOption(String(steps));
  await page.getByTestId('sedd-live-train-run').click();
  const status = page.getByTestId('sedd-live-train-status');
  await expect.poll(async () => Number(await status.getAttribute('data-steps-done')), { timeout: 240_000 }).toBeGreaterThan(5);
  await page.getByTestId('sedd-live-pause').click();
  await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('paused');
  const pausedAt = Number(await status.getAttribute('data-steps-done'));
  await page.waitForTimeout(1500);
  expect(Number(await status.getAttribute('data-steps-done'))).toBe(pausedAt);
  await page.getByTestId('sedd-live-pause').click();
  await expect.poll(() => status.getAttribute('data-status'), { timeout: 700_000 }).toBe('done');
  const first = Number(await status.getAttribute('data-first-heldout'));
  const last = Number(await status.getAttribute('data-last-heldout'));
  expect(last).toBeLessThan(first);
  // the chart drew the batch-loss line with a point per step
  const d = await page.getByTestId('sedd-live-loss-chart').locator('path.line-chart__series--faint').first().getAttribute('d');
  expect((d ?? '').split('L').length).toBeGreaterThanOrEqual(steps);
  return { first, last };
}

describe('known-language models in the lessons', () => {
  // SwiftShader runs WebGPU on the CPU (about 10 s a training step here): there only the 2-step
  // cells are sampled and 10 steps trained, enough to see the held-out loss fall.
  for (const { backend, upTo, steps } of [{ backend: 'wasm', upTo: 64, steps: 100 }, { backend: 'webgpu', upTo: 2, steps: 10 }] as const) {
    it(`sedd on ${backend}: ratios and samples from the pretrained model, then a model trained live`, async () => {
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${BASE_URL}/lessons/sedd?backend=${backend}`);
      expect(await backendOf(page)).toBe(backend);
      await page.getByTestId('sedd-live-training').waitFor();
      await expect.poll(() => page.getByTestId('sedd-live-pretrained').getAttribute('data-status'), { timeout: 60_000 }).toBe('available');
      const ratios = await checkRatios(page);
      const cells = await sampleBoth(page, upTo);
      // chance (every position from its marginal) is 0.2^7 = 1.3e-5; the shipped model recorded 0.70-0.79 at 64 steps
      if (upTo === 64) expect(Math.max(cells['euler-64'], cells['tweedie-64'])).toBeGreaterThan(0.3);
      const t0 = Date.now();
      const trained = await trainLive(page, steps);
      console.log(`known-language e2e (${backend}): learned ratio ${ratios.learned.toFixed(3)} vs true ${ratios.truth.toFixed(3)}; validity ${JSON.stringify(cells)}; ${steps} live steps in ${((Date.now() - t0) / 1000).toFixed(0)} s, held-out ${trained.first.toFixed(3)} -> ${trained.last.toFixed(3)}`);
      // the panels now use the trained model
      await expect.poll(async () => (await page.getByTestId('known-language-ratios').locator('h4').textContent()) ?? '', { timeout: 60_000 }).toContain('the model you trained');
      expect(errors).toEqual([]);
      await context.close();
    }, 1_200_000);
  }

  it('sedd: a missing weights file is named, and training from scratch still works', async () => {
    const { context, page } = await newPage(browser);
    // On the context, so the model worker's fetch is caught as well as the page's.
    await context.route('**/models/short-sedd/v1/manifest.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${BASE_URL}/lessons/sedd?backend=wasm`);
    const note = page.getByTestId('sedd-live-pretrained');
    await expect.poll(() => note.getAttribute('data-status'), { timeout: 60_000 }).toBe('missing');
    expect(await note.textContent()).toContain('/models/short-sedd/v1/manifest.json');
    expect(await page.getByTestId('samples-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('sedd-live-train-run').isEnabled()).toBe(true);
    await context.close();
  });

  it('masked-diffusion on wasm: recorded remasking numbers at once, then measured live', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/masked-diffusion?backend=wasm`);
    const table = page.getByTestId('short-quality-table');
    await expect.poll(() => page.getByTestId('short-quality-low-confidence').getAttribute('data-exact'), { timeout: 60_000 }).not.toBeNull();
    expect(await table.getAttribute('data-live')).toBe('no');
    await page.getByTestId('short-quality-count').selectOption('32');
    await page.getByTestId('short-quality-per-step').selectOption('2');
    await page.getByTestId('short-quality-run').click();
    await expect.poll(() => table.getAttribute('data-live'), { timeout: 300_000 }).toBe('yes');
    const shown: Record<string, Record<string, number>> = {};
    for (const rule of ['low-confidence', 'random']) {
      shown[rule] = {};
      for (const key of ['exact', 'letters', 'validity']) {
        const v = await num(page, `short-quality-${rule}`, `data-${key}`);
        expect(v >= 0 && v <= 1).toBe(true);
        shown[rule][key] = v;
      }
      expect(shown[rule].exact).toBeGreaterThan(0.9); // the shipped model answers every held-out prompt it was tested on
    }
    console.log(`known-language e2e: remasking quality (32 per rule, k = 2) ${JSON.stringify(shown)}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  for (const [slug, widget] of [['sedd', 'sedd-live-training'], ['masked-diffusion', 'short-remasking-quality']] as const) {
    it(`${slug}: the known-language widget has no serious accessibility violations`, async () => {
      const { context, page } = await newPage(browser);
      await page.goto(`${BASE_URL}/lessons/${slug}?backend=wasm`);
      await page.getByTestId(widget).waitFor();
      if (slug === 'sedd') await page.getByTestId('ratios-table').waitFor({ timeout: 240_000 });
      expect((await seriousAccessibilityViolations(page)).filter((v) => !NOT_OURS(v))).toEqual([]);
      await context.close();
    }, 300_000);
  }
});
