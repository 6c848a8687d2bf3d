// Screenshots of every page, desktop (1280x800) and phone (390x844), into docs/screenshots/.
// Starts its own local gateway (capacity 2, so one buyer can be shown waiting) unless BASE_URL
// names a running one:   npm run screenshots        BASE_URL=http://localhost:8080 npm run screenshots
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DESKTOP, launchBrowser, PHONE } from '../e2e/support/browser.mjs';
import { admittedBuyer, leave, reserveSeats, seatMap } from '../e2e/support/api.mjs';
import { availableSeats, clickSeat, joinFromList, PERFORMANCE_ID, waitForSeatMap, waitForSeatState } from '../e2e/support/buyer.mjs';
import { repoRoot, startGateway } from '../e2e/support/gateway.mjs';

const outDir = resolve(repoRoot, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });

const gateway = process.env.BASE_URL ? null : await startGateway('screenshots', { QUEUE_CAPACITY: '2' });
const baseUrl = process.env.BASE_URL ?? gateway.baseUrl;
const browser = await launchBrowser();
const written = [];

async function shot(page, device, name, options = {}) {
  const file = `${device}-${name}.png`;
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outDir, file), ...options });
  written.push(file);
}

/** Some seats sold before the pictures, so the map shows taken seats. */
async function sellSomeSeats(count) {
  for (let i = 0; i < count; i++) {
    const buyer = await admittedBuyer(baseUrl, PERFORMANCE_ID);
    const map = await seatMap(baseUrl, PERFORMANCE_ID, buyer.accessToken);
    const free = map.seats.filter((s) => s.status === 'AVAILABLE');
    const pick = [0.03, 0.21, 0.47, 0.78].map((f) => free[Math.floor(f * free.length) + i * 3].id);
    await reserveSeats(baseUrl, PERFORMANCE_ID, buyer.accessToken, pick);
  }
}

async function pictures(device, contextOptions) {
  const context = await browser.newContext({ ...contextOptions, baseURL: baseUrl });
  const waiterContext = await browser.newContext({ ...contextOptions, baseURL: baseUrl });
  const page = await context.newPage();
  const waiter = { name: 'waiter', context: waiterContext, page: await waiterContext.newPage() };
  const buyer = { name: 'buyer', context, page };
  try {
    await page.goto('/');
    await page.getByTestId('performance-card').first().waitFor();
    await shot(page, device, '1-performances');
    await page.goto(`/performances/${PERFORMANCE_ID}`);
    await page.getByRole('button', { name: 'Join the queue' }).waitFor();
    await shot(page, device, '2-performance');

    await joinFromList(buyer);
    await waitForSeatMap(buyer);
    const rival = await admittedBuyer(baseUrl, PERFORMANCE_ID);

    await joinFromList(waiter);
    await waiter.page.getByTestId('queue-status').waitFor();
    await waiter.page.waitForTimeout(1500);
    await shot(waiter.page, device, '3-queue');

    const [a, b, c] = await availableSeats(page, 3);
    for (const id of [a, b, c]) await clickSeat(page, id);
    await page.mouse.move(0, 0);
    await shot(page, device, '4-seat-map');

    await reserveSeats(baseUrl, PERFORMANCE_ID, rival.accessToken, [c]);
    await waitForSeatState(page, c, 'lost');
    await page.getByTestId('seat-notice').scrollIntoViewIfNeeded();
    await shot(page, device, '5-seat-taken', device === 'phone' ? {} : { fullPage: true });

    await page.getByTestId('reserve').click();
    await page.waitForURL(/\/reservations\/[^/]+$/);
    await page.getByTestId('reservation-id').waitFor();
    await shot(page, device, '6-confirmation');
    await page.goto('/reservations');
    await page.getByTestId('reservation-item').first().waitFor();
    await shot(page, device, '7-my-reservations');

    await waitForSeatMap(waiter);
    await waiter.page.getByTestId('your-turn').waitFor();
    await shot(waiter.page, device, '8-your-turn');
    // The last minute: the warning takes the strip's place, the map stays where it was.
    await waiter.page.evaluate((id) => {
      const key = `ticketing.session.${id}`;
      const session = JSON.parse(localStorage.getItem(key));
      session.sessionExpiresAt = new Date(Date.now() + 52_000).toISOString();
      localStorage.setItem(key, JSON.stringify(session));
    }, PERFORMANCE_ID);
    await waiter.page.reload();
    await waitForSeatMap(waiter);
    const [w] = await availableSeats(waiter.page, 1);
    await clickSeat(waiter.page, w);
    await waiter.page.getByTestId('session-warning').waitFor();
    await waiter.page.mouse.move(0, 0);
    await shot(waiter.page, device, '9-last-minute');
    await waiter.page.getByRole('button', { name: 'Give up my turn' }).click();
    await waiter.page.getByRole('button', { name: 'Yes, give up my turn' }).scrollIntoViewIfNeeded();
    await shot(waiter.page, device, '10-give-up-asks');
    await waiter.page.getByRole('button', { name: 'Yes, give up my turn' }).click();
    await leave(baseUrl, PERFORMANCE_ID, rival.accessToken).catch(() => {});
  } finally {
    await context.close();
    await waiterContext.close();
  }
}

try {
  await sellSomeSeats(3);
  await pictures('desktop', DESKTOP);
  await pictures('phone', PHONE);
  console.log(`wrote ${written.length} screenshots to ${outDir}:\n  ${written.join('\n  ')}`);
} finally {
  await browser.close();
  await gateway?.stop();
}
