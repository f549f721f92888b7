import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage, watchConsole } from './support/browser';
import { seriousAccessibilityViolations } from './support/axe';
import { DEFAULT_RACE_METHOD } from '@/lib/dllm/lab/lab-methods';

let browser: Browser;
/** Slides change at once, but a busy CI machine may take a moment to paint. */
const POLL = { timeout: 15_000 };
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

/** The h2 texts of the sections the reader can see (CSS hides the others). */
const visibleHeadings = (page: Page) => page.locator('.deck__content h2').evaluateAll((hs) => hs
  .filter((h) => (h as HTMLElement).offsetParent !== null)
  .map((h) => (h.textContent ?? '').replace(/#$/, '').trim()));

describe('present mode', () => {
  it('shows the lesson one section at a time, by keyboard and buttons, and keeps the slide in the address', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/noise`);
    await page.getByTestId('present-link').click();
    await page.waitForURL(`${BASE_URL}/lessons/noise/present`);
    await page.getByRole('heading', { level: 1, name: 'Noise' }).waitFor();
    expect(await page.getByTestId('slide-counter').textContent()).toBe('Title');
    expect(await visibleHeadings(page)).toEqual([]);
    expect(await page.locator('.site-header').isVisible()).toBe(false);

    const total = await page.locator('.deck__content > section.lesson-section').count();
    expect(total).toBeGreaterThanOrEqual(4);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('slide-counter').textContent(), POLL).toBe(`Slide 1 of ${total}`);
    expect(page.url()).toBe(`${BASE_URL}/lessons/noise/present#slide-1`);
    // The intro section has no h2; the next one does, and only it shows.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => visibleHeadings(page), POLL).toEqual(['One small step']);
    expect(await page.getByTestId('slide-counter').textContent()).toBe(`Slide 2 of ${total}: One small step`);

    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => visibleHeadings(page), POLL).toEqual(['The closed form: jump straight to step t']);
    // Arrow keys on a slider move the slider, not the deck.
    const slider = page.locator('.deck__content section:visible input[type="range"]').first();
    if (await slider.count()) {
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByTestId('slide-counter').textContent()).toContain('Slide 3 of');
    }
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('slide-counter').textContent(), POLL).toMatch(new RegExp(`^Slide ${total} of ${total}`));
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('slide-counter').textContent(), POLL).toBe('Title');

    // A shared link, opened fresh, lands on its slide; Exit returns to the same place in the lesson.
    const shared = await context.newPage();
    shared.setDefaultTimeout(60_000);
    const sharedErrors = watchConsole(shared);
    await shared.goto(`${BASE_URL}/lessons/noise/present#slide-2`);
    await expect.poll(() => visibleHeadings(shared), { timeout: 60_000 }).toEqual(['One small step']);
    await shared.getByRole('link', { name: 'Exit to the lesson' }).click();
    await shared.waitForURL(`${BASE_URL}/lessons/noise#one-small-step`);
    expect(await seriousAccessibilityViolations(shared)).toEqual([]);
    expect(errors).toEqual([]);
    expect(sharedErrors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/ddpm/present#slide-2`);
    await page.getByTestId('slide-counter').filter({ hasText: 'Slide 2 of' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('embeds', () => {
  it('shows one widget without the site chrome, with settings from the address', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/dllm-race?method=mdlm-vanilla&backend=wasm`);
    const race = page.getByTestId('dllm-race');
    await race.waitFor();
    expect(await race.getByLabel('Method').inputValue()).toBe('mdlm-vanilla');
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByTestId('embed-problems').count()).toBe(0);
    expect(await page.locator('.embed [data-testid="backend-badge"]').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Autoregression' }).getAttribute('href')).toBe('/lessons/autoregression');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('names a bad setting and still shows the widget with its default', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/embed/dllm-race?method=warp-drive&colour=red`);
    const problems = page.getByTestId('embed-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('“warp-drive” is not a valid method');
    expect(await problems.textContent()).toContain('“colour” is not a setting of this widget');
    expect(await page.getByTestId('dllm-race').getByLabel('Method').inputValue()).toBe(DEFAULT_RACE_METHOD);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers an unknown widget with a 404 that suggests the right one', async () => {
    const { context, page, errors } = await newPage(browser);
    const response = await page.goto(`${BASE_URL}/embed/noise-explorr`);
    expect(response?.status()).toBe(404);
    const notice = page.getByTestId('embed-not-found');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('There is no widget called “noise-explorr” to embed. Did you mean noise-explorer');
    await notice.getByRole('link', { name: 'noise-explorer' }).first().click();
    await page.getByTestId('noise-explorer').waitFor();
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});
