// Meeting places, events, crisis help and moderation in the browser: find a step-free
// meeting place in a Quartier, say "I'll come" to an event and fetch its calendar
// file; open /help from a deep page without JavaScript; a neighbour reports a message,
// the Quartier's coordinator hides it and the neighbour hears the outcome. axe on
// every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, expectNoAxeViolations, screenshot, ready, signedIn as signInAs, status } from './helpers.mjs';

const NEIGHBOUR = 'nachbar@demo.gute-nachbarschaft.example';
const MODERATOR = 'moderation@demo.gute-nachbarschaft.example';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const javaScript of [false, true]) {
  const mode = javaScript ? 'js' : 'nojs';
  test(`a step-free meeting place and its event (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const page = await openPage(browser, { javaScript });
    await page.goto(`${BASE}/`);
    await ready(page);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Treffpunkte' }).click();
    await page.waitForURL(/\/places$/);
    await ready(page);
    await expectNoAxeViolations(page, '/places');
    await page.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
    await page.getByLabel('Stufenloser Zugang').check();
    await page.getByLabel('Barrierefreies WC').check();
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.waitForURL(/feature=accessible_toilet/);
    await ready(page);
    const results = page.locator('.place-list');
    assert.match(await results.innerText(), /Nachbarschaftstreff Linden-Süd/);
    assert.doesNotMatch(await results.innerText(), /Stadtteilbücherei/, 'no accessible toilet there');
    assert.doesNotMatch(await results.innerText(), /Ringgebiet/, 'another Quartier');
    assert.match(await status(page), /1 Treffpunkte gefunden/);
    await expectNoAxeViolations(page, '/places filtered');
    await screenshot(page, `places-${mode}`);
    await results.getByRole('link', { name: 'Nachbarschaftstreff Linden-Süd' }).click();
    await page.waitForURL(/\/places\/\d+$/);
    await ready(page);
    await expectNoAxeViolations(page, '/places/{id}');
    assert.match(await page.locator('.place-facts').innerText(), /Montag: 10:00–18:00/);
    const placeUrl = page.url();

    // The event's calendar file, and "I'll come" once signed in.
    const event = page.locator('.event', { hasText: 'Nachbarschaftscafé' });
    const href = await event.getByRole('link', { name: 'In den Kalender (iCal)' }).getAttribute('href');
    const ics = await page.request.get(`${BASE}${href}`);
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()['content-type'], /text\/calendar/);
    assert.match(await ics.text(), /RRULE:FREQ=WEEKLY/);

    const volunteer = await signInAs(browser, javaScript, `ehrenamt-${javaScript ? 7 : 8}@demo.gute-nachbarschaft.example`);
    await volunteer.goto(placeUrl);
    await ready(volunteer);
    const card = volunteer.locator('.event', { hasText: 'Nachbarschaftscafé' });
    const before = Number((await card.locator('.event__coming').innerText()).match(/\d+/)[0]);
    await card.getByRole('button', { name: 'Ich komme' }).click();
    await volunteer.waitForURL(/#event-\d+$/);
    await ready(volunteer);
    assert.match(await status(volunteer), /Schön, dass Sie kommen/);
    const after = volunteer.locator('.event', { hasText: 'Nachbarschaftscafé' });
    assert.equal(Number((await after.locator('.event__coming').innerText()).match(/\d+/)[0]), before + 1);
    assert.ok(await after.getByRole('button', { name: 'Ich komme doch nicht' }).isVisible());
    await expectNoAxeViolations(volunteer, '/places/{id} signed in');
    await volunteer.context().close();
    await page.context().close();
  });
}

test('/help is one tap from a deep page, without JavaScript, and readable on a phone', async () => {
  const page = await openPage(browser, { javaScript: false, width: 360 });
  await page.goto(`${BASE}/places?quartier=grone`);
  await page.locator('.place-list a').first().click();
  await page.waitForURL(/\/places\/\d+$/);
  await page.getByRole('link', { name: 'Hilfe in Not' }).click();
  await page.waitForURL(/\/help$/);
  const text = await page.locator('main').innerText();
  for (const number of ['110', '112', '116 016', '116 111', '0800 111 0 111', '0800 111 0 222']) {
    assert.ok(text.includes(number), number);
  }
  assert.equal(await page.getByRole('link', { name: /116 016/ }).getAttribute('href'), 'tel:116016');
  await expectNoAxeViolations(page, '/help small');
  await page.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await page.waitForURL(/\/help\?quartier=linden-sued$/);
  assert.match(await page.locator('main').innerText(), /Schuldnerberatung Linden/);
  await screenshot(page, 'help-phone');
  await page.getByRole('link', { name: 'Zum Weg bei Konflikten' }).click();
  await page.waitForURL(/\/help\/conflict$/);
  await expectNoAxeViolations(page, '/help/conflict');
  await page.goto(`${BASE}/services?topic=mediation`);
  assert.match(await page.locator('main').innerText(), /Nachbarschaftsvermittlung Linden/);
  await expectNoAxeViolations(page, '/services');
  await page.context().close();
});

test('a reported message is hidden by the coordinator and the reporter hears it', async () => {
  const title = `Glühbirne wechseln ${Date.now().toString(36)}`;
  const neighbour = await signInAs(browser, false, NEIGHBOUR);
  await neighbour.goto(`${BASE}/requests/new`);
  await neighbour.getByLabel('Art der Hilfe').selectOption('shopping');
  await neighbour.getByLabel('Was wird gebraucht?').fill(title);
  await neighbour.getByLabel('Datum').fill('2030-07-01');
  await neighbour.getByLabel('Von').fill('10:00');
  await neighbour.getByLabel('Bis').fill('11:00');
  await neighbour.getByLabel('Quartier oder Dorf').selectOption('linden-sued');
  await neighbour.getByLabel('Wie viele Helfende?').fill('1');
  await neighbour.getByLabel('Vorname').fill('Nils');
  await neighbour.getByLabel('Genaue Adresse').fill('Am Lindenplatz 9');
  await neighbour.getByLabel('Telefon').fill('030 23125 909');
  await neighbour.getByRole('button', { name: 'Gesuch absenden' }).click();
  await neighbour.waitForURL(/\/requests\/\d+$/);
  const needUrl = neighbour.url();

  // The coordinator writes in the need's thread (the message to be reported).
  const moderator = await signInAs(browser, false, MODERATOR);
  await moderator.goto(needUrl);
  await moderator.getByLabel('Nachricht', { exact: true }).fill('Melden Sie sich, sonst passiert etwas.');
  await moderator.getByRole('button', { name: 'Nachricht senden' }).click();
  await moderator.waitForURL(/#messages$/);

  // The neighbour reports it.
  await neighbour.goto(needUrl);
  const message = neighbour.locator('.thread__message', { hasText: 'sonst passiert etwas' });
  await message.getByRole('link', { name: 'Nachricht melden' }).click();
  await neighbour.waitForURL(/\/report\?kind=message&id=\d+$/);
  await expectNoAxeViolations(neighbour, '/report');
  await neighbour.getByRole('button', { name: 'Meldung senden' }).click();
  // The browser asks for a reason first (required radio); without one nothing is sent.
  assert.match(neighbour.url(), /\/report\?/);
  await neighbour.getByLabel('Drohung oder Gewalt').check();
  await neighbour.getByLabel(/Was ist passiert/).fill('Das klingt wie eine Drohung.');
  await neighbour.getByRole('button', { name: 'Meldung senden' }).click();
  await neighbour.waitForURL(/#message-\d+$/);
  assert.match(await status(neighbour), /Ihre Meldung ist bei der Koordination angekommen/);

  // The coordinator sees it first, marked urgent, and hides it with a reason.
  await moderator.goto(`${BASE}/coordinator`);
  await moderator.getByRole('link', { name: 'Meldungen' }).click();
  await moderator.waitForURL(/\/coordinator\/reports$/);
  await expectNoAxeViolations(moderator, '/coordinator/reports');
  const first = moderator.locator('.report').first();
  assert.match(await first.innerText(), /Dringend/);
  assert.match(await first.innerText(), /sonst passiert etwas/);
  await first.getByLabel('Entscheidung').selectOption('hide');
  await first.getByLabel('Begründung').fill('Drohung gegen die Nachbarin');
  await first.getByRole('button', { name: 'Entscheiden' }).click();
  await moderator.waitForURL(/\/coordinator\/reports#report-\d+$/);
  assert.match(await status(moderator), /Entscheidung ist gespeichert/);
  await screenshot(moderator, 'moderation');

  // The message is gone from the thread; the neighbour got a letter with the outcome.
  await neighbour.goto(needUrl);
  const thread = await neighbour.locator('#messages').innerText();
  assert.doesNotMatch(thread, /sonst passiert etwas/);
  assert.match(thread, /von der Moderation ausgeblendet/);
  let letter;
  for (let attempt = 0; attempt < 40 && !letter; attempt += 1) {
    const response = await fetch(`${BASE}/dev/mail.json?to=${encodeURIComponent(NEIGHBOUR)}`);
    letter = (await response.json()).find((l) => l.body.includes('Der Inhalt wurde ausgeblendet.'));
    if (!letter) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.ok(letter, 'the reporter hears the outcome');
  await moderator.goto(`${BASE}/coordinator/mediation`);
  await expectNoAxeViolations(moderator, '/coordinator/mediation');
  await moderator.goto(`${BASE}/coordinator/places`);
  await expectNoAxeViolations(moderator, '/coordinator/places');
  await neighbour.context().close();
  await moderator.context().close();
});
