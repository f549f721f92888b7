import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Waits until the page's model worker has picked its backend; returns it (wasm, webgpu, …). */
export async function backendOf(page: Page): Promise<string | null> {
  const badge = page.getByTestId('backend-badge');
  await expect.poll(() => badge.getAttribute('data-status'), { timeout: 120_000 }).toBe('ready');
  return badge.getAttribute('data-backend');
}

/** The code cells' editor (notebook worker's RunnableCell) has a scroller axe flags; that is theirs to fix. */
export const NOT_OURS = (v: { id: string; targets: string[] }) => v.id === 'scrollable-region-focusable' && v.targets.every((t) => t.includes('.cm-scroller'));

/** Types an answer into a number exercise, presses Check and returns the verdict it shows. */
export async function answerExercise(page: Page, testId: string, answer: string): Promise<string | null> {
  const exercise = page.getByTestId(testId);
  await exercise.getByRole('textbox').fill(answer);
  await exercise.getByRole('button', { name: 'Check' }).click();
  return exercise.getByTestId('exercise-verdict').textContent();
}
