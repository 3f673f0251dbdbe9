// The first public pages: home, open needs with filters, crisis help, language switch;
// with and without JavaScript, with axe on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openPage, waitForHydration, expectNoAxeViolations, screenshot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the home page renders the alliance from the server without JavaScript', async () => {
  const page = await openPage(browser, { javaScript: false });
  const response = await page.goto(`${BASE}/`);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Nachbarn helfen Nachbarn');
  for (const quartier of ['Linden-Süd', 'Westliches Ringgebiet', 'Musterdorf']) {
    assert.ok(await page.getByRole('link', { name: quartier, exact: true }).isVisible(), quartier);
  }
  assert.ok((await page.locator('.need-card').count()) > 0, 'latest needs are shown');
  assert.ok(await page.getByText('Nachbarschaftstreff Linden-Süd').isVisible());
  assert.ok(await page.getByRole('link', { name: 'Hilfe in Not' }).first().isVisible());
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
  await expectNoAxeViolations(page, '/ (no JS)');
  await screenshot(page, 'home-nojs');
  await page.context().close();
});

test('without JavaScript the filter form loads the filtered list', async () => {
  const page = await openPage(browser, { javaScript: false });
  await page.goto(`${BASE}/requests`);
  const all = await page.locator('.need-card').count();
  assert.ok(all > 5, `expected several open needs, got ${all}`);
  await page.getByLabel('Quartier oder Dorf').selectOption('musterdorf');
  await Promise.all([page.waitForURL(/quartier=musterdorf/), page.getByRole('button', { name: 'Filtern' }).click()]);
  const places = await page.locator('.need-card dd').allInnerTexts();
  const shown = await page.locator('.need-card').count();
  assert.ok(shown > 0 && shown < all, `filtered ${shown} of ${all}`);
  assert.ok(places.filter((t) => t === 'Musterdorf').length === shown, 'every need is in Musterdorf');
  assert.equal(await page.getByLabel('Quartier oder Dorf').inputValue(), 'musterdorf');
  await expectNoAxeViolations(page, '/requests (no JS)');
  await screenshot(page, 'requests-filtered-nojs');
  await page.context().close();
});

test('an unknown Quartier gives a clear message naming the field, not an error page', async () => {
  const page = await openPage(browser, { javaScript: false });
  const response = await page.goto(`${BASE}/requests?quartier=atlantis`);
  assert.equal(response.status(), 400);
  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), /Quartier oder Dorf: Diesen Eintrag gibt es nicht/);
  assert.ok(await page.getByRole('button', { name: 'Filtern' }).isVisible(), 'the page and its filter still work');
  await page.context().close();
});

test('with JavaScript the filter updates the list through the server function, without reload', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}/requests`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__samePage = true; });
  await page.getByLabel('Art der Hilfe').selectOption('shopping');
  const [apiResponse] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/needs/open')),
    page.getByRole('button', { name: 'Filtern' }).click(),
  ]);
  assert.equal(apiResponse.status(), 200);
  await page.waitForURL(/category=shopping/);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.need-card')].every((c) => c.dataset.category === 'shopping'));
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no full page load happened');
  const count = await page.locator('.need-card').count();
  assert.ok(count > 0);
  assert.deepEqual(page.errors, []);
  await expectNoAxeViolations(page, '/requests (JS)');
  await screenshot(page, 'requests-filtered-js');
  await page.context().close();
});

test('the language switch changes the page to English and keeps the choice', async () => {
  const page = await openPage(browser, { javaScript: false });
  await page.goto(`${BASE}/requests?category=shopping`);
  await Promise.all([page.waitForURL(/category=shopping/), page.getByRole('button', { name: 'English' }).click()]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Open needs');
  await page.goto(`${BASE}/help`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(await page.getByRole('heading', { name: 'Help in a crisis' }).isVisible());
  await expectNoAxeViolations(page, '/help (en, no JS)');
  await page.context().close();
});

test('crisis help is one tap away and works on a small phone without JavaScript', async () => {
  const page = await openPage(browser, { javaScript: false, width: 320 });
  await page.goto(`${BASE}/privacy`);
  await page.getByRole('link', { name: 'Hilfe in Not' }).first().click();
  await page.waitForURL(/\/help$/);
  for (const number of ['110', '112', '116016', '116111', '08001110111', '08001110222']) {
    assert.equal(await page.locator(`a[href="tel:${number}"]`).count() > 0, true, number);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `no sideways scrolling at 320 px (page is ${width} px wide)`);
  await expectNoAxeViolations(page, '/help (320 px)');
  await screenshot(page, 'help-320');
  await page.context().close();
});

test('every page hydrates without console errors and passes axe', async () => {
  const page = await openPage(browser);
  for (const path of ['/', '/requests', '/help', '/privacy', '/imprint']) {
    await page.goto(`${BASE}${path}`);
    await waitForHydration(page);
    await expectNoAxeViolations(page, path);
  }
  assert.deepEqual(page.errors, []);
  const missing = await page.goto(`${BASE}/gibt-es-nicht`);
  assert.equal(missing.status(), 404);
  await waitForHydration(page);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Seite nicht gefunden');
  await expectNoAxeViolations(page, '404');
  // The only console line allowed now is the browser noting the page's own 404 status.
  assert.deepEqual(page.errors.filter((e) => !e.includes('status of 404')), []);
  await page.goto(`${BASE}/`);
  await waitForHydration(page);
  await screenshot(page, 'home-js');
  await page.context().close();
});
