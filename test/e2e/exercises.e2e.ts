import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE_URL, launchChromium, newPage, watchConsole } from './support/browser';
import { bringIntoView, runAndWait } from './support/cells';
import { CODE_EXERCISES } from '@/lib/exercises/code-exercises';
import { PREDICTIONS } from '@/lib/exercises/predictions';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium({ webgpu: false }); });
afterAll(async () => { await browser?.close(); });

/** Lessons 00-09, each with its code exercise and one of its predictions. */
const LESSONS: Array<{ slug: string; exercise: string; prediction: string }> = [
  { slug: 'welcome', exercise: 'forward-passes', prediction: 'race-wall-clock' },
  { slug: 'autoregression', exercise: 'top-k-probs', prediction: 'kv-cache-passes' },
  { slug: 'noise', exercise: 'noisy-at', prediction: 'cosine-snr-crossing' },
  { slug: 'ddpm', exercise: 'ddpm-step', prediction: 'elbo-weight-shape' },
  { slug: 'score', exercise: 'gaussian-score', prediction: 'langevin-variance' },
  { slug: 'ddim', exercise: 'ddim-step', prediction: 'ddim-eta-one' },
  { slug: 'guidance', exercise: 'guided-eps', prediction: 'cfg-spread' },
  { slug: 'discrete', exercise: 'absorbing-posterior', prediction: 'revisable-tokens' },
  { slug: 'sedd', exercise: 'score-entropy', prediction: 'product-of-marginals' },
  { slug: 'masked-diffusion', exercise: 'masked-diffusion-loss', prediction: 'mirror-k2' },
];

/** The code cell bound to an exercise: the one whose panel is titled with the exercise's title. */
async function exerciseCell(page: Page, title: string): Promise<Locator> {
  const cell = page.locator('[data-testid="code-cell"]').filter({ has: page.getByRole('region', { name: `Exercise: ${title}` }) });
  await bringIntoView(cell); // its editor is created near the viewport
  await cell.locator('.cm-content').waitFor();
  return cell;
}

describe('exercises in every lesson 00-09', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.slug}: the starter code fails on a named case with a hint, the solution passes, and a prediction is revealed and saved`, async () => {
      const exercise = CODE_EXERCISES[lesson.exercise];
      const question = PREDICTIONS[lesson.prediction];
      // No eager figures: only the exercise and the prediction are under test here.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const errors = watchConsole(page);
      await page.goto(`${BASE_URL}/lessons/${lesson.slug}?backend=cpu`);

      // A wrong answer: the lesson's starter code.
      const cell = await exerciseCell(page, exercise.title);
      await runAndWait(cell, 'done', 90_000);
      const result = cell.getByTestId('exercise-result');
      expect(await result.textContent()).toMatch(/^Not yet: .+: (expected|your code threw)/);
      expect(await cell.getByTestId('exercise-hints').textContent()).toContain(`Hint 1: ${exercise.hints[0]}`);
      await cell.getByRole('button', { name: /Show the next hint \(2 of/ }).click();
      expect(await cell.getByTestId('exercise-hints').locator('li').count()).toBe(2);

      // A right answer: the revealed solution.
      await cell.getByText('Show the solution').click();
      await cell.getByRole('button', { name: 'Put the solution in the editor' }).click();
      await expect.poll(() => cell.locator('.cm-content').textContent()).toContain(`function ${exercise.functionName}`);
      await runAndWait(cell, 'done', 90_000);
      expect(await result.textContent()).toMatch(/^Passed: all \d+ cases are right/);

      // The prediction: nothing is revealed before committing; then the verdict and why.
      const predict = page.getByTestId(`predict-${question.id}`);
      await predict.scrollIntoViewIfNeeded();
      expect(await predict.getByTestId('predict-verdict').count()).toBe(0);
      const wrong = question.options.find((o) => o.id !== question.answer)!;
      await predict.getByLabel(wrong.label, { exact: true }).check();
      await predict.getByRole('button', { name: 'Commit my prediction' }).click();
      const verdict = predict.getByTestId('predict-verdict');
      expect(await verdict.textContent()).toContain('Not quite: the answer is');
      expect(await verdict.textContent()).toContain(question.explanation.slice(0, 40));
      expect(await predict.getByLabel(wrong.label, { exact: true }).isDisabled()).toBe(true);
      if (question.reveal) expect(await predict.getByTestId('predict-numbers').locator('tr').count()).toBe(question.reveal().length);

      // Both are in the reader's progress: the course map counts the exercise, and the prediction
      // is still committed after a reload.
      await page.reload();
      const again = page.getByTestId(`predict-${question.id}`);
      expect(await again.getByTestId('predict-verdict').textContent()).toContain('Not quite');
      const stored = await page.evaluate(() => window.localStorage.getItem('marble.progress.v1'));
      const progress = JSON.parse(stored ?? '{}');
      expect(progress.lessons[lesson.slug].exercisesPassed).toContain(exercise.id);
      expect(progress.lessons[lesson.slug].predictions[question.id]).toEqual({ choice: wrong.id, right: false });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("autoregression: the sampling figure runs the real twin, and temperature and top-k reshape its bars", async () => {
    const { context, page, errors } = await newPage(browser); // figures mount at once, not only near the viewport
    page.setDefaultTimeout(90_000);
    await page.goto(`${BASE_URL}/lessons/autoregression?backend=cpu`);
    const figure = page.getByTestId('sampling-bars');
    await figure.scrollIntoViewIfNeeded();
    const rows = figure.getByTestId('sampling-row');
    await rows.first().waitFor();
    const topP = async () => Number(await rows.first().getAttribute('data-p'));
    const atOne = await topP();
    expect(atOne).toBeGreaterThan(0);
    expect(atOne).toBeLessThan(1);
    await figure.getByTestId('sampling-temperature').fill('0.3');
    await expect.poll(topP).toBeGreaterThan(atOne);
    await figure.getByTestId('sampling-temperature').fill('3');
    await expect.poll(topP).toBeLessThan(atOne);
    await figure.getByTestId('sampling-topk').fill('3');
    await expect.poll(() => figure.getByTestId('sampling-status').textContent()).toContain('3 characters can be drawn');
    const drawable = await rows.evaluateAll((trs) => trs.filter((tr) => Number(tr.getAttribute('data-p')) > 0).length);
    expect(drawable).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a right prediction says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${BASE_URL}/lessons/noise?backend=cpu`);
    const question = PREDICTIONS['cosine-snr-crossing'];
    const predict = page.getByTestId(`predict-${question.id}`);
    // The question hydrates after the page (its code is its own chunk): a choice made before is lost.
    await page.locator(`[data-testid="predict-${question.id}"][data-ready="true"]`).waitFor();
    const commit = predict.getByRole('button', { name: 'Commit my prediction' });
    expect(await commit.isDisabled()).toBe(true); // nothing chosen yet
    await predict.getByLabel(question.options.find((o) => o.id === question.answer)!.label, { exact: true }).check();
    await commit.click();
    expect(await predict.getByTestId('predict-verdict').textContent()).toMatch(/^Right\./);
    expect(await predict.getByTestId('predict-numbers').textContent()).toContain('cosine schedule: abar_t < 1/2 from t =497');
    expect(errors).toEqual([]);
    await context.close();
  });
});
