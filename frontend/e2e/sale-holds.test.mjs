// A waiting buyer while the sale is on hold (issue 20), in Chromium against the real local gateway:
// an operator's pause (through the operator API) shows "paused" with the place kept, and the page
// returns to the line by itself on resume; a sale sold out through the API shows "sold out" to the
// waiting buyer, who leaves the returns list with a confirmation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admittedBuyer, leave, reserveSeats, seatMap } from './support/api.mjs';
import { axeViolations } from './support/axe.mjs';
import { launchBrowser, snap } from './support/browser.mjs';
import {
  PERFORMANCE_ID,
  availableSeats,
  clickSeat,
  close,
  joinFromList,
  newBuyer,
  selectedCount,
  ticketNumber,
} from './support/buyer.mjs';
import { startGateway } from './support/gateway.mjs';
import { confirmHold, publicState, waitForPublicSale } from './support/operator.mjs';

const NAME = 'sale-holds';
// Only for this test's gateway: the local gateway signs in operator "operator" with it.
const PASSWORD = 'e2e-operator-password';
const TIMEOUT = 300_000;

async function operatorToken(baseUrl) {
  const response = await fetch(`${baseUrl}/api/operator/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ operator: 'operator', password: PASSWORD }),
  });
  assert.equal(response.status, 200, `operator login: ${await response.clone().text()}`);
  return (await response.json()).token;
}

async function act(baseUrl, token, body) {
  const response = await fetch(`${baseUrl}/api/operator/performances/${PERFORMANCE_ID}/actions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `operator ${body.action}: ${await response.clone().text()}`);
}

async function box(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'element not rendered');
  return b;
}

async function waitingInLine(page) {
  await page.waitForURL(/\/queue$/);
  await page.getByTestId('queue-status').filter({ hasText: /next in line|number \d+ in line/ }).waitFor({ timeout: 30_000 });
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (queue.length > 0) await task(queue.shift());
    }),
  );
}

describe('a waiting buyer while the sale is paused or sold out (local gateway, capacity 1)', { timeout: 900_000 }, () => {
  let gateway;
  let browser;
  let operator;
  let allSeatIds;

  before(async () => {
    gateway = await startGateway(NAME, {
      QUEUE_CAPACITY: '1',
      OPERATOR_PASSWORD: PASSWORD,
      JOIN_LIMIT_PER_ADDRESS: '0',
      // Buyers poll at least every 5 s and keep their places for the whole run between polls.
      POLL_AFTER_MAX_SECONDS: '5',
      RETENTION_SECONDS: '600',
    });
    browser = await launchBrowser();
    operator = await operatorToken(gateway.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('paused by the operator: the waiting page says so and keeps the place; on resume it is back in line by itself', { timeout: TIMEOUT }, async () => {
    // The one session the capacity allows is taken, so the browser buyer waits.
    const first = await admittedBuyer(gateway.baseUrl, PERFORMANCE_ID);
    allSeatIds = (await seatMap(gateway.baseUrl, PERFORMANCE_ID, first.accessToken)).seats
      .filter((s) => s.status === 'AVAILABLE')
      .map((s) => s.id);
    const waiter = await newBuyer(browser, gateway.baseUrl, 'waiter');
    try {
      await joinFromList(waiter);
      await waitingInLine(waiter.page);
      const number = await ticketNumber(waiter.page);
      assert.ok(number > 0);

      await act(gateway.baseUrl, operator, { action: 'pause' });
      const paused = waiter.page.getByTestId('sale-paused');
      await paused.waitFor({ timeout: 20_000 });
      assert.match(await paused.textContent(), /paused by the organiser\. You keep your place; we.ll carry on automatically/);
      assert.equal(await ticketNumber(waiter.page), number);
      assert.match(await waiter.page.getByTestId('queue-position').textContent(), /^\d+$/);
      assert.match(await waiter.page.getByTestId('queue-estimate').textContent(), /on hold/);
      // The status area is a live region: a screen reader hears the change.
      assert.equal(await waiter.page.locator('.queue-card').getAttribute('aria-live'), 'polite');
      assert.deepEqual(await axeViolations(waiter.page), []);
      await snap(waiter.page, NAME, 'paused');

      // Still paused after a poll or two (the cadence is 5 s here): the page does not flap back.
      await new Promise((r) => setTimeout(r, 11_000));
      assert.ok(await paused.isVisible(), 'the paused message went away while the sale was paused');

      await act(gateway.baseUrl, operator, { action: 'resume' });
      await paused.waitFor({ state: 'detached', timeout: 20_000 });
      await waitingInLine(waiter.page);
      assert.equal(await ticketNumber(waiter.page), number);
      await snap(waiter.page, NAME, 'resumed');

      // Admission goes on in ticket order: the session frees, the waiter is called.
      await leave(gateway.baseUrl, PERFORMANCE_ID, first.accessToken);
      await waiter.page.waitForURL(/\/seats$/, { timeout: 60_000 });
      await waiter.page.locator('[data-seat-id]').first().waitFor({ timeout: 30_000 });

      // A reservation while paused: a 503 sale_paused, told in the strip, the map where it was.
      const [seat] = await availableSeats(waiter.page, 1);
      await clickSeat(waiter.page, seat);
      await act(gateway.baseUrl, operator, { action: 'pause' });
      await waitForPublicSale(gateway.baseUrl, PERFORMANCE_ID, 'PAUSED');
      const mapBefore = await box(waiter.page.getByTestId('seat-map'));
      const stripBefore = await box(waiter.page.getByTestId('status-strip'));
      const [refused] = await Promise.all([
        waiter.page.waitForResponse((r) => r.url().endsWith('/reservations') && r.request().method() === 'POST'),
        waiter.page.getByTestId('reserve').click(),
      ]);
      assert.equal(refused.status(), 503);
      assert.equal(refused.headers()['retry-after'], '30');
      const strip = waiter.page.getByTestId('sale-paused');
      await strip.waitFor();
      assert.match(await strip.textContent(), /The sale is paused; your seats are not held yet — try again when it resumes \(in about \d+ s\)/);
      assert.deepEqual(await box(waiter.page.getByTestId('seat-map')), mapBefore);
      assert.deepEqual(await box(waiter.page.getByTestId('status-strip')), stripBefore);
      assert.equal(await selectedCount(waiter.page), 1, 'the selection was dropped');
      assert.match(waiter.page.url(), /\/seats$/);
      await snap(waiter.page, NAME, 'seat-page-paused');
      // "Best available" while paused: the same strip line, no error under the button.
      const [bestRefused] = await Promise.all([
        waiter.page.waitForResponse((r) => r.url().includes('/reservations') && r.request().method() === 'POST'),
        waiter.page.getByTestId('best-hold').click(),
      ]);
      assert.equal(bestRefused.status(), 503);
      await waiter.page.waitForFunction(() => !document.querySelector('[data-testid="best-hold"][disabled]'));
      assert.equal(await waiter.page.getByTestId('best-message').count(), 0);
      assert.ok(await strip.isVisible());
      assert.match(waiter.page.url(), /\/seats$/);
      await act(gateway.baseUrl, operator, { action: 'resume' });

      await waiter.page.getByRole('button', { name: 'Give up my turn' }).click();
      await waiter.page.getByRole('button', { name: 'Yes, give up my turn' }).click();
      await waiter.page.waitForURL(new RegExp(`/performances/${PERFORMANCE_ID}$`));
      assert.deepEqual(waiter.errors, []);
    } finally {
      await close(NAME, waiter);
    }
  });

  test('sold out: a waiting buyer is told "sold out for now" (returns list), and can leave with a confirmation', { timeout: TIMEOUT }, async () => {
    // The waiter of the first test holds a session: let it go, then sell all but 4 seats in parallel.
    await act(gateway.baseUrl, operator, { action: 'set-capacity', capacity: 40 });
    const chunks = [];
    for (let i = 0; i < allSeatIds.length; i += 4) chunks.push(allSeatIds.slice(i, i + 4));
    const last = chunks.pop();
    await inParallel(chunks, 16, async (seatIds) => {
      const buyer = await admittedBuyer(gateway.baseUrl, PERFORMANCE_ID, { timeoutMs: 180_000 });
      const hold = await reserveSeats(gateway.baseUrl, PERFORMANCE_ID, buyer.accessToken, seatIds);
      await confirmHold(gateway.baseUrl, PERFORMANCE_ID, hold);
    });
    await act(gateway.baseUrl, operator, { action: 'set-capacity', capacity: 1 });
    const lastBuyer = await admittedBuyer(gateway.baseUrl, PERFORMANCE_ID, { timeoutMs: 120_000 });

    const waiter = await newBuyer(browser, gateway.baseUrl, 'returns');
    try {
      await joinFromList(waiter);
      await waitingInLine(waiter.page);
      const number = await ticketNumber(waiter.page);
      const queueToken = await waiter.page.evaluate((id) => JSON.parse(localStorage.getItem(`ticketing.queue.${id}`)).queueToken, PERFORMANCE_ID);

      const hold = await reserveSeats(gateway.baseUrl, PERFORMANCE_ID, lastBuyer.accessToken, last);
      await confirmHold(gateway.baseUrl, PERFORMANCE_ID, hold);
      await waitForPublicSale(gateway.baseUrl, PERFORMANCE_ID, 'SOLD_OUT', 20_000);

      const soldOut = waiter.page.getByTestId('sold-out');
      await soldOut.waitFor({ timeout: 20_000 });
      assert.equal(await ticketNumber(waiter.page), number);
      assert.match(await waiter.page.locator('.queue-card').textContent(), /returns list in ticket order/);
      assert.deepEqual(await axeViolations(waiter.page), []);
      await snap(waiter.page, NAME, 'sold-out');

      // Leaving asks first; "keep waiting" changes nothing.
      await waiter.page.getByRole('button', { name: 'Leave the queue' }).click();
      await waiter.page.getByRole('button', { name: 'Keep waiting for returns' }).click();
      assert.ok(await soldOut.isVisible());
      await waiter.page.getByRole('button', { name: 'Leave the queue' }).click();
      await snap(waiter.page, NAME, 'sold-out-leave-asks');
      await waiter.page.getByRole('button', { name: 'Yes, leave the queue' }).click();
      await waiter.page.waitForURL(new RegExp(`/performances/${PERFORMANCE_ID}$`));
      await waiter.page.getByText('You left the queue.').waitFor();

      // The place is gone on the server too.
      const poll = await fetch(`${gateway.baseUrl}/api/performances/${PERFORMANCE_ID}/queue`, {
        headers: { Accept: 'application/json', Authorization: `Bearer ${queueToken}` },
      });
      assert.equal(poll.status, 410);
      assert.equal((await publicState(gateway.baseUrl, PERFORMANCE_ID)).sale, 'SOLD_OUT');
      assert.deepEqual(waiter.errors, []);
    } finally {
      await close(NAME, waiter);
    }
  });
});
