import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (installed by .ci/run), never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface LoadedPage {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** Every request that was not for the page file itself: an offline page makes none. */
  outsideRequests: string[];
  close(): Promise<void>;
}

/** Opens a local HTML file in headless Chromium, with every request off the file refused and recorded. */
export async function openPage(file: string, viewport = { width: 1400, height: 900 }): Promise<LoadedPage> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const outsideRequests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    outsideRequests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, outsideRequests, close: () => browser.close() };
}
