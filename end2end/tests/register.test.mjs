// Accounts in the browser, without and with JavaScript: register, read the letter in
// the dev mailbox, confirm, sign in and out; an org admin invites a coordinator who
// joins through the link; a visitor opening /coordinator is sent to sign in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, waitForHydration, expectNoAxeViolations, screenshot, linkFromMailbox } from './helpers.mjs';

const PASSWORD = 'Sonnenuhr-am-Brunnen-7';
const DEMO_PASSWORD = 'Demo-Passwort-2026';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function ready(page) {
  if (page.javaScript) await waitForHydration(page);
}

async function signIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await ready(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

for (const javaScript of [false, true]) {
  const mode = javaScript ? 'js' : 'nojs';

  test(`register, confirm by mail, sign in and out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const email = `neu-${mode}-${Date.now()}@example.org`;
    const page = await openPage(browser, { javaScript });
    await page.goto(`${BASE}/`);
    await ready(page);
    await page.getByRole('link', { name: 'Registrieren' }).click();
    await page.waitForURL(/\/register$/);
    await ready(page);
    await expectNoAxeViolations(page, '/register');

    // A common password is refused, naming the field; what was typed stays.
    await page.getByLabel('Name (so sehen andere Sie)').fill('Greta Grün');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill('Passwort123');
    await page.getByLabel('Passwort wiederholen').fill('Passwort123');
    await page.getByLabel('Ich möchte helfen').check();
    await page.getByLabel('Quartier').selectOption('linden-sued');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.waitForURL(/\/register$/);
    await ready(page);
    assert.match(await page.getByRole('alert').innerText(), /Passwort: Dieses Passwort ist zu leicht zu erraten/);
    assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), email);
    assert.equal(await page.getByLabel('Name (so sehen andere Sie)').inputValue(), 'Greta Grün');
    await expectNoAxeViolations(page, '/register with an error');
    await screenshot(page, `register-error-${mode}`);

    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
    await page.getByLabel('Ich möchte helfen').check();
    await page.getByLabel('Quartier').selectOption('linden-sued');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.waitForURL(/\/login$/);
    assert.match(await page.getByRole('status').innerText(), /E-Mail-Postfach/);

    const link = await linkFromMailbox(email, '/verify');
    await page.goto(link);
    await ready(page);
    await expectNoAxeViolations(page, '/verify');
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await page.waitForURL(/\/login$/);
    assert.match(await page.getByRole('status').innerText(), /bestätigt/);

    await signIn(page, email, PASSWORD);
    await page.waitForURL(/\/me$/);
    await ready(page);
    assert.ok(await page.getByText('Hilft mit – Linden-Süd').isVisible());
    await expectNoAxeViolations(page, '/me');
    await screenshot(page, `me-new-${mode}`);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(`${BASE}/`);
    assert.ok(await page.getByRole('link', { name: 'Anmelden' }).isVisible());
    if (javaScript) assert.deepEqual(page.errors.filter((e) => !e.includes('status of 4')), []);
    await page.context().close();
  });

  test(`an org admin invites a coordinator who joins by the link (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const invited = `koordination-${mode}-${Date.now()}@example.org`;
    const admin = await openPage(browser, { javaScript });
    await signIn(admin, 'leitung@demo.gute-nachbarschaft.example', DEMO_PASSWORD);
    await admin.waitForURL(/\/me$/);
    await admin.getByRole('link', { name: 'Koordination' }).first().click();
    await admin.waitForURL(/\/coordinator$/);
    await ready(admin);
    await expectNoAxeViolations(admin, '/coordinator');
    await admin.getByLabel('E-Mail-Adresse').fill(invited);
    await admin.getByLabel('Rolle').selectOption('coordinator');
    await admin.getByRole('button', { name: 'Einladung schicken' }).click();
    await admin.waitForURL(/\/coordinator$/);
    assert.match(await admin.getByRole('status').innerText(), /Einladung ist verschickt/);
    assert.ok(await admin.getByText(invited).isVisible());
    await screenshot(admin, `coordinator-${mode}`);

    const link = await linkFromMailbox(invited, '/invitation');
    const newcomer = await openPage(browser, { javaScript });
    await newcomer.goto(link);
    await ready(newcomer);
    assert.ok(await newcomer.getByText(/lädt Sie ein: Koordination/).isVisible());
    await expectNoAxeViolations(newcomer, '/invitation');
    assert.equal(await newcomer.getByLabel('E-Mail-Adresse').inputValue(), invited);
    await newcomer.getByLabel('Name (so sehen andere Sie)').fill('Ida Invite');
    await newcomer.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await newcomer.getByLabel('Passwort wiederholen').fill(PASSWORD);
    await newcomer.getByRole('button', { name: 'Konto anlegen' }).click();
    await newcomer.waitForURL(/\/coordinator$/);
    await ready(newcomer);
    assert.match(await newcomer.getByRole('status').innerText(), /Willkommen im Team/);
    await expectNoAxeViolations(newcomer, '/coordinator as a new coordinator');

    await admin.reload();
    await ready(admin);
    assert.ok(await admin.getByRole('cell', { name: 'Ida Invite' }).first().isVisible());
    await admin.context().close();
    await newcomer.context().close();
  });

  test(`a visitor opening /coordinator is sent to sign in (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const page = await openPage(browser, { javaScript });
    await page.goto(`${BASE}/coordinator`);
    await page.waitForURL(/\/login$/);
    assert.ok(await page.getByRole('button', { name: 'Anmelden' }).isVisible());
    await page.context().close();
  });
}
