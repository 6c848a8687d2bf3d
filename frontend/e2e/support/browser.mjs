// A Chromium driven by playwright-core (which downloads no browser of its own). Which one:
//   1. CHROMIUM_PATH, when set: that executable, or "npm" for the one below;
//   2. /usr/bin/chromium (Debian's chromium package), when it exists;
//   3. the Chromium that `npm ci` brings in the @sparticuz/chromium package (a brotli-compressed
//      build inside the npm package; no download at run time), unpacked on first use into
//      node_modules/.cache/chromium of this checkout (about 4 s; then reused).
// CI sets CHROMIUM_PATH=npm, so it walks the path of a machine with nothing but Node.js and a JDK.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { frontendDir, resultsDir } from './gateway.mjs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

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

/** The Chromium to run and where it came from: { executablePath, source }. */
export async function chromiumExecutable(env = process.env) {
  const setting = env.CHROMIUM_PATH;
  if (setting && setting !== 'npm') {
    if (!existsSync(setting)) throw new Error(`CHROMIUM_PATH=${setting} does not exist`);
    return { executablePath: setting, source: 'CHROMIUM_PATH' };
  }
  if (setting !== 'npm' && existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, source: SYSTEM_CHROMIUM };
  }
  return { executablePath: await npmChromium(), source: '@sparticuz/chromium' };
}

let unpacked;

/** Unpacks the npm package's Chromium once per process, under this checkout (not a shared /tmp). */
function npmChromium() {
  unpacked ??= (async () => {
    const cache = resolve(frontendDir, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    // The package unpacks into os.tmpdir()/chromium; point that at our cache while it does.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = cache;
    try {
      const { default: sparticuz } = await import('@sparticuz/chromium');
      return await sparticuz.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  })();
  return unpacked;
}

export async function launchBrowser() {
  const { executablePath, source } = await chromiumExecutable();
  if (!launchBrowser.announced) {
    launchBrowser.announced = true;
    console.log(`# browser: ${executablePath} (${source})`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
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
