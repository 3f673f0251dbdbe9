// The coordinator's overview follows changes live: a need a neighbour posts appears in
// the review queue of the open page, without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, expectNoAxeViolations, screenshot, ready, signedIn as signInAs } from './helpers.mjs';

const NEIGHBOUR = 'nachbar@demo.gute-nachbarschaft.example';
const COORDINATOR = 'moderation@demo.gute-nachbarschaft.example';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a posted need appears in the open coordinator page without a reload', async () => {
  const title = `Fahrt zum Arzt ${Date.now().toString(36)}`;
  const coordinator = await signInAs(browser, true, COORDINATOR);
  const following = coordinator.waitForResponse((r) => r.url().endsWith('/live/coordinator'));
  await coordinator.goto(`${BASE}/coordinator`);
  await ready(coordinator);
  assert.equal((await following).status(), 200);
  assert.equal(await coordinator.locator('.queue__item', { hasText: title }).count(), 0);
  // Survives only as long as the page is not loaded again.
  await coordinator.evaluate(() => { window.sameDocument = true; });

  const neighbour = await signInAs(browser, false, NEIGHBOUR);
  await neighbour.goto(`${BASE}/requests/new`);
  await neighbour.getByLabel('Art der Hilfe').selectOption('accompaniment');
  await neighbour.getByLabel('Was wird gebraucht?').fill(title);
  await neighbour.getByLabel('Datum').fill('2030-08-12');
  await neighbour.getByLabel('Von').fill('09:00');
  await neighbour.getByLabel('Bis').fill('11:00');
  await neighbour.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
  await neighbour.getByLabel('Wie viele Helfende?').fill('1');
  await neighbour.getByLabel('Vorname').fill('Nils');
  await neighbour.getByLabel('Genaue Adresse').fill('Am Lindenplatz 9');
  await neighbour.getByLabel('Telefon').fill('030 23125 919');
  await neighbour.getByRole('button', { name: 'Gesuch absenden' }).click();
  await neighbour.waitForURL(/\/requests\/\d+$/);

  const item = coordinator.locator('.queue__item', { hasText: title });
  await item.waitFor({ timeout: 15000 });
  assert.equal(await coordinator.evaluate(() => window.sameDocument), true, 'no reload');
  assert.match(await coordinator.locator('.live-status').innerText(), /aktualisiert/);
  await expectNoAxeViolations(coordinator, '/coordinator after a live update');
  await screenshot(coordinator, 'coordinator-live-update');
  await neighbour.context().close();
  await coordinator.context().close();
});
