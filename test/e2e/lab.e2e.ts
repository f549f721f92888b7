import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runLabDecode, type LabResult } from '@/lib/dllm/lab/lab-decode';
import { racePrompts } from '@/components/widgets/dllm/race-prompts';
import { DEFAULT_RACE_METHOD, defaultLabKnobs } from '@/lib/dllm/lab/lab-methods';
import { METHODS } from '@/lib/dllm/methods';
import { useNodeBackend } from '@/test/support/tf-node';
import { SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';
import { BASE_URL, launchChromium, newPage } from './support/browser';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

/** The page's defaults: its method, the first race prompt (a long copy answer) and its canvas, the method table's knobs. */
const METHOD = DEFAULT_RACE_METHOD;
/** The diffusion model the default method runs: the one whose weights the damaged-file test breaks. */
const DLLM_MODEL = METHODS[METHOD].models.find((m) => m !== 'ar')!;
const DEFAULT_PROMPT = racePrompts()[0];
const KNOBS = { ...defaultLabKnobs(DEFAULT_PROMPT.genLength), seed: 1 };

/** The same decode in Node on wasm, reading the shipped weights from public/: the reference. */
async function referenceDecode(method: typeof METHOD | 'ar-kv', prompt: string): Promise<LabResult> {
  await useNodeBackend('wasm');
  const fetchBytes = async (url: string) => {
    const bytes = await readFile(path.join('public', url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };
  const run = runLabDecode({ method, prompt, ...KNOBS }, { fetchBytes });
  for (;;) {
    const next = await run.next();
    if (next.done) return next.value;
  }
}

async function raceOnce(page: Page) {
  await page.getByRole('button', { name: 'Run both' }).click();
  for (const side of ['race-dllm', 'race-ar']) {
    await expect.poll(() => page.getByTestId(side).getAttribute('data-status'), { timeout: 150_000 }).toMatch(/done|error/);
  }
  return {
    dllm: await page.getByTestId('race-dllm-answer').textContent(),
    ar: await page.getByTestId('race-ar-answer').textContent(),
    dllmNfe: Number(await page.getByTestId('race-dllm-nfe').textContent()),
    arNfe: Number(await page.getByTestId('race-ar-nfe').textContent()),
    status: [await page.getByTestId('race-dllm').getAttribute('data-status'), await page.getByTestId('race-ar').getAttribute('data-status')],
  };
}

describe('/lab/dllm', () => {
  for (const backend of ['wasm', 'webgpu'] as const) {
    it(`generates the same answers in Chromium on ${backend} as the library does in Node`, async () => {
      const prompt = DEFAULT_PROMPT.prompt;
      const [dllmRef, arRef] = [await referenceDecode(METHOD, prompt), await referenceDecode('ar-kv', prompt)];
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${BASE_URL}/lab/dllm?backend=${backend}`);
      await page.getByTestId('dllm-race').waitFor();
      const race = await raceOnce(page);
      expect(race.status).toEqual(['done', 'done']);
      expect(race.dllm).toBe(dllmRef.answerText || '(empty answer)');
      expect(race.ar).toBe(arRef.answerText || '(empty answer)');
      expect(race.dllmNfe).toBe(dllmRef.nfe);
      expect(race.arNfe).toBe(arRef.nfe);
      // the default prompt is a long answer, and the verdict says what each racer wrote, as the library scored it
      expect(DEFAULT_PROMPT.group).toBe('long');
      const said = (r: LabResult) => (r.correct ? 'the right answer' : 'a wrong answer');
      expect(await page.getByTestId('race-verdict').textContent()).toMatch(new RegExp(`diffusion model wrote ${said(dllmRef)} in \\d+ ms .*twin wrote ${said(arRef)}`));
      expect(await page.getByTestId('backend-badge').getAttribute('data-backend')).toBe(backend);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('says which weights file is damaged, and the page stays usable', async () => {
    const { context, page, errors } = await newPage(browser);
    // Serve a truncated copy of the diffusion model's weights (the AR twin's stay intact).
    await context.route(`**/models/${DLLM_MODEL}/v${SHIPPED_LM_VERSION}/weights.bin`, (route) => route.fulfill({ status: 200, body: Buffer.alloc(1000), contentType: 'application/octet-stream' }));
    await page.goto(`${BASE_URL}/lab/dllm?backend=wasm`);
    const race = await raceOnce(page);
    expect(race.status).toEqual(['error', 'done']);
    const message = await page.getByTestId('race-dllm').getByRole('alert').textContent();
    expect(message).toMatch(/weights\.bin/);
    expect(message).toMatch(/1000 bytes|truncated|length/i);
    expect(race.ar ?? '').not.toBe('');
    // the page still works: another method on the intact AR model runs
    await page.getByLabel('Method').selectOption('ar-nocache');
    const again = await raceOnce(page);
    expect(again.status).toEqual(['done', 'done']);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('explains a prompt with characters the models do not know, and refuses to run it', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${BASE_URL}/lab/dllm?backend=wasm`);
    await page.getByLabel('Or type a prompt').fill('add:2€+3=');
    expect(await page.getByTestId('race-prompt-error').textContent()).toContain('unknown character "€"');
    expect(await page.getByRole('button', { name: 'Run both' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
