import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { setCode } from './support/cells';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe('a reader’s code edits', () => {
  it('survive a reload, are marked, and Reset brings the lesson’s code back for good', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lessons/welcome`);
    const cell = page.locator('[data-testid="code-cell"][data-cell-id="cell-1"]');
    await cell.locator('.cm-content').waitFor();
    const original = await cell.locator('.cm-content').textContent();
    expect(await cell.getByTestId('cell-edited').count()).toBe(0);

    await setCode(page, cell, 'show("my own code");');
    await cell.getByTestId('cell-edited').waitFor();

    await page.reload();
    await cell.locator('.cm-content').waitFor();
    await expect.poll(() => cell.locator('.cm-content').textContent()).toBe('show("my own code");');
    expect(await cell.getByTestId('cell-edited').textContent()).toContain('edited');
    // Another cell of the lesson kept the lesson's code.
    const second = page.locator('[data-testid="code-cell"][data-cell-id="cell-2"]');
    if (await second.count()) expect(await second.getByTestId('cell-edited').count()).toBe(0);

    await cell.getByRole('button', { name: 'Reset to the original' }).click();
    expect(await cell.locator('.cm-content').textContent()).toBe(original);
    expect(await cell.getByTestId('cell-edited').count()).toBe(0);
    await page.reload();
    await cell.locator('.cm-content').waitFor();
    await page.waitForTimeout(300);
    expect(await cell.locator('.cm-content').textContent()).toBe(original);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('marble.draft.')))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
