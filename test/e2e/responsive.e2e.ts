import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, watchConsole } from './support/browser';
import { everyRoute } from './support/routes';
import { horizontalOverflow } from './support/overflow';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

/** A phone, a tablet, a laptop. */
const WIDTHS = [390, 768, 1280] as const;
const SHOTS = 'test-results/responsive';

describe('every page fits the screen', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px nothing is wider than the screen (screenshots in ${SHOTS}/)`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: width < 800, isMobile: width < 800 });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const errors = watchConsole(page);
      const failures: string[] = [];
      for (const route of everyRoute()) {
        await page.goto(BASE_URL + route);
        // Widgets draw after hydration and measure their container; give them a moment.
        await page.waitForTimeout(400);
        const overflow = await horizontalOverflow(page);
        if (overflow.scrollWidth > overflow.viewport) {
          failures.push(`${route}: ${overflow.scrollWidth} px wide in a ${overflow.viewport} px screen; ${overflow.culprits.join(', ')}`);
        }
        await page.screenshot({ path: `${SHOTS}/${width}${route === '/' ? '/index' : route}.png` });
      }
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 900_000);
  }

  it('on a phone, the contents are folded above the lesson and never cover it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/lessons/ddpm`);
    const toc = page.getByTestId('toc');
    await expect.poll(() => toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await toc.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    // The contents sit above the article, not beside it.
    const tocBox = await toc.boundingBox();
    const articleBox = await page.locator('article.lesson').boundingBox();
    expect(tocBox!.y + tocBox!.height).toBeLessThanOrEqual(articleBox!.y + 1);
    // A tap opens them; a tap on an entry jumps there and folds them again.
    await toc.locator('summary').tap();
    const first = toc.getByRole('link').first();
    await first.waitFor({ state: 'visible' });
    const href = await first.getAttribute('href');
    await first.tap();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(href);
    await expect.poll(() => toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await context.close();
  });

  it('on a laptop, the contents stay open beside the lesson while it scrolls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/lessons/ddpm`);
    const toc = page.getByTestId('toc');
    await expect.poll(() => toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await toc.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    const tocBox = await toc.boundingBox();
    const articleBox = await page.locator('article.lesson').boundingBox();
    expect(tocBox!.x).toBeGreaterThanOrEqual(articleBox!.x + articleBox!.width);
    await context.close();
  });
});
