// The operator console (issue 20) in Chromium against the real local gateway (embedded MariaDB and
// Redis): sign-in, the live figures during a small sale driven through the API, pause and resume
// each behind a confirmation (a cancel changes nothing), a capacity change, and the audit log.
// UPDATE_DOCS_SCREENSHOTS=1 also writes docs/screenshots/operator-console.png.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations } from './support/axe.mjs';
import { DESKTOP, launchBrowser, snap } from './support/browser.mjs';
import { PERFORMANCE_ID } from './support/buyer.mjs';
import { repoRoot, startGateway } from './support/gateway.mjs';
import {
  admit,
  confirmHold,
  figure,
  holdSeats,
  join,
  poll,
  publicState,
  waitForFigure,
  waitForNextAnswer,
  waitForPublicSale,
} from './support/operator.mjs';

const NAME = 'operator-console';
// Only for this test's gateway: the local gateway signs in operator "operator" with it.
const PASSWORD = 'e2e-operator-password';
const TIMEOUT = 180_000;

describe('the operator console (local gateway, capacity 2)', { timeout: 900_000 }, () => {
  let gateway;
  let browser;
  let context;
  let page;
  const errors = [];
  const buyers = [];

  before(async () => {
    gateway = await startGateway(NAME, {
      QUEUE_CAPACITY: '2',
      OPERATOR_PASSWORD: PASSWORD,
      JOIN_LIMIT_PER_ADDRESS: '0',
      // A waiting buyer may poll every 5 s (so the test can ask it whether it is paused) and keeps
      // its place for the whole run between polls.
      POLL_AFTER_MAX_SECONDS: '5',
      RETENTION_SECONDS: '600',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ ...DESKTOP, baseURL: gateway.baseUrl });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });

  after(async () => {
    if (page) await snap(page, NAME, 'final', { fullPage: true }).catch(() => {});
    await context?.close().catch(() => {});
    await browser?.close();
    await gateway?.stop();
  });

  const badge = () => page.getByTestId('sale-state');
  const dialog = () => page.getByTestId('confirm-dialog');

  test('the buyer pages neither link to the console nor load its code', { timeout: TIMEOUT }, async () => {
    const scripts = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto('/');
    await page.getByTestId('performance-card').first().waitFor();
    await page.goto(`/performances/${PERFORMANCE_ID}`);
    await page.getByRole('button', { name: 'Join the queue' }).waitFor();
    assert.equal(await page.locator('a[href^="/operator"]').count(), 0, 'a buyer page links to the console');
    assert.ok(scripts.length > 0);
    assert.deepEqual(scripts.filter((u) => /OperatorApp/.test(u)), [], 'a buyer page loaded the console chunk');
    page.removeAllListeners('request');
  });

  test('sign-in: a wrong password is refused with a message, the right one enters; the token stays out of storage', { timeout: TIMEOUT }, async () => {
    await page.goto('/operator');
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await page.getByLabel('Operator', { exact: true }).fill('operator');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.textContent(), /do not match/);
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');
    await snap(page, NAME, '1-wrong-password');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    const [login] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/operator/login') && r.status() === 200),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    const { token } = await login.json();
    await page.getByRole('heading', { name: 'Choose a performance' }).waitFor();
    assert.equal(await page.getByTestId('operator-name').textContent(), 'operator');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(token), 'the operator token was written to web storage');
    await snap(page, NAME, '2-signed-in');
  });

  test('the live figures move during a small sale', { timeout: 300_000 }, async () => {
    await page.getByTestId('operator-performance').first().getByRole('link').click();
    await page.waitForURL(`**/operator/performances/${PERFORMANCE_ID}`);
    await page.locator('[data-testid="console-status"][data-status="live"]').waitFor({ timeout: 30_000 });
    assert.equal(await badge().getAttribute('data-state'), 'OPEN');
    const sold0 = await figure(page, 'seats-sold');
    assert.equal(await figure(page, 'waiting'), 0);
    assert.equal(await figure(page, 'capacity'), 2);

    // Six buyers join; with room for two, two are called and four wait.
    for (let i = 0; i < 6; i++) buyers.push(await join(gateway.baseUrl, PERFORMANCE_ID));
    await waitForFigure(page, 'waiting', (n) => n >= 4, '≥ 4 waiting');
    await waitForFigure(page, 'called', (n) => n >= 1, '≥ 1 called');
    await snap(page, NAME, '3-joined');

    // The first two claim their calls and each holds two seats, then confirms.
    const sessions = [];
    for (const b of buyers.slice(0, 2)) sessions.push(await admit(gateway.baseUrl, PERFORMANCE_ID, b.queueToken));
    await waitForFigure(page, 'in-session', (n) => n >= 1, '≥ 1 in session');
    const holds = [];
    for (const s of sessions) holds.push(await holdSeats(gateway.baseUrl, PERFORMANCE_ID, s, 2));
    await waitForFigure(page, 'seats-held', (n) => n >= 2, '≥ 2 seats held');
    for (const h of holds) await confirmHold(gateway.baseUrl, PERFORMANCE_ID, h);
    await waitForFigure(page, 'seats-sold', (n) => n >= sold0 + 4, `≥ ${sold0 + 4} seats sold`);
    await waitForFigure(page, 'reservations', (n) => n >= 1, '≥ 1 reservation in the last minute');
    await waitForFigure(page, 'admissions', (n) => n >= 2, '≥ 2 admissions in the last minute');

    // Their sessions ended with the reservations: the next two are called, and fewer wait.
    await waitForFigure(page, 'waiting', (n) => n <= 2, '≤ 2 waiting');
    await page.locator('[data-testid="chart"] path[data-line="admissions"]').waitFor();
    await snap(page, NAME, '4-during-the-sale', { fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
      const shot = await snap(page, NAME, 'operator-console', { fullPage: true });
      copyFileSync(shot, resolve(repoRoot, 'docs/screenshots/operator-console.png'));
    }
    assert.deepEqual(errors, []);
  });

  test('pause asks first (cancel changes nothing, confirm pauses: buyers are told PAUSED), resume too', { timeout: TIMEOUT }, async () => {
    const waiter = buyers[buyers.length - 1];
    const pause = page.getByRole('button', { name: 'Pause the sale…' });

    await pause.click();
    await dialog().waitFor();
    assert.equal(await page.getByTestId('confirm-current').textContent(), 'On sale (OPEN)');
    assert.equal(await page.getByTestId('confirm-next').textContent(), 'Paused (PAUSED)');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel', 'focus starts on Cancel');
    assert.deepEqual(await axeViolations(page), [], 'the dialog has accessibility violations');
    await snap(page, NAME, '5-pause-asks');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Pause the sale…', 'focus back on the button');
    await waitForNextAnswer(page);
    assert.equal(await badge().getAttribute('data-state'), 'OPEN', 'a cancelled pause paused');
    assert.equal((await publicState(gateway.baseUrl, PERFORMANCE_ID)).sale, 'OPEN');
    assert.notEqual((await poll(gateway.baseUrl, PERFORMANCE_ID, waiter.queueToken)).status, 'PAUSED');

    await pause.click();
    await dialog().getByRole('button', { name: 'Pause the sale' }).click();
    await page.locator('[data-testid="sale-state"][data-state="PAUSED"]').waitFor({ timeout: 15_000 });
    assert.equal(await badge().textContent(), 'Paused');
    assert.match(await page.getByTestId('action-outcome').locator('p').textContent(), /^Paused: sale state OPEN → PAUSED, by operator at /);
    assert.equal((await poll(gateway.baseUrl, PERFORMANCE_ID, waiter.queueToken)).status, 'PAUSED', 'a waiting buyer is told');
    await waitForPublicSale(gateway.baseUrl, PERFORMANCE_ID, 'PAUSED');
    await snap(page, NAME, '6-paused');

    await page.getByRole('button', { name: 'Resume the sale…' }).click();
    await dialog().waitFor();
    assert.equal(await page.getByTestId('confirm-current').textContent(), 'Paused (PAUSED)');
    assert.equal(await page.getByTestId('confirm-next').textContent(), 'On sale (OPEN)');
    await dialog().getByRole('button', { name: 'Resume the sale' }).click();
    await page.locator('[data-testid="sale-state"][data-state="OPEN"]').waitFor({ timeout: 15_000 });
    assert.notEqual((await poll(gateway.baseUrl, PERFORMANCE_ID, waiter.queueToken)).status, 'PAUSED', 'the buyer waits again');
    await waitForPublicSale(gateway.baseUrl, PERFORMANCE_ID, 'OPEN');
    assert.deepEqual(errors, []);
  });

  test('the capacity is changed through its dialog, showing the current and new value', { timeout: TIMEOUT }, async () => {
    await page.getByLabel(/New capacity/).fill('0');
    await page.getByRole('button', { name: 'Set capacity…' }).click();
    assert.match(await page.locator('#capacity-error').textContent(), /from 1 to 100,000/);
    assert.equal(await dialog().count(), 0, 'an invalid capacity opened the dialog');
    await page.getByLabel(/New capacity/).fill('3');
    await page.getByRole('button', { name: 'Set capacity…' }).click();
    assert.equal(await page.getByTestId('confirm-current').textContent(), '2');
    assert.equal(await page.getByTestId('confirm-next').textContent(), '3');
    await dialog().getByRole('button', { name: 'Set the capacity' }).click();
    await waitForFigure(page, 'capacity', (n) => n === 3, 'capacity 3', 15_000);
  });

  test('the audit log lists each action, newest first, with the operator and before → after', { timeout: TIMEOUT }, async () => {
    const rows = page.getByTestId('audit-entry');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-entry"]').length >= 3, null, { timeout: 15_000 });
    const entries = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(entries.length, 3, `one entry per confirmed action, none for the cancelled one: ${JSON.stringify(entries)}`);
    const newestFirst = [/capacity/i, /resume/i, /pause/i];
    entries.forEach((e, i) => assert.match(e[2], newestFirst[i], `newest first: ${JSON.stringify(entries)}`));
    for (const [when, who, , change] of entries) {
      assert.equal(who, 'operator');
      assert.match(when, /\d{2}:\d{2}:\d{2}/);
      assert.match(change, /.+ → .+/);
    }
    assert.deepEqual(await axeViolations(page), [], 'the console has accessibility violations');
    await snap(page, NAME, '7-audit', { fullPage: true });
  });

  test('a token the gateway refuses (forged) ends the session: back to sign-in, saying so', { timeout: TIMEOUT }, async () => {
    // The requests still go to the real gateway, which answers 401 operator_auth_required.
    const refused = [];
    await page.route('**/api/operator/performances/**', (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer forged.token' } }),
    );
    page.on('response', (r) => {
      if (r.url().includes('/api/operator/') && r.status() === 401) refused.push(r.url());
    });
    try {
      await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor({ timeout: 15_000 });
      assert.match(await page.locator('main').textContent(), /Your operator session has ended/);
      assert.ok(refused.length >= 1, 'the gateway refused the forged token');
      assert.equal(await page.getByTestId('sale-state').count(), 0, 'figures left on screen');
    } finally {
      await page.unroute('**/api/operator/performances/**');
      page.removeAllListeners('response');
    }
  });

  test('signing out, or a reload, asks for the password again', { timeout: TIMEOUT }, async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await page.getByLabel('Operator', { exact: true }).fill('operator');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sale-state').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    assert.match(await page.locator('main').textContent(), /You have signed out/);
    assert.deepEqual(errors, []);
  });
});
