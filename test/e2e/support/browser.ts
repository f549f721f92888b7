import { chromium, type Browser, type BrowserContext, type Page, type ConsoleMessage } from 'playwright-core';

/** The site under test (scripts/run-e2e.mjs starts `next start` there). */
export const BASE_URL = process.env.MARBLE_BASE_URL ?? 'http://127.0.0.1:3123';

/**
 * Debian's Chromium, headless, as root, with WebGPU on (SwiftShader); flags from TOOLCHAIN.md.
 * playwright gives every launch a fresh temporary profile (the --user-data-dir of TOOLCHAIN.md).
 */
export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<Browser> {
  const args = [
    '--no-sandbox',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.webgpu !== false) args.push('--enable-unsafe-webgpu');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args });
}

/** Collects console errors and uncaught page errors, so each test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    // A failed load names only its status; add the address, so a failure says what went missing.
    const where = /Failed to load resource/.test(message.text()) ? message.location()?.url : undefined;
    errors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/**
 * Lessons mount live figures and code editors only near the viewport
 * (components/hooks/use-near-viewport.ts); a context made with this mounts them all at once, for
 * tests that look for a figure or an editor anywhere.
 */
export async function eagerFigures(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => { (window as { __MARBLE_EAGER_FIGURES__?: boolean }).__MARBLE_EAGER_FIGURES__ = true; });
}

/**
 * A fresh context and page with every figure and editor eager (`eager: false`: as a reader gets
 * them, near the viewport). The site's service worker is blocked unless a test asks for it (the
 * offline test): a request the worker answers from its cache, or fetches itself, would pass by the
 * routes a test sets to fake a missing or corrupted file.
 */
export async function newPage(browser: Browser, options: { serviceWorkers?: 'allow' | 'block'; eager?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: options.serviceWorkers ?? 'block' });
  if (options.eager ?? true) await eagerFigures(context);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page, errors: watchConsole(page) };
}
