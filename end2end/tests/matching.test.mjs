// Matching in the browser, without and with JavaScript: the volunteer keeps a profile;
// a coordinator opens the suggestions for a need, sees the reasons, invites; the
// volunteer accepts and the need fills. A child-related need never offers a volunteer
// without a valid inspection. axe on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, expectNoAxeViolations, screenshot, ready, signedIn as signInAs, status } from './helpers.mjs';

const COORDINATOR = 'matching@demo.gute-nachbarschaft.example';
// A volunteer of the demo data (Anna B., Linden-Süd, free on weekday mornings); the
// other browser tests use the demo volunteer, whose sign-ins are throttled too.
const VOLUNTEER = 'ehrenamt-0@demo.gute-nachbarschaft.example';
const VOLUNTEER_NAME = 'Anna B.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const signedIn = (javaScript, email) => signInAs(browser, javaScript, email);

/// A need the coordinator posts on a neighbour's behalf (it opens at once); its URL.
async function postedNeed(coordinator, { category, title, date }) {
  await coordinator.goto(`${BASE}/requests/new`);
  await ready(coordinator);
  await coordinator.getByLabel('Art der Hilfe').selectOption(category);
  await coordinator.getByLabel('Was wird gebraucht?').fill(title);
  await coordinator.getByLabel('Datum').fill(date);
  await coordinator.getByLabel('Von').fill('10:00');
  await coordinator.getByLabel('Bis').fill('11:00');
  await coordinator.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
  await coordinator.getByLabel('Wie viele Helfende?').fill('1');
  await coordinator.getByLabel('Vorname').fill('Erna');
  await coordinator.getByLabel('Genaue Adresse').fill('Am Lindenplatz 4');
  await coordinator.getByLabel('Telefon').fill('030 23125 902');
  await coordinator.getByLabel('Wie hat die Person zugestimmt?').selectOption('phone');
  await coordinator.getByRole('button', { name: 'Gesuch absenden' }).click();
  await coordinator.waitForURL(/\/requests\/\d+$/);
  await ready(coordinator);
  return coordinator.url();
}

for (const javaScript of [false, true]) {
  const mode = javaScript ? 'js' : 'nojs';
  test(`suggestions, invitation, acceptance (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const title = `Einkauf ${mode} ${Date.now().toString(36)}`;

    // The volunteer's profile: a bad radius is named, a good one saved.
    const volunteer = await signedIn(javaScript, VOLUNTEER);
    await volunteer.getByRole('link', { name: /Mein Engagement/ }).click();
    await volunteer.waitForURL(/\/me\/volunteer$/);
    await ready(volunteer);
    await expectNoAxeViolations(volunteer, '/me/volunteer');
    if (javaScript) {
      // A click on the map fills the approximate point.
      await volunteer.locator('.map svg').click({ position: { x: 200, y: 180 } });
      assert.match(await volunteer.getByLabel('Breitengrad').inputValue(), /^5\d\.\d{3}$/);
      assert.match(await volunteer.getByLabel('Längengrad').inputValue(), /^\d+\.\d{3}$/);
    }
    await volunteer.getByLabel('Wie weit ich fahre oder gehe (km)').fill('10000');
    await volunteer.getByRole('button', { name: 'Profil speichern' }).click();
    await volunteer.waitForURL(/\/me\/volunteer#profile$/);
    await ready(volunteer);
    assert.ok(await volunteer.getByText(/Wie weit ich fahre oder gehe \(km\): Die Zahl liegt außerhalb/).isVisible());
    await volunteer.getByLabel('Wie weit ich fahre oder gehe (km)').fill('5');
    await volunteer.getByRole('button', { name: 'Profil speichern' }).click();
    await volunteer.waitForURL(/\/me\/volunteer#profile$/);
    await ready(volunteer);
    assert.match(await status(volunteer), /Profil ist gespeichert/);
    await screenshot(volunteer, `volunteer-profile-${mode}`);

    const coordinator = await signedIn(javaScript, COORDINATOR);
    const needUrl = await postedNeed(coordinator, { category: 'shopping', title, date: javaScript ? '2030-06-10' : '2030-06-17' });
    await coordinator.getByRole('link', { name: 'Passende Helfende vorschlagen' }).click();
    await coordinator.waitForURL(/\/suggestions$/);
    await ready(coordinator);
    await expectNoAxeViolations(coordinator, 'suggestions');
    const anna = coordinator.locator('.suggestion', { hasText: VOLUNTEER_NAME });
    assert.match(await anna.innerText(), /km entfernt/);
    assert.match(await anna.innerText(), /zu 100 % der Zeit frei/);
    await anna.getByRole('checkbox').check();
    await coordinator.getByRole('button', { name: 'Ausgewählte anfragen' }).click();
    await coordinator.waitForURL(/\/suggestions$/);
    await ready(coordinator);
    assert.match(await status(coordinator), /Anfragen sind verschickt/);
    assert.ok(await coordinator.getByText(`${VOLUNTEER_NAME} – wartet auf Antwort`, { exact: false }).isVisible());
    await screenshot(coordinator, `suggestions-${mode}`);

    await volunteer.goto(`${BASE}/me/volunteer`);
    await ready(volunteer);
    const invitation = volunteer.locator('.invitation', { hasText: title });
    await invitation.getByRole('button', { name: 'Zusagen' }).click();
    await volunteer.waitForURL(needUrl);
    await ready(volunteer);
    assert.match(await status(volunteer), /Danke für Ihre Zusage/);
    assert.ok(await volunteer.getByText('Am Lindenplatz 4').isVisible(), 'the accepted helper sees the address');
    assert.ok(await volunteer.getByText(/Alle Plätze vergeben/).first().isVisible(), 'the need is filled');
    await screenshot(volunteer, `invitation-accepted-${mode}`);

    if (javaScript) {
      for (const page of [coordinator, volunteer]) {
        assert.deepEqual(page.errors.filter((e) => !e.includes('status of 4')), []);
      }
    }
    for (const page of [coordinator, volunteer]) await page.context().close();
  });
}

test('a child-related need never offers a volunteer without a valid inspection', async () => {
  const coordinator = await signedIn(false, COORDINATOR);
  const needUrl = await postedNeed(coordinator, {
    category: 'childcare',
    title: `Hausaufgabenhilfe ${Date.now().toString(36)}`,
    date: '2030-06-24',
  });
  await coordinator.goto(`${needUrl}/suggestions`);
  await expectNoAxeViolations(coordinator, 'suggestions (childcare)');
  // Anna has no inspection recorded; the demo volunteers with one may be offered.
  assert.equal(await coordinator.locator('.suggestion', { hasText: VOLUNTEER_NAME }).count(), 0);
  assert.ok(await coordinator.getByText(/ohne gültige Einsichtnahme ins Führungszeugnis/).isVisible());

  await coordinator.goto(`${BASE}/coordinator/volunteers`);
  await expectNoAxeViolations(coordinator, '/coordinator/volunteers');
  await coordinator.goto(`${BASE}/coordinator/proposal?quartier=linden-sued`);
  await expectNoAxeViolations(coordinator, '/coordinator/proposal');
  await screenshot(coordinator, 'proposal');
  await coordinator.context().close();
});
