import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, watchConsole } from './support/browser';
import { horizontalOverflow } from './support/overflow';
import { EMBED_IDS } from '@/lib/content/embeds';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

const counter = (page: Page) => page.getByTestId('slide-counter').textContent();
const viewportScroll = (page: Page) => page.getByTestId('deck-viewport').evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }));

/** What a Page Down did: scrolled the slide, or moved to the next one. */
async function afterPageDown(page: Page, slide: number, topBefore: number): Promise<'scrolled' | 'next slide'> {
  let what: 'scrolled' | 'next slide' | 'stuck' = 'stuck';
  await expect.poll(async () => {
    if ((await counter(page))?.startsWith(`Slide ${slide + 1} `)) what = 'next slide';
    else if ((await viewportScroll(page)).top > topBefore + 1) what = 'scrolled';
    return what;
  }).not.toBe('stuck');
  return what as 'scrolled' | 'next slide';
}

describe('present mode on a projector', () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    it(`at ${width}x${height}: big type, every slide opens at its top, fits the width, and Page Down reads it to the end before moving on`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const errors = watchConsole(page);
      await page.goto(`${BASE_URL}/lessons/ddpm/present`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // Keys work once the deck has hydrated (it has counted its slides); a key before that is lost.
      await page.locator('[data-testid="present-deck"][data-ready="true"]').waitFor();
      const total = await page.locator('.deck__content > section.lesson-section').count();
      // Readable from the back of a room: body text at least 20 px at 720p, 26 px at 1080p.
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => counter(page)).toBe(`Slide 1 of ${total}`);
      const bodySize = await page.locator('.deck__content section:visible p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
      expect(bodySize).toBeGreaterThanOrEqual(width === 1920 ? 26 : 20);
      // The page itself never scrolls: the slide scrolls inside the deck, above the controls.
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

      let longSlides = 0;
      for (let slide = 1; slide <= total; slide++) {
        await expect.poll(() => counter(page)).toMatch(new RegExp(`^Slide ${slide} of ${total}`));
        // opens at its top, with its heading in view
        expect((await viewportScroll(page)).top).toBe(0);
        const heading = page.locator('.deck__content section:visible h2').first();
        if (await heading.count()) {
          const box = await heading.boundingBox();
          expect(box!.y).toBeGreaterThanOrEqual(0);
          expect(box!.y + box!.height).toBeLessThanOrEqual(height);
        }
        const overflow = await page.locator('.deck__content').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `slide ${slide} is wider than the screen`).toBeLessThanOrEqual(1);
        // Page Down: within the slide while there is more of it, then the next slide.
        let presses = 0;
        for (;;) {
          const before = await viewportScroll(page);
          await page.keyboard.press('PageDown');
          presses++;
          if (slide === total && before.top >= before.max - 1) break;
          const moved = await afterPageDown(page, slide, before.top);
          if (moved === 'next slide') {
            // it only moved on once the end of the slide was in view
            expect(before.top).toBeGreaterThanOrEqual(before.max - 1);
            break;
          }
          expect(presses).toBeLessThan(20);
        }
        if (presses > 1) longSlides++;
      }
      console.log(`present ddpm ${width}x${height}: ${total} slides, ${longSlides} read in more than one screenful`);
      expect(errors).toEqual([]);
      await context.close();
    }, 600_000);
  }

  it('has a full-screen toggle', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/lessons/noise/present`);
    const button = page.getByRole('button', { name: 'Full screen' });
    expect(await button.getAttribute('aria-keyshortcuts')).toBe('F');
    await context.close();
  });
});

/** The README's embed snippet, as written there. */
function readmeSnippet(): string {
  const readme = readFileSync('README.md', 'utf8');
  const match = /<!-- embed-snippet[^>]*-->\s*```html\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no embed snippet');
  return match[1];
}

describe('embeds in a host page', () => {
  let hostPage = '';
  let hostUrl = '';
  let server: Server;
  beforeAll(async () => {
    server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  for (const width of [380, 760]) {
    it(`every widget fits a ${width} px host with the README's snippet: no scrolling inside or sideways`, async () => {
      const context = await browser.newContext({ viewport: { width: width + 40, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const snippet = readmeSnippet();
      const failures: string[] = [];
      for (const id of EMBED_IDS) {
        const html = snippet.replace('https://your-host/embed/sampler-race', `${BASE_URL}/embed/${id}`).replace('title="DDIM vs DDPM"', `title="${id}"`);
        // The host page is served from another origin on this machine: an about:blank page, or one a
        // test route fulfils (no address), would be refused by Chromium's local-network checks.
        hostPage = `<!doctype html><body style="margin:0;padding:0 20px"><div style="width:${width}px">${html}</div></body>`;
        await page.goto(hostUrl);
        const frameElement = page.locator('iframe');
        const frame = await (await frameElement.elementHandle())!.contentFrame();
        await frame!.waitForSelector('[data-testid="embed"]');
        await page.waitForTimeout(500);
        // the embed told the host its height, and the snippet applied it
        await expect.poll(() => frameElement.evaluate((f) => f.style.height)).not.toBe('480px');
        // A widget may still grow after its first report (a table filling in); the host follows
        // each report, so give the last one up to 10 s to arrive before calling the frame too short.
        const measure = () => frame!.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, clientHeight: document.documentElement.clientHeight }));
        let inside = await measure();
        for (const started = Date.now(); inside.scrollHeight > inside.clientHeight + 1 && Date.now() - started < 10_000;) {
          await page.waitForTimeout(250);
          inside = await measure();
        }
        const overflow = await horizontalOverflow(frame!);
        if (inside.scrollHeight > inside.clientHeight + 1) failures.push(`${id}: needs ${inside.scrollHeight} px, has ${inside.clientHeight} px`);
        if (overflow.scrollWidth > overflow.viewport) failures.push(`${id}: ${overflow.scrollWidth} px wide in ${overflow.viewport} px; ${overflow.culprits.join(', ')}`);
      }
      expect(failures).toEqual([]);
      await context.close();
    }, 600_000);
  }
});
