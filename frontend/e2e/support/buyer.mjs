// What a buyer does in the SPA, as steps the tests share.
import assert from 'node:assert/strict';
import { DESKTOP, snap } from './browser.mjs';

export const PERFORMANCE_ID = 1;

/** A buyer: their own browser context (own localStorage), one page, and the page's uncaught errors. */
export async function newBuyer(browser, baseUrl, name, contextOptions = DESKTOP) {
  const context = await browser.newContext({ ...contextOptions, baseURL: baseUrl });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  return { name, context, page, errors };
}

/** From the list to the performance page, then "Join the queue". */
export async function joinFromList(buyer, test) {
  const { page } = buyer;
  await page.goto('/');
  const card = page.getByTestId('performance-card').first();
  await card.waitFor();
  if (test) await snap(page, test, `${buyer.name}-1-list`);
  await card.getByRole('link', { name: /^Tickets for/ }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForURL(`**/performances/${PERFORMANCE_ID}`);
  if (test) await snap(page, test, `${buyer.name}-2-performance`);
  await page.getByRole('button', { name: 'Join the queue' }).click();
  await page.waitForURL(/\/queue$|\/seats$/);
}

export async function waitForSeatMap(buyer, timeout = 60_000) {
  await buyer.page.waitForURL(/\/seats$/, { timeout });
  await buyer.page.locator('[data-seat-id]').first().waitFor({ timeout: 30_000 });
}

export async function seatState(page, seatId) {
  return page.locator(`[data-seat-id="${seatId}"]`).getAttribute('data-state');
}

/** Ids of available seats in map order (zones from the stage back, rows, seat numbers). */
export async function availableSeats(page, count, { skip = [] } = {}) {
  const ids = await page
    .locator('[data-state="available"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seat-id'))));
  const free = ids.filter((id) => !skip.includes(id));
  assert.ok(free.length >= count, `only ${free.length} available seats`);
  return free.slice(0, count);
}

export async function waitForSeatState(page, seatId, state, timeout = 10_000) {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-seat-id="${id}"]`)?.getAttribute('data-state') === want,
    [seatId, state],
    { timeout },
  );
}

export async function clickSeat(page, seatId) {
  await page.locator(`[data-seat-id="${seatId}"]`).click();
}

export async function selectedCount(page) {
  return page.locator('[data-testid="selection"] li').count();
}

/** Marks the document so a later check can prove the page was not reloaded. */
export async function markDocument(page) {
  await page.evaluate(() => {
    window.__e2eMarker = 'still-the-same-document';
  });
}

export async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__e2eMarker), 'still-the-same-document', 'the page was reloaded');
}

export async function ticketNumber(page) {
  const text = await page.getByTestId('ticket-number').textContent();
  return Number(text.replace(/[^0-9]/g, ''));
}

/** Saves how each buyer's pages look at the end (pass or fail), then closes their contexts. */
export async function close(test, ...buyers) {
  for (const b of buyers) {
    const pages = b.context.pages();
    for (let i = 0; i < pages.length; i++) {
      await snap(pages[i], test, `${b.name}-final${i > 0 ? `-tab${i + 1}` : ''}`, { fullPage: true }).catch(() => {});
    }
    await b.context.close().catch(() => {});
  }
}
