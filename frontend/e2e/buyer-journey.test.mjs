// The buyer's journey and the race for a seat, in Chromium (see support/browser.mjs) against the real local gateway
// (embedded MariaDB and Redis, default queue capacity).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, snap } from './support/browser.mjs';
import {
  assertNotReloaded,
  availableSeats,
  clickSeat,
  close,
  joinFromList,
  markDocument,
  newBuyer,
  seatState,
  selectedCount,
  waitForSeatMap,
  waitForSeatState,
} from './support/buyer.mjs';
import { startGateway } from './support/gateway.mjs';

const TIMEOUT = 180_000;

describe('buyer journey (local gateway, capacity 100)', { timeout: 600_000 }, () => {
  let gateway;
  let browser;

  before(async () => {
    gateway = await startGateway('journey', { QUEUE_CAPACITY: '100' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('list → queue → admitted → two seats → reserve → confirmation', { timeout: TIMEOUT }, async () => {
    const name = 'journey';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'buyer');
    const { page } = buyer;
    try {
      await page.goto('/');
      const card = page.getByTestId('performance-card').first();
      await card.waitFor();
      const seatsLeftBefore = Number((await card.locator('.seats-left strong').textContent()).replace(/\D/g, ''));
      assert.match(await card.textContent(), /Aurora Live/);

      await joinFromList(buyer, name);
      await snap(page, name, 'buyer-3-queue');
      await waitForSeatMap(buyer);
      await page.getByTestId('session-clock').waitFor();
      assert.match(await page.getByTestId('session-clock').textContent(), /\d+:\d\d/);

      const [first, second] = await availableSeats(page, 2);
      // Keyboard: one tab stop into the map, arrows move, Enter selects and unselects.
      await page.locator(`[data-seat-id="${first}"]`).focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-seat-id')), String(second));
      await page.keyboard.press('Enter');
      assert.equal(await seatState(page, second), 'selected');
      await page.keyboard.press('Enter');
      assert.equal(await seatState(page, second), 'available');
      assert.equal(await page.locator('svg[role="grid"] [tabindex="0"]').count(), 1);

      await clickSeat(page, first);
      await clickSeat(page, second);
      assert.equal(await seatState(page, first), 'selected');
      assert.equal(await seatState(page, second), 'selected');
      assert.equal(await selectedCount(page), 2);
      assert.match(await page.getByTestId('reserve').textContent(), /Reserve 2 seats/);
      const label = await page.locator(`[data-seat-id="${first}"]`).getAttribute('aria-label');
      assert.match(label, /row \d+, seat \d+, grade \w+, .*selected$/);
      await snap(page, name, 'buyer-4-seats-selected', { fullPage: true });

      await page.getByTestId('reserve').click();
      await page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });
      await page.getByTestId('reservation-id').waitFor();
      const reservationId = (await page.getByTestId('reservation-id').textContent()).trim();
      assert.ok(reservationId.length > 0);
      assert.equal(await page.getByTestId('reserved-seats').locator('tbody tr').count(), 2);
      assert.match(await page.getByTestId('reservation-total').textContent(), /\d/);
      await snap(page, name, 'buyer-5-confirmation');

      await page.getByRole('link', { name: 'My reservations' }).first().click();
      await page.getByTestId('reservation-item').first().waitFor();
      assert.match(await page.getByTestId('reservation-item').first().textContent(), new RegExp(reservationId));
      await snap(page, name, 'buyer-6-my-reservations');

      await page.goto('/');
      await page.getByTestId('performance-card').first().waitFor();
      const seatsLeftAfter = Number(
        (await page.getByTestId('performance-card').first().locator('.seats-left strong').textContent()).replace(/\D/g, ''),
      );
      assert.equal(seatsLeftAfter, seatsLeftBefore - 2);
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });

  test('two buyers race for one seat: one confirmation; the other sees it taken and picks another', { timeout: TIMEOUT }, async () => {
    const name = 'race';
    const a = await newBuyer(browser, gateway.baseUrl, 'a');
    const b = await newBuyer(browser, gateway.baseUrl, 'b');
    try {
      await Promise.all([joinFromList(a), joinFromList(b)]);
      await Promise.all([waitForSeatMap(a), waitForSeatMap(b)]);
      await markDocument(a.page);
      await markDocument(b.page);

      const [target] = await availableSeats(a.page, 1);
      await clickSeat(a.page, target);
      await clickSeat(b.page, target);
      assert.equal(await seatState(a.page, target), 'selected');
      assert.equal(await seatState(b.page, target), 'selected');
      await snap(a.page, name, 'a-1-selected');
      await snap(b.page, name, 'b-1-selected');

      await Promise.all([a.page.getByTestId('reserve').click(), b.page.getByTestId('reserve').click()]);
      const outcome = async (buyer) => {
        const won = buyer.page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 }).then(() => 'won');
        const lost = buyer.page
          .getByTestId('seat-notice')
          .filter({ hasText: /taken/ })
          .waitFor({ timeout: 30_000 })
          .then(() => 'lost');
        return Promise.any([won, lost]);
      };
      const results = await Promise.all([outcome(a), outcome(b)]);
      assert.deepEqual([...results].sort(), ['lost', 'won'], `outcomes: ${results}`);
      const winner = results[0] === 'won' ? a : b;
      const loser = results[0] === 'won' ? b : a;
      await snap(winner.page, name, `${winner.name}-2-winner-confirmation`);

      await assertNotReloaded(loser.page);
      await waitForSeatState(loser.page, target, 'lost');
      assert.equal(await selectedCount(loser.page), 0);
      assert.match(await loser.page.locator(`[data-seat-id="${target}"]`).getAttribute('aria-label'), /taken/);
      await snap(loser.page, name, `${loser.name}-2-loser-seat-taken`, { fullPage: true });

      // The loser picks another seat and gets it, still without a reload.
      const [other] = await availableSeats(loser.page, 1, { skip: [target] });
      await clickSeat(loser.page, other);
      assert.equal(await seatState(loser.page, other), 'selected');
      await loser.page.getByTestId('reserve').click();
      await loser.page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });
      await loser.page.getByTestId('reservation-id').waitFor();
      await snap(loser.page, name, `${loser.name}-3-loser-confirmation`);
      assert.deepEqual([...a.errors, ...b.errors], []);
    } finally {
      await close(name, a, b);
    }
  });

  test('a selected seat taken by someone else is dropped from the selection within seconds, without a reload', { timeout: TIMEOUT }, async () => {
    const name = 'live-update';
    const a = await newBuyer(browser, gateway.baseUrl, 'a');
    const b = await newBuyer(browser, gateway.baseUrl, 'b');
    try {
      await Promise.all([joinFromList(a), joinFromList(b)]);
      await Promise.all([waitForSeatMap(a), waitForSeatMap(b)]);
      await markDocument(b.page);
      const [shared, keep] = await availableSeats(a.page, 2);
      await clickSeat(b.page, shared);
      await clickSeat(b.page, keep);
      assert.equal(await selectedCount(b.page), 2);

      await clickSeat(a.page, shared);
      await a.page.getByTestId('reserve').click();
      await a.page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });

      const notice = b.page.getByTestId('seat-notice').filter({ hasText: /just taken by someone else/ });
      await notice.waitFor({ timeout: 5_000 });
      await waitForSeatState(b.page, shared, 'lost');
      assert.equal(await seatState(b.page, keep), 'selected');
      assert.equal(await selectedCount(b.page), 1);
      await assertNotReloaded(b.page);
      await snap(b.page, name, 'b-seat-taken-live', { fullPage: true });
      assert.deepEqual([...a.errors, ...b.errors], []);
    } finally {
      await close(name, a, b);
    }
  });
});
