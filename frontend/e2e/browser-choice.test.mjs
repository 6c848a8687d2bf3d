// Which Chromium the browser tests run: a setting, else the system's, else the npm package's.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { chromiumExecutable, SYSTEM_CHROMIUM } from './support/browser.mjs';

test('CHROMIUM_PATH names the executable, and a wrong one is refused', async () => {
  await assert.rejects(chromiumExecutable({ CHROMIUM_PATH: '/nonexistent/chromium' }), /does not exist/);
  const node = process.execPath;
  assert.deepEqual(await chromiumExecutable({ CHROMIUM_PATH: node }), {
    executablePath: node,
    source: 'CHROMIUM_PATH',
  });
});

test('without a setting the system Chromium is preferred when there is one', async () => {
  const { source } = await chromiumExecutable({});
  assert.equal(source, existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : '@sparticuz/chromium');
});

test('CHROMIUM_PATH=npm unpacks the Chromium that npm ci brought, inside this checkout', async () => {
  const { executablePath, source } = await chromiumExecutable({ CHROMIUM_PATH: 'npm' });
  assert.equal(source, '@sparticuz/chromium');
  assert.ok(existsSync(executablePath), executablePath);
  assert.match(executablePath, /node_modules\/\.cache\/chromium$/);
});
