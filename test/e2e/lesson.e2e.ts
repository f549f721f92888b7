import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { seriousAccessibilityViolations } from './support/axe';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe('a lesson page', () => {
  it('renders KaTeX math, highlighted code and a table of contents that points at its headings', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome');
    // KaTeX renders display math as .katex-display with MathML for screen readers inside.
    // (lesson 00 now keeps its formulas in a fold after the intuition, so count all KaTeX, inline or display)
    expect(await page.locator('.katex').count()).toBeGreaterThanOrEqual(2);
    expect((await page.locator('.katex math').allTextContents()).join(' ')).toContain('∏');
    // The MathML copy is laid out as plain text (globals.css) but must stay in the accessibility tree.
    expect(await page.locator('.katex').filter({ hasText: '∏' }).first().ariaSnapshot()).toMatch(/^- math: .*∏/);
    // highlight.js classes come from the build, not from client code.
    expect(await page.locator('pre code .hljs-keyword').count()).toBeGreaterThan(3);
    const tocLinks = page.getByTestId('toc').locator('a'); // also when the contents are folded (narrow screens)
    const hrefs = await tocLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('#two-ways-to-write-a-sentence');
    expect(await tocLinks.first().textContent()).toBe('Two ways to write a sentence');
    for (const href of hrefs) expect(await page.locator(href!).count()).toBe(1);
    expect(await page.getByTestId('lesson-meta').textContent()).toMatch(/About 20 min with the live figures · \d+ min reading/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('navigates from the table of contents and back to the map', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    await page.getByTestId('toc').getByRole('link', { name: 'Your machine' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#your-machine');
    await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link').first().click();
    await page.waitForURL(BASE_URL + '/');
    expect(await page.getByRole('heading', { name: 'The course map' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a section the reader jumped to at the top while the figures above it load', async () => {
    // The caching lesson's two figures above this section draw 60 px placeholders that grow to about
    // 400 px; before the hold, the heading slid 180-330 px down the window once they loaded.
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/caching');
    const id = 'finer-policies-dkv-cache-and-dpad';
    await page.getByTestId('toc').locator(`a[href="#${id}"]`).click();
    const tops: number[] = [];
    for (let i = 0; i < 25; i++) {
      await page.waitForTimeout(100);
      tops.push(await page.evaluate((target) => document.getElementById(target)!.getBoundingClientRect().top, id));
    }
    // Both figures did load above it in that time (so the test saw the page move under the heading)...
    await expect.poll(() => page.locator('[data-figure-loading]').count()).toBe(0);
    // ...and the heading sits at its scroll margin (5rem) at the end, as in most samples on the way.
    expect(Math.abs(tops.at(-1)! - 80)).toBeLessThanOrEqual(2);
    expect(tops.filter((top) => Math.abs(top - 80) <= 2).length).toBeGreaterThanOrEqual(20);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the dLLM lab at /lab, and names what an unknown address is not', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/lab');
    await page.waitForURL(BASE_URL + '/lab/dllm');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lab: the small diffusion language model');
    const missing = await page.goto(BASE_URL + '/lab/no-such-lab');
    expect(missing?.status()).toBe(404);
    expect(await page.locator('.not-found p').first().textContent()).toContain('does not match a lesson, the lab or the playground');
    await page.getByRole('link', { name: 'the dLLM lab' }).click();
    await page.waitForURL(BASE_URL + '/lab/dllm');
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(BASE_URL + '/lessons/welcome');
    await page.getByTestId('your-machine').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('gives the 404 page, with a way back to the map, for an unknown lesson', async () => {
    const { context, page, errors } = await newPage(browser);
    const response = await page.goto(BASE_URL + '/lessons/no-such-lesson');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nothing at this address');
    await page.getByRole('link', { name: 'Back to the course map' }).click();
    await page.waitForURL(BASE_URL + '/');
    // The only console error allowed is the browser's own note about the 404 response itself.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});
