import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { setCode } from './support/cells';
import { seriousAccessibilityViolations } from './support/axe';
import { LONG_MAX_LEN } from '@/lib/models/transformer/config';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

const PLAYGROUND = `${BASE_URL}/playground?backend=cpu`;

/** What the reader sees of each cell: kind and text (CodeMirror joins lines; both sides alike). */
async function cellTexts(page: Page): Promise<string[]> {
  // Every code editor turns into CodeMirror on its own schedule; wait for all of them.
  await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
  await expect.poll(() => page.locator('[data-testid="code-cell"] .nb-editor[data-enhanced="false"]').count()).toBe(0);
  return page.locator('[data-testid="code-cell"], [data-testid="markdown-cell"]').evaluateAll((cells) => cells.map((c) => (
    c.getAttribute('data-testid') === 'code-cell'
      ? `code: ${c.querySelector('.cm-content')?.textContent}`
      : `markdown: ${c.querySelector('.nb-md__rendered, textarea')?.textContent}`
  )));
}

/** The notebooks saved in IndexedDB (components/notebook/notebook-db.ts), in id order. */
const savedNotebooks = (page: Page) => page.evaluate(() => new Promise<unknown[]>((resolve, reject) => {
  const open = indexedDB.open('marble-notebooks');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('notebooks').objectStore('notebooks').getAll();
    all.onsuccess = () => { open.result.close(); resolve(all.result); };
    all.onerror = () => reject(all.error);
  };
}));

describe('the playground', () => {
  it('builds, saves and shares a notebook that opens identically, unrun, in a new browser', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(PLAYGROUND);
    await page.getByRole('button', { name: 'New notebook' }).click();
    const name = page.getByLabel('Notebook name');
    await name.fill('Moons and masks');
    await name.press('Enter');
    await setCode(page, page.locator('[data-testid="code-cell"]').nth(0), 'show(21 * 2)');
    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    await page.getByLabel('Markdown of markdown cell 2').fill('## Notes\n\nThe square: $x^2$.');
    await page.getByRole('button', { name: 'Done editing' }).click();
    await page.locator('[data-testid="markdown-cell"] .katex').waitFor();
    await page.getByRole('button', { name: 'Add code cell' }).click();
    await setCode(page, page.locator('[data-testid="code-cell"]').nth(1), 'plot([1, 4, 9])');
    await page.getByRole('button', { name: 'Move code cell 3 up' }).click();
    expect((await cellTexts(page)).map((t) => t.split(':')[0])).toEqual(['code', 'code', 'markdown']);

    await page.getByRole('toolbar', { name: 'Notebook actions' }).getByRole('button', { name: 'Run all' }).click();
    const cells = page.locator('[data-testid="code-cell"]');
    await expect.poll(() => cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), { timeout: 60_000 }).toEqual(['done', 'done']);
    expect(await cells.nth(0).getByTestId('cell-output').textContent()).toContain('42');
    await cells.nth(1).getByTestId('cell-plot').locator('svg path[stroke]').first().waitFor();

    // Saved: a reload shows the same notebook.
    const before = await cellTexts(page);
    await page.reload();
    expect(await page.getByLabel('Notebook name').inputValue()).toBe('Moons and masks');
    expect(await cellTexts(page)).toEqual(before);

    await page.getByRole('button', { name: 'Share link' }).click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/\/playground#nb=v1\./);

    const other = await newPage(browser);
    await other.page.goto(url);
    await other.page.getByText('Opened the shared notebook “Moons and masks”').waitFor();
    expect(await other.page.getByLabel('Notebook name').inputValue()).toBe('Moons and masks');
    expect(await cellTexts(other.page)).toEqual(before);
    const statuses = await other.page.locator('[data-testid="code-cell"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['idle', 'idle']);
    expect(await other.page.getByTestId('cell-output').count()).toBe(0);
    expect(other.errors).toEqual([]);
    await other.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a damaged link and a bad file with a clear message, keeping saved notebooks; exports and re-imports .ipynb', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(PLAYGROUND);
    await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
    // Saved a moment after the first load (edits are written 250 ms after the last change).
    await expect.poll(() => savedNotebooks(page)).toHaveLength(1);
    const saved = await savedNotebooks(page);

    await page.goto('about:blank');
    await page.goto(`${PLAYGROUND}#nb=v1.AAAAbroken-link`);
    await page.getByText('The shared link is damaged').waitFor();
    expect(await page.getByTestId('playground-notices').textContent()).toContain('Your saved notebooks were not changed');
    expect(await savedNotebooks(page)).toEqual(saved);

    await page.getByTestId('import-file').setInputFiles({ name: 'broken.ipynb', mimeType: 'application/json', buffer: Buffer.from('{"nbformat": 4, "cells": ') });
    await page.getByText('This file is not a Jupyter notebook').waitFor();
    expect(await page.getByTestId('notebook-list').getByRole('button').count()).toBe(1);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export .ipynb' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('TensorFlow-js-basics.ipynb');
    const text = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ nbformat: 4, metadata: { kernelspec: { language: 'typescript' } } });
    await page.getByTestId('import-file').setInputFiles({ name: 'again.ipynb', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByText('Imported “TensorFlow.js basics” from again.ipynb').waitFor();
    expect(await page.getByTestId('notebook-list').getByRole('button').count()).toBe(2);

    // A notebook too big for a link is refused with the reason (high-entropy text barely compresses).
    let state = 12345;
    const noise = Array.from({ length: 80_000 }, () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return (state >>> 24).toString(16); }).join('');
    await page.getByTestId('import-file').setInputFiles({ name: 'big.ts', mimeType: 'text/typescript', buffer: Buffer.from(`const noise = "${noise}";\n`) });
    await page.getByText('Imported “big” from big.ts').waitFor();
    await page.getByRole('button', { name: 'Share link' }).click();
    await page.getByText('This notebook is too large to share as a link').waitFor();
    expect(await page.getByTestId('share-url').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs the dLLM template: the cell loads the trained model from the site and decodes', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(PLAYGROUND);
    await page.getByRole('button', { name: 'Decode with the small dLLM' }).click();
    await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
    await page.getByRole('toolbar', { name: 'Notebook actions' }).getByRole('button', { name: 'Run all' }).click();
    const cells = page.locator('[data-testid="code-cell"]');
    await expect.poll(() => cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), { timeout: 120_000 }).toEqual(['done', 'done']);
    // Outputs join a few per frame after the cell is done: wait until every one is shown.
    const decoded = cells.nth(1).getByTestId('cell-output');
    await expect.poll(async () => (await decoded.getAttribute('data-shown')) === (await decoded.getAttribute('data-outputs')), { timeout: 20_000 }).toBe(true);
    expect(await cells.nth(0).getByTestId('cell-output').textContent()).toContain(`${LONG_MAX_LEN} positions`);
    expect(await decoded.textContent()).toMatch(/\d+ forward passes: /);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(PLAYGROUND);
    await page.locator('[data-testid="code-cell"] .cm-content').first().waitFor();
    await page.locator('[data-testid="markdown-cell"] .katex').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
