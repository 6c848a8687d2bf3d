// What the operator console tests need besides the buyer's steps: buyers driven through the API one
// step at a time (join, poll, reserve, confirm), and the console's figures as numbers.
import { reserveSeats, seatMap } from './api.mjs';

/** A ticket, joined through the API (no browser); polled later with `poll`. */
export async function join(baseUrl, performanceId) {
  const response = await fetch(`${baseUrl}/api/performances/${performanceId}/queue`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (response.status !== 201 && response.status !== 200) throw new Error(`join: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * One poll as a client honouring the cadence makes it: a 429 (polled before `pollAfterSeconds`)
 * is waited out for its Retry-After (at most 10 s) and the poll made again. The answer's body.
 */
export async function poll(baseUrl, performanceId, queueToken) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await fetch(`${baseUrl}/api/performances/${performanceId}/queue`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${queueToken}` },
    });
    if (response.status === 429) {
      await new Promise((r) => setTimeout(r, Number(response.headers.get('Retry-After') ?? '1') * 1000));
      continue;
    }
    if (!response.ok) throw new Error(`poll: ${response.status} ${await response.text()}`);
    return response.json();
  }
  throw new Error('poll: still too soon after 5 tries');
}

/** Polls (at the cadence) until the ticket is admitted: its access token. */
export async function admit(baseUrl, performanceId, queueToken, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await poll(baseUrl, performanceId, queueToken);
    if (answer.status === 'ADMITTED') return answer.accessToken;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('not admitted in time');
}

/** Holds `count` available seats with the session (a 201 hold), skipping those already taken. */
export async function holdSeats(baseUrl, performanceId, accessToken, count) {
  const map = await seatMap(baseUrl, performanceId, accessToken);
  const free = map.seats.filter((s) => s.status === 'AVAILABLE').map((s) => s.id);
  return reserveSeats(baseUrl, performanceId, accessToken, free.slice(0, count));
}

export async function confirmHold(baseUrl, performanceId, hold) {
  const response = await fetch(
    `${baseUrl}/api/performances/${performanceId}/reservations/${encodeURIComponent(hold.reservationId)}/confirm`,
    {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${hold.holdToken}` },
      body: JSON.stringify({ name: 'Ana Lima', email: 'ana@example.com' }),
    },
  );
  if (!response.ok) throw new Error(`confirm: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function publicState(baseUrl, performanceId) {
  const response = await fetch(`${baseUrl}/api/performances/${performanceId}/queue/state`, { cache: 'no-store' });
  return response.json();
}

/** The console's figure `key` (data-testid figure-<key>) as a number. */
export async function figure(page, key) {
  const text = await page.getByTestId(`figure-${key}`).locator('dd').textContent();
  return Number(text.replace(/,/g, '').match(/\d+/)[0]);
}

/** Waits until figure `key` meets `test` (the console polls every 3 s). */
export async function waitForFigure(page, key, test, description, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let value;
  while (Date.now() < deadline) {
    value = await figure(page, key);
    if (test(value)) return value;
    await page.waitForTimeout(250);
  }
  throw new Error(`figure ${key} is ${value}, not ${description}, after ${timeout} ms`);
}

/** The console's time of its last answer (the "As of" line), to wait for the next one. */
export async function asOf(page) {
  return page.locator('.as-of').textContent();
}

export async function waitForNextAnswer(page, timeout = 15_000) {
  const before = await asOf(page);
  await page.waitForFunction((b) => document.querySelector('.as-of')?.textContent !== b, before, { timeout });
}

/** Waits until the public state says `sale` (the edge keeps it a second: docs/api.md). */
export async function waitForPublicSale(baseUrl, performanceId, sale, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = (await publicState(baseUrl, performanceId)).sale;
    if (last === sale) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the public state says ${last}, not ${sale}, after ${timeout} ms`);
}
