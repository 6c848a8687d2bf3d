// The waiting room with room for one buyer at a time (QUEUE_CAPACITY=1): a place survives a reload
// and a second tab, and the next buyer is let in when the first one reserves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { leave } from './support/api.mjs';
import { axeViolations } from './support/axe.mjs';
import { launchBrowser, PHONE, snap } from './support/browser.mjs';
import {
  PERFORMANCE_ID,
  availableSeats,
  clickSeat,
  close,
  joinFromList,
  newBuyer,
  ticketNumber,
  waitForSeatMap,
} from './support/buyer.mjs';
import { startGateway } from './support/gateway.mjs';

const TIMEOUT = 180_000;

/**
 * Stands in for the browser's Notification and vibration, recording their use: headless Chromium
 * has no notification centre and no motor. Permission is "default" until the page asks for it.
 */
function recordTurnSignals() {
  window.__turn = { permissionAsked: 0, notifications: [], vibrations: [] };
  class RecordingNotification {
    static permission = 'default';
    static async requestPermission() {
      window.__turn.permissionAsked++;
      RecordingNotification.permission = 'granted';
      return 'granted';
    }
    constructor(title, options) {
      window.__turn.notifications.push({ title, body: options?.body });
    }
    close() {}
  }
  window.Notification = RecordingNotification;
  navigator.vibrate = (pattern) => {
    window.__turn.vibrations.push(pattern);
    return true;
  };
}

async function giveUpTurn(page) {
  await page.getByRole('button', { name: 'Give up my turn' }).click();
  await page.getByRole('button', { name: 'Yes, give up my turn' }).click();
  await page.waitForURL(/\/performances\/1$/);
}

async function box(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'element not rendered');
  return b;
}

async function waitingNextInLine(buyer) {
  await buyer.page.waitForURL(/\/queue$/);
  await buyer.page.getByTestId('queue-status').filter({ hasText: /next in line|number \d+ in line/ }).waitFor({ timeout: 30_000 });
}

describe('waiting room (local gateway, capacity 1)', { timeout: 600_000 }, () => {
  let gateway;
  let browser;

  before(async () => {
    gateway = await startGateway('waiting-room', { QUEUE_CAPACITY: '1' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('a reload on the queue page, or a second tab, keeps the same ticket number', { timeout: TIMEOUT }, async () => {
    const name = 'reload-keeps-ticket';
    const first = await newBuyer(browser, gateway.baseUrl, 'first');
    const waiter = await newBuyer(browser, gateway.baseUrl, 'waiter');
    try {
      await joinFromList(first);
      await waitForSeatMap(first);

      await joinFromList(waiter);
      await waitingNextInLine(waiter);
      const number = await ticketNumber(waiter.page);
      assert.ok(number > 0);
      await snap(waiter.page, name, 'waiter-1-waiting');

      await waiter.page.reload();
      await waitingNextInLine(waiter);
      assert.equal(await ticketNumber(waiter.page), number);
      await snap(waiter.page, name, 'waiter-2-after-reload');

      const secondTab = await waiter.context.newPage();
      await secondTab.goto('/performances/1/queue');
      await secondTab.getByTestId('ticket-number').waitFor();
      assert.equal(await ticketNumber(secondTab), number);
      await snap(secondTab, name, 'waiter-3-second-tab');
      await secondTab.close();

      // Leave the room as found: the waiter leaves the queue and the first buyer gives up the turn.
      await waiter.page.getByRole('button', { name: 'Leave the queue' }).click();
      await waiter.page.waitForURL(/\/performances\/1$/);
      await giveUpTurn(first.page);
      assert.deepEqual([...first.errors, ...waiter.errors], []);
    } finally {
      await close(name, first, waiter);
    }
  });

  test('a second buyer waits in the queue until the first reserves, then is admitted and told it is their turn', { timeout: TIMEOUT }, async () => {
    const name = 'second-buyer-waits';
    const first = await newBuyer(browser, gateway.baseUrl, 'first');
    const second = await newBuyer(browser, gateway.baseUrl, 'second');
    await second.context.addInitScript(recordTurnSignals);
    try {
      await joinFromList(first);
      await waitForSeatMap(first);

      await joinFromList(second);
      await waitingNextInLine(second);
      await snap(second.page, name, 'second-1-waiting');
      assert.deepEqual(await axeViolations(second.page), [], 'axe on the waiting room');

      // While the first buyer holds the only slot, the second stays in the queue.
      const [seat] = await availableSeats(first.page, 1);
      await clickSeat(first.page, seat);
      await second.page.waitForTimeout(3_000);
      assert.match(second.page.url(), /\/queue$/);
      await waitingNextInLine(second);

      await first.page.getByTestId('reserve').click();
      await first.page.waitForURL(/\/reservations\/[^/]+$/, { timeout: 30_000 });
      await snap(first.page, name, 'first-2-confirmation');

      await waitForSeatMap(second, 30_000);
      await snap(second.page, name, 'second-3-admitted', { fullPage: true });
      // The turn is announced: the tab's title, one notification (permission was asked at joining), a vibration.
      assert.match(await second.page.title(), /^★ Your turn — choose your seats for /);
      const turn = await second.page.evaluate(() => window.__turn);
      assert.equal(turn.permissionAsked, 1);
      assert.equal(turn.notifications.length, 1);
      assert.match(turn.notifications[0].title, /^★ Your turn — /);
      assert.equal(turn.vibrations.length, 1);
      // Once the buyer acts on the page, its own title is back.
      await second.page.locator('[data-seat-id]').first().hover();
      await second.page.mouse.down();
      await second.page.mouse.up();
      assert.doesNotMatch(await second.page.title(), /Your turn/);
      await giveUpTurn(second.page);
      assert.deepEqual([...first.errors, ...second.errors], []);
    } finally {
      await close(name, first, second);
    }
  });

  test('an outage: "reconnecting", then back with the notice gone; a place lost meanwhile is one message with one action', { timeout: TIMEOUT }, async () => {
    const name = 'outage';
    const first = await newBuyer(browser, gateway.baseUrl, 'first');
    const waiter = await newBuyer(browser, gateway.baseUrl, 'waiter');
    const api = '**/api/**';
    try {
      await joinFromList(first);
      await waitForSeatMap(first);
      await joinFromList(waiter);
      await waitingNextInLine(waiter);
      const number = await ticketNumber(waiter.page);

      await waiter.page.route(api, (route) => route.abort('connectionrefused'));
      await waiter.page.getByTestId('connection-problem').waitFor({ timeout: 20_000 });
      await snap(waiter.page, name, 'waiter-1-reconnecting');
      await waiter.page.unroute(api);
      await waiter.page.getByTestId('connection-problem').waitFor({ state: 'detached', timeout: 15_000 });
      await waitingNextInLine(waiter);
      assert.equal(await ticketNumber(waiter.page), number);
      await snap(waiter.page, name, 'waiter-2-back');

      // A second outage, during which the place goes (as when the server lost it).
      await waiter.page.route(api, (route) => route.abort('connectionrefused'));
      await waiter.page.getByTestId('connection-problem').waitFor({ timeout: 20_000 });
      const token = await waiter.page.evaluate((id) => JSON.parse(localStorage.getItem(`ticketing.queue.${id}`)).queueToken, PERFORMANCE_ID);
      await leave(gateway.baseUrl, PERFORMANCE_ID, token);
      await waiter.page.unroute(api);
      await waiter.page.getByTestId('queue-expired').waitFor({ timeout: 20_000 });
      await snap(waiter.page, name, 'waiter-3-place-lost');
      for (let i = 0; i < 3; i++) {
        assert.equal(await waiter.page.getByTestId('connection-problem').count(), 0, 'a connection notice beside the lost place');
        assert.equal(await waiter.page.getByRole('button').count(), 1, 'one action');
        assert.equal(await waiter.page.getByRole('button', { name: 'Rejoin the queue' }).count(), 1);
        await waiter.page.waitForTimeout(1_000);
      }
      await giveUpTurn(first.page);
      assert.deepEqual([...first.errors, ...waiter.errors], []);
    } finally {
      await close(name, first, waiter);
    }
  });

  test('the last-minute warning does not move the seat map (a click lands on the seat it aimed at)', { timeout: TIMEOUT }, async () => {
    const name = 'warning-keeps-map';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'buyer');
    const { page } = buyer;
    try {
      await joinFromList(buyer);
      await waitForSeatMap(buyer);
      // The session in this browser ends in 63 s (the server's lasts longer): the warning comes in 3 s.
      await page.evaluate((id) => {
        const key = `ticketing.session.${id}`;
        const session = JSON.parse(localStorage.getItem(key));
        session.sessionExpiresAt = new Date(Date.now() + 63_000).toISOString();
        localStorage.setItem(key, JSON.stringify(session));
      }, PERFORMANCE_ID);
      await page.reload();
      await waitForSeatMap(buyer);
      assert.equal(await page.getByTestId('session-warning').count(), 0);
      const [seat] = await availableSeats(page, 1);
      const mapBefore = await box(page.getByTestId('seat-map'));
      const seatBefore = await box(page.locator(`[data-seat-id="${seat}"]`));
      const stripBefore = await box(page.getByTestId('status-strip'));
      await snap(page, name, 'buyer-1-before-warning');

      await page.getByTestId('session-warning').waitFor({ timeout: 15_000 });
      await snap(page, name, 'buyer-2-warning');
      assert.deepEqual(await axeViolations(page), [], 'axe on the seat page with the warning');
      assert.deepEqual(await box(page.getByTestId('seat-map')), mapBefore);
      assert.deepEqual(await box(page.getByTestId('status-strip')), stripBefore);
      await page.mouse.click(seatBefore.x + seatBefore.width / 2, seatBefore.y + seatBefore.height / 2);
      assert.equal(await page.locator(`[data-seat-id="${seat}"]`).getAttribute('data-state'), 'selected');
      assert.match(await page.getByTestId('selection-summary').textContent(), /^1 seat selected: .* Total /);
      await giveUpTurn(page);
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });

  test('on a phone: tappable seats, a zone to jump to, the timer in view at Reserve, giving up asks first', { timeout: TIMEOUT }, async () => {
    const name = 'phone';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'buyer', PHONE);
    const { page } = buyer;
    try {
      await joinFromList(buyer);
      await waitForSeatMap(buyer);
      const [seat] = await availableSeats(page, 1);
      const dot = await box(page.locator(`[data-seat-id="${seat}"] .seat-dot`));
      assert.ok(dot.width >= 18, `a seat is ${dot.width} px wide`);
      await snap(page, name, 'buyer-1-seat-map');

      const zones = await page.getByTestId('zone-jump').locator('option:not([disabled])').allTextContents();
      assert.ok(zones.length > 1);
      await page.getByTestId('zone-jump').selectOption(zones[zones.length - 1]);
      assert.ok((await page.getByTestId('seat-map').evaluate((el) => el.scrollTop)) > 0, 'the map scrolled to the zone');
      await snap(page, name, 'buyer-2-last-zone');

      await page.getByTestId('seat-map').evaluate((el) => (el.scrollTop = 0));
      await page.locator(`[data-seat-id="${seat}"]`).tap();
      await page.getByTestId('reserve').scrollIntoViewIfNeeded();
      const clock = await box(page.getByTestId('session-clock'));
      const reserve = await box(page.getByTestId('reserve'));
      assert.ok(reserve.y + reserve.height <= PHONE.viewport.height && reserve.y >= 0, 'Reserve in view');
      assert.ok(clock.y >= 0 && clock.y + clock.height <= PHONE.viewport.height, `the timer is off screen at ${clock.y}`);
      await snap(page, name, 'buyer-3-reserve-with-timer');

      await page.getByRole('button', { name: 'Give up my turn' }).tap();
      await page.getByRole('button', { name: 'Keep choosing' }).tap();
      assert.match(page.url(), /\/seats$/);
      assert.equal(await page.locator(`[data-seat-id="${seat}"]`).getAttribute('data-state'), 'selected');
      await page.getByRole('button', { name: 'Give up my turn' }).tap();
      await snap(page, name, 'buyer-4-give-up-asks');
      assert.deepEqual(await axeViolations(page), [], 'axe on the phone seat page, asking before giving up');
      await page.getByRole('button', { name: 'Yes, give up my turn' }).tap();
      await page.waitForURL(/\/performances\/1$/);
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });
});
