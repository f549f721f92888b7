/** Driving a notebook cell in the page: open one in a lesson, replace its code as a paste would, run it. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BASE_URL } from './browser';

/** A lesson with runnable cells, on the cpu backend (no backend measurement to wait for). */
export const CELL_LESSON = `${BASE_URL}/lessons/welcome?backend=cpu`;

/** Opens the lesson and returns its cell `id` once CodeMirror has replaced the plain textarea. */
export async function openCell(page: Page, id = 'cell-1', url = CELL_LESSON): Promise<Locator> {
  await page.goto(url);
  const cell = page.locator(`[data-testid="code-cell"][data-cell-id="${id}"]`);
  await cell.locator('.cm-content').waitFor();
  return cell;
}

/**
 * Scrolls `target` to the middle of the screen as the page's own scrollIntoView does. Playwright's
 * scrollIntoViewIfNeeded goes by the box the element had when its lesson section was last laid
 * out; a section off screen is skipped (content-visibility: auto), so the element can land 2,000 px
 * away from where that box said, and its lazy editor or figure never comes near the viewport.
 */
export async function bringIntoView(target: Locator): Promise<void> {
  await target.waitFor({ state: 'attached' });
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

/** Replaces the code of the editor inside `scope`, as a paste would (no autocomplete popups in the way). */
export async function setCode(page: Page, scope: Locator, code: string): Promise<void> {
  await scope.locator('.cm-content').waitFor();
  await scope.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** Presses the cell's Run and waits for its status. */
export async function runAndWait(cell: Locator, status: 'done' | 'error' = 'done', timeout = 60_000): Promise<void> {
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(() => cell.getAttribute('data-status'), { timeout }).toBe(status);
}
