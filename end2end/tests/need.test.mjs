// A need's whole life in the browser, without and with JavaScript: a neighbour posts,
// the coordinator approves, a volunteer signs up, the neighbour confirms, the helper
// sees the address, logs time, the neighbour closes. axe on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, expectNoAxeViolations, screenshot, ready, signedIn as signInAs, status } from './helpers.mjs';

const NEIGHBOUR = 'nachbarin@demo.gute-nachbarschaft.example';
const COORDINATOR = 'koordination@demo.gute-nachbarschaft.example';
const VOLUNTEER = 'helfer@demo.gute-nachbarschaft.example';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const signedIn = (javaScript, email) => signInAs(browser, javaScript, email);

for (const javaScript of [false, true]) {
  const mode = javaScript ? 'js' : 'nojs';
  test(`a need from posting to done (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const title = `Einkauf ${mode} ${Date.now().toString(36)}`;
    const address = `Lindenallee ${javaScript ? 3 : 5}`;

    const neighbour = await signedIn(javaScript, NEIGHBOUR);
    await neighbour.getByRole('link', { name: 'Hilfe suchen' }).first().click();
    await neighbour.waitForURL(/\/requests\/new$/);
    await ready(neighbour);
    await expectNoAxeViolations(neighbour, '/requests/new');
    await neighbour.getByLabel('Art der Hilfe').selectOption('shopping');
    await neighbour.getByLabel('Was wird gebraucht?').fill(title);
    await neighbour.getByLabel('Beschreibung der Aufgabe').fill('Wasser und Brot vom Markt');
    await neighbour.getByLabel('Datum').fill('2030-06-03');
    await neighbour.getByLabel('Von').fill('10:00');
    await neighbour.getByLabel('Bis').fill('11:00');
    await neighbour.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
    await neighbour.getByLabel('Wie viele Helfende?').fill('1');
    await neighbour.getByLabel('Vorname').fill('Nora');
    await neighbour.getByLabel('Genaue Adresse').fill(address);
    await neighbour.getByLabel('Telefon').fill('030 23125 900');
    await neighbour.getByRole('button', { name: 'Gesuch absenden' }).click();
    await neighbour.waitForURL(/\/requests\/\d+$/);
    await ready(neighbour);
    assert.match(await status(neighbour), /Ihr Gesuch ist eingegangen/);
    const needUrl = neighbour.url();
    await expectNoAxeViolations(neighbour, 'need page (neighbour)');

    const coordinator = await signedIn(javaScript, COORDINATOR);
    await coordinator.goto(`${BASE}/coordinator`);
    await ready(coordinator);
    await expectNoAxeViolations(coordinator, '/coordinator with the queue');
    const item = coordinator.locator('.queue__item', { hasText: title });
    await item.getByRole('button', { name: 'Freigeben' }).click();
    await coordinator.waitForURL(/\/requests\/\d+$/);
    assert.match(await status(coordinator), /Entscheidung ist gespeichert/);

    const volunteer = await signedIn(javaScript, VOLUNTEER);
    await volunteer.goto(needUrl);
    await ready(volunteer);
    assert.ok(await volunteer.getByText('Wasser und Brot vom Markt').isVisible());
    assert.equal(await volunteer.getByText(address).count(), 0, 'no address before confirmation');
    await expectNoAxeViolations(volunteer, 'need page (volunteer)');
    await volunteer.getByRole('button', { name: 'Ich helfe' }).click();
    await volunteer.waitForURL(needUrl);
    assert.match(await status(volunteer), /Sie sind dabei/);

    await neighbour.goto(needUrl);
    await ready(neighbour);
    await neighbour.getByRole('button', { name: /Bestätigen: Hannes Helfer/ }).click();
    await neighbour.waitForURL(needUrl);
    assert.match(await status(neighbour), /bestätigt/);

    await volunteer.goto(needUrl);
    await ready(volunteer);
    assert.ok(await volunteer.getByText(address).isVisible(), 'the confirmed helper sees the address');
    await volunteer.getByLabel('Zeit in Minuten').fill('60');
    await volunteer.getByRole('button', { name: 'Zeit eintragen' }).click();
    await volunteer.waitForURL(needUrl);
    assert.match(await status(volunteer), /Zeit ist eingetragen/);
    await screenshot(volunteer, `need-helper-${mode}`);

    await neighbour.goto(needUrl);
    await ready(neighbour);
    await neighbour.getByLabel('Dank oder Rückmeldung (freiwillig)').fill('Vielen Dank!');
    await neighbour.getByRole('button', { name: 'Gesuch abschließen' }).click();
    await neighbour.waitForURL(needUrl);
    assert.match(await status(neighbour), /abgeschlossen/);
    assert.ok(await neighbour.getByText('Erledigt').first().isVisible());
    await screenshot(neighbour, `need-done-${mode}`);
    if (javaScript) {
      for (const page of [neighbour, coordinator, volunteer]) {
        assert.deepEqual(page.errors.filter((e) => !e.includes('status of 4')), []);
      }
    }
    for (const page of [neighbour, coordinator, volunteer]) await page.context().close();
  });
}

for (const javaScript of [false, true]) {
  const mode = javaScript ? 'js' : 'nojs';
  test(`on-behalf intake, printed notice, assignment, done (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const title = `Arztbegleitung ${mode} ${Date.now().toString(36)}`;
    const coordinator = await signedIn(javaScript, COORDINATOR);
    await coordinator.goto(`${BASE}/requests/new`);
    await ready(coordinator);
    await coordinator.getByLabel('Art der Hilfe').selectOption('accompaniment');
    await coordinator.getByLabel('Was wird gebraucht?').fill(title);
    await coordinator.getByLabel('Datum').fill('2030-07-08');
    await coordinator.getByLabel('Von').fill('08:30');
    await coordinator.getByLabel('Bis').fill('10:30');
    await coordinator.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
    await coordinator.getByLabel('Wie viele Helfende?').fill('1');
    await coordinator.getByLabel('Vorname').fill('Erna');
    await coordinator.getByLabel('Genaue Adresse').fill('Am Lindenplatz 2');
    await coordinator.getByLabel('Telefon').fill('030 23125 901');
    await coordinator.getByLabel('Wie hat die Person zugestimmt?').selectOption('phone');
    await coordinator.getByRole('button', { name: 'Gesuch absenden' }).click();
    await coordinator.waitForURL(/\/requests\/\d+$/);
    await ready(coordinator);
    assert.match(await status(coordinator), /veröffentlicht/);
    const needUrl = coordinator.url();
    const number = needUrl.split('/').pop();

    await coordinator.getByRole('link', { name: 'Merkblatt zum Ausdrucken' }).click();
    await coordinator.waitForURL(/\/notice$/);
    await ready(coordinator);
    assert.ok(await coordinator.getByText(`Gesuch Nr. ${number}`).isVisible());
    await expectNoAxeViolations(coordinator, 'printed notice');
    await coordinator.emulateMedia({ media: 'print' });
    await screenshot(coordinator, `notice-print-${mode}`);
    await coordinator.emulateMedia({ media: 'screen' });

    await coordinator.goto(needUrl);
    await ready(coordinator);
    await coordinator.getByLabel('E-Mail-Adresse der helfenden Person').fill(VOLUNTEER);
    await coordinator.getByRole('button', { name: 'Eintragen und bestätigen' }).click();
    await coordinator.waitForURL(needUrl);
    assert.match(await status(coordinator), /bestätigt/);

    const volunteer = await signedIn(javaScript, VOLUNTEER);
    await volunteer.goto(needUrl);
    await ready(volunteer);
    assert.ok(await volunteer.getByText('Am Lindenplatz 2').isVisible());
    await volunteer.getByLabel('Zeit in Minuten').fill('120');
    await volunteer.getByRole('button', { name: 'Zeit eintragen' }).click();
    await volunteer.waitForURL(needUrl);

    await coordinator.goto(needUrl);
    await ready(coordinator);
    await coordinator.getByRole('button', { name: 'Gesuch abschließen' }).click();
    await coordinator.waitForURL(needUrl);
    assert.match(await status(coordinator), /abgeschlossen/);
    if (javaScript) {
      for (const page of [coordinator, volunteer]) {
        assert.deepEqual(page.errors.filter((e) => !e.includes('status of 4')), []);
      }
    }
    for (const page of [coordinator, volunteer]) await page.context().close();
  });
}
