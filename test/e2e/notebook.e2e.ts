import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchChromium, newPage } from './support/browser';
import { openCell, runAndWait, setCode } from './support/cells';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

// The cpu backend starts fastest in this headless browser; the cells do not depend on it.

describe('runnable cells in a lesson', () => {
  it('runs edited code off the page and shows its output and a plot', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page, 'cell-1');
    expect(await cell.getAttribute('data-status')).toBe('idle');
    await setCode(page, cell, 'const xs = [1, 2, 3];\nshow(xs.map((x) => x * 10));\nconsole.log("sum", xs[0] + xs[1] + xs[2]);\nplot({ x: xs, y: xs.map((x) => x * x) }, { title: "squares" });');
    await runAndWait(cell);
    const output = cell.getByTestId('cell-output');
    expect(await output.textContent()).toContain('[10, 20, 30]');
    expect(await output.textContent()).toContain('sum 6');
    const plot = cell.getByTestId('cell-plot');
    await plot.locator('svg path[stroke]').first().waitFor();
    expect(await plot.locator('figcaption').textContent()).toMatch(/Line chart "squares": 1 series, 3 points/);
    // Reset brings the lesson's code back.
    await cell.getByRole('button', { name: 'Reset' }).click();
    expect(await cell.locator('.cm-content').textContent()).toContain('const length = 64');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops an infinite loop within 2 seconds, and the next run works', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page, 'cell-1');
    await setCode(page, cell, 'while (true) {}');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    await page.waitForTimeout(300); // the loop is spinning in the worker, the page still answers
    const started = Date.now();
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 2_000, interval: 50 }).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(2_000);
    await setCode(page, cell, 'show("alive after stop")');
    await runAndWait(cell);
    expect(await cell.getByTestId('cell-output').textContent()).toContain('alive after stop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cannot read localStorage, IndexedDB or the network from a cell', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page, 'cell-1');
    await page.evaluate(() => window.localStorage.setItem('marble.secret', 'page-only'));
    await setCode(page, cell, 'localStorage.getItem("marble.secret")');
    await runAndWait(cell, 'error');
    expect(await cell.getByTestId('cell-error').textContent()).toContain('localStorage is not available in Marble cells');
    await setCode(page, cell, 'indexedDB.open("marble")');
    await runAndWait(cell, 'error');
    expect(await cell.getByTestId('cell-error').textContent()).toContain('indexedDB is not available in Marble cells');
    await setCode(page, cell, 'await fetch("/")');
    await runAndWait(cell, 'error');
    expect(await cell.getByTestId('cell-error').textContent()).toContain('fetch is not available in Marble cells');
    await setCode(page, cell, 'show(typeof document, typeof window)');
    await runAndWait(cell);
    expect(await cell.getByTestId('cell-output').textContent()).toContain('undefined\nundefined');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks an exercise: fails on wrong code with the case, passes on the solution, and the map shows it', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page, 'cell-2');
    await runAndWait(cell);
    const result = cell.getByTestId('exercise-result');
    expect(await result.textContent()).toContain('Not yet: 10 tokens, 3 per step');
    expect(await cell.getByTestId('exercise-hints').textContent()).toContain('Hint 1:');
    await cell.getByText('Show the solution').click();
    await cell.getByRole('button', { name: 'Put the solution in the editor' }).click();
    await expect.poll(() => cell.locator('.cm-content').textContent()).toContain('Math.ceil');
    await runAndWait(cell);
    expect(await result.textContent()).toContain('Passed: all 5 cases are right');
    await page.goto(BASE_URL + '/');
    const stop = page.locator('[data-testid="course-stop"][data-slug="welcome"]');
    await expect.poll(() => stop.textContent()).toContain('1 exercise passed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works from the keyboard alone: Tab into the editor, type, Shift+Enter', async () => {
    const { context, page, errors } = await newPage(browser);
    const cell = await openCell(page, 'cell-1');
    await cell.getByRole('button', { name: 'Run all' }).focus();
    let inEditor = false;
    for (let i = 0; i < 6 && !inEditor; i++) {
      await page.keyboard.press('Tab');
      inEditor = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
    }
    expect(inEditor).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('show(6 * 7)');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await cell.getByTestId('cell-output').textContent()).toContain('42');
    expect(errors).toEqual([]);
    await context.close();
  });
});
