import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { COURSE_PATH } from '@/lib/content/course';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { seriousAccessibilityViolations } from './support/axe';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe('the course map', () => {
  it('lists every lesson of the path in order, links each written one, and marks any unwritten one coming', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/');
    const stops = page.getByTestId('course-stop');
    await expect.poll(() => stops.count()).toBe(COURSE_PATH.length);
    const slugs = await stops.evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
    expect(slugs).toEqual(COURSE_PATH.map((s) => s.slug));

    const welcome = page.locator('[data-slug=welcome]');
    await expect.poll(() => welcome.getAttribute('data-state')).toBe('new');
    expect(await welcome.getByRole('link', { name: 'Welcome' }).getAttribute('href')).toBe('/lessons/welcome');
    // The written lessons are the MDX files; each has a link, and a stop without one says it is coming.
    const written = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx')).length;
    expect(await page.locator('[data-testid=course-stop] h3 a').count()).toBe(written);
    const coming = page.locator('[data-state=coming]');
    expect(await coming.count()).toBe(COURSE_PATH.length - written);
    expect(await coming.locator('a').count()).toBe(0);
    expect(await page.getByTestId('progress-summary').textContent()).toBe(`0 of ${written} lessons visited${written < COURSE_PATH.length ? ` · ${COURSE_PATH.length - written} coming` : ''}`);

    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/course-map.png', clip: { x: 0, y: 0, width: 1280, height: 900 } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(BASE_URL + '/');
    await page.getByTestId('course-stop').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('remembers visited lessons across a reload, and forgets them when cleared', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(BASE_URL + '/');
    await page.locator('[data-slug=welcome]').getByRole('link', { name: 'Welcome' }).click();
    await page.waitForURL('**/lessons/welcome');
    await expect.poll(() => page.getByTestId('lesson-status').textContent()).toBe('Visited');

    // The site header's link: always on screen. (The lesson's own "← Course map" sits below sections that
    // render lazily, so under load the link can move between Playwright's hit test and its click.)
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Course map', exact: true }).click();
    await page.waitForURL(BASE_URL + '/');
    await page.reload();
    const welcome = page.locator('[data-slug=welcome]');
    await expect.poll(() => welcome.getAttribute('data-state')).toBe('visited');
    await expect.poll(() => page.getByTestId('progress-summary').textContent()).toMatch(/^1 of \d+ lessons visited/);

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Clear my progress' }).click();
    await expect.poll(() => welcome.getAttribute('data-state')).toBe('new');
    await page.reload();
    await expect.poll(() => welcome.getAttribute('data-state')).toBe('new');
    expect(errors).toEqual([]);
    await context.close();
  });
});
