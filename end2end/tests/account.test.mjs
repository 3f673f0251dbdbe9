// Signing in and out as the demo administrator, without and with JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, waitForHydration, expectNoAxeViolations, screenshot } from './helpers.mjs';

const EMAIL = 'admin@demo.gute-nachbarschaft.example';
const PASSWORD = 'Demo-Passwort-2026';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const javaScript of [false, true]) {
  test(`sign in, see my data, sign out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const page = await openPage(browser, { javaScript });
    await page.goto(`${BASE}/me`);
    await page.waitForURL(/\/login$/);
    if (javaScript) await waitForHydration(page);
    await expectNoAxeViolations(page, '/login');
    await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
    await page.getByLabel('Passwort').fill('falsch-falsch-falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/error=credentials/);
    assert.match(await page.getByRole('alert').innerText(), /stimmen nicht/);

    await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(/\/me$/);
    assert.ok(await page.getByText(EMAIL).isVisible());
    assert.ok(await page.getByText('Plattform-Administration', { exact: true }).isVisible());
    await expectNoAxeViolations(page, '/me');
    await screenshot(page, `me-${javaScript ? 'js' : 'nojs'}`);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(`${BASE}/`);
    assert.ok(await page.getByRole('link', { name: 'Anmelden' }).isVisible());
    await page.goto(`${BASE}/me`);
    await page.waitForURL(/\/login$/);
    if (javaScript) assert.deepEqual(page.errors.filter((e) => !e.includes('status of 4')), []);
    await page.context().close();
  });
}
