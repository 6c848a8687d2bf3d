// Holds, checkout and best available (issue 17), in Chromium (see support/browser.mjs) against the real local gateway
// (embedded MariaDB and Redis).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, snap } from './support/browser.mjs';
import { availableSeats, clickSeat, close, joinFromList, newBuyer, waitForSeatMap } from './support/buyer.mjs';
import { startGateway } from './support/gateway.mjs';

const TIMEOUT = 180_000;

/** m:ss of the hold's countdown, in seconds. */
async function countdownSeconds(page) {
  const [m, s] = (await page.getByTestId('hold-countdown').textContent()).trim().split(':').map(Number);
  return m * 60 + s;
}

describe('holds and checkout (local gateway)', { timeout: 600_000 }, () => {
  let gateway;
  let browser;

  before(async () => {
    gateway = await startGateway('holds', { QUEUE_CAPACITY: '100', HOLD_TTL_SECONDS: '600' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('hold two seats → countdown → confirm → tickets with QR codes, also under My reservations', { timeout: TIMEOUT }, async () => {
    const name = 'hold-confirm';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'buyer');
    const { page } = buyer;
    try {
      await joinFromList(buyer, name);
      await waitForSeatMap(buyer);
      const [first, second] = await availableSeats(page, 2);
      await clickSeat(page, first);
      await clickSeat(page, second);
      await page.getByTestId('reserve').click();
      await page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });

      await page.getByTestId('hold-countdown').waitFor();
      assert.match(await page.locator('h1').textContent(), /held/);
      const before = await countdownSeconds(page);
      assert.ok(before > 590 && before <= 600, `countdown ${before}`);
      await page.waitForFunction(
        (start) => {
          const [m, s] = document.querySelector('[data-testid="hold-countdown"]').textContent.trim().split(':').map(Number);
          return m * 60 + s < start;
        },
        before,
        { timeout: 5_000 },
      );
      await snap(page, name, 'hold-1-countdown');

      await page.getByTestId('hold-name').fill('Ana Lima');
      await page.getByTestId('hold-email').fill('ana@example.com');
      await page.getByTestId('confirm-hold').click();
      await page.getByTestId('tickets').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('ticket-qr').count(), 2);
      const src = await page.getByTestId('ticket-qr').first().getAttribute('src');
      assert.match(src, /^data:image\/svg\+xml;base64,/);
      assert.ok(await page.getByTestId('ticket-qr').first().evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image renders');
      assert.match(await page.getByTestId('ticket-code').first().textContent(), /^TKT1\./);
      await snap(page, name, 'hold-2-tickets', { fullPage: true });

      await page.getByRole('link', { name: 'My reservations' }).first().click();
      await page.getByTestId('reservation-item').first().waitFor();
      assert.equal(await page.getByTestId('reservation-item').first().getByTestId('ticket-qr').count(), 2);
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });

  test('best available holds seats together; releasing gives them back', { timeout: TIMEOUT }, async () => {
    const name = 'best-release';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'best');
    const { page } = buyer;
    try {
      await joinFromList(buyer, name);
      await waitForSeatMap(buyer);
      await page.getByTestId('best-count').selectOption('2');
      await page.getByTestId('best-hold').click();
      await page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });
      await page.getByTestId('hold-countdown').waitFor();
      const rows = page.getByTestId('reserved-seats').locator('tbody tr');
      assert.equal(await rows.count(), 2);
      const seats = await rows.allTextContents();
      const [a, b] = seats.map((t) => /(.*), row (\S+), seat (\d+)/.exec(t));
      assert.equal(a[1] + a[2], b[1] + b[2], `one row: ${seats}`);
      assert.equal(Math.abs(Number(a[3]) - Number(b[3])), 1, `adjacent: ${seats}`);
      await snap(page, name, 'best-1-held');

      await page.getByTestId('release-hold').click();
      await page.getByTestId('hold-status').filter({ hasText: /Released/ }).waitFor({ timeout: 30_000 });
      await snap(page, name, 'best-2-released');
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });
});
