// The waiting room with room for one buyer at a time (QUEUE_CAPACITY=1): a place survives a reload
// and a second tab, and the next buyer is let in when the first one reserves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, snap } from './support/browser.mjs';
import {
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
      await first.page.getByRole('button', { name: 'Give up my turn' }).click();
      await first.page.getByRole('button', { name: 'Yes, give up my turn' }).click();
      await first.page.waitForURL(/\/performances\/1$/);
      assert.deepEqual([...first.errors, ...waiter.errors], []);
    } finally {
      await close(name, first, waiter);
    }
  });

  test('a second buyer waits in the queue until the first reserves, then is admitted', { timeout: TIMEOUT }, async () => {
    const name = 'second-buyer-waits';
    const first = await newBuyer(browser, gateway.baseUrl, 'first');
    const second = await newBuyer(browser, gateway.baseUrl, 'second');
    try {
      await joinFromList(first);
      await waitForSeatMap(first);

      await joinFromList(second);
      await waitingNextInLine(second);
      await snap(second.page, name, 'second-1-waiting');

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
      assert.deepEqual([...first.errors, ...second.errors], []);
    } finally {
      await close(name, first, second);
    }
  });
});
