// Debian's Chromium driven by playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { resultsDir } from './gateway.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Saves a screenshot of `page` under test-results/<test>/<step>.png. */
export async function snap(page, test, step, options = {}) {
  const dir = resolve(resultsDir, test);
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${step}.png`);
  await page.screenshot({ path, fullPage: false, ...options });
  return path;
}
