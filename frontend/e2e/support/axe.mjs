// axe-core (the accessibility rules engine) run inside the page: the violations it finds, as
// "rule: target" lines, so a failing assertion says what and where.
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: axePath });
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}
