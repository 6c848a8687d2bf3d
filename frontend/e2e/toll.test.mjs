// The toll at the door in real Chromium: with JOIN_PROOF_DIFFICULTY=18 the SPA fetches the challenge,
// solves it in a Web Worker while showing its progress, and joins with the proof. Prints the solve
// time (the figure in docs/queue.md#the-toll).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, snap } from './support/browser.mjs';
import { close, joinFromList, newBuyer } from './support/buyer.mjs';
import { startGateway } from './support/gateway.mjs';

const BITS = 18;

describe('the toll at the door (local gateway, 18 bits)', { timeout: 600_000 }, () => {
  let gateway;
  let browser;

  before(async () => {
    gateway = await startGateway('toll', { JOIN_PROOF_DIFFICULTY: String(BITS), JOIN_LIMIT_PER_ADDRESS: '0' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('the SPA solves the challenge in a worker, shows its progress and joins with the proof', { timeout: 300_000 }, async () => {
    const name = 'toll';
    const buyer = await newBuyer(browser, gateway.baseUrl, 'buyer');
    const times = {};
    buyer.page.on('response', (r) => {
      if (r.url().endsWith('/queue/challenge')) times.challenge = Date.now();
      if (r.url().endsWith('/queue') && r.request().method() === 'POST') {
        const body = r.request().postData() ?? '';
        if (body.includes('nonce')) times.joined = { at: Date.now(), status: r.status() };
        else times.refused = r.status();
      }
    });
    // However fast the solve, the page must have shown its progress: a MutationObserver notes it.
    await buyer.page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.body?.textContent?.includes('Checking your browser')) window.__tollShown = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    try {
      await joinFromList(buyer);
      await buyer.page.getByTestId('ticket-number').or(buyer.page.getByTestId('seat-map')).first().waitFor({ timeout: 120_000 });
      await snap(buyer.page, name, 'buyer-1-joined');
      assert.equal(await buyer.page.evaluate(() => window.__tollShown === true), true, 'the progress was shown');
      assert.equal(times.refused, 428, 'the join without a proof is refused first');
      assert.equal(times.joined?.status, 201, 'the join with the proof gets a ticket');
      const seconds = (times.joined.at - times.challenge) / 1000;
      console.log(`toll: ${BITS} bits solved in Chromium in ${seconds.toFixed(2)} s (challenge to joined)`);
      assert.deepEqual(buyer.errors, []);
    } finally {
      await close(name, buyer);
    }
  });
});
