// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core
// (no browser download), axe accessibility checks, screenshots as artifacts.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/// A new page; with `javaScript: false` it sees exactly what the server sends.
/// Console errors (including CSP violations) are collected in `page.errors`.
export async function openPage(browser, { javaScript = true, width = 1280, locale = 'de-DE' } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    viewport: { width, height: 900 },
    locale,
  });
  const page = await context.newPage();
  page.errors = [];
  page.javaScript = javaScript;
  page.options = { viewport: { width, height: 900 }, locale };
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

export async function waitForHydration(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
}

/// axe needs script in the page; for a page without JavaScript it checks the same URL in
/// a script-enabled context whose app bundle is blocked, so it sees the server's HTML.
export async function expectNoAxeViolations(page, name) {
  let target = page;
  let extra;
  if (!page.javaScript) {
    extra = await page.context().browser().newContext(page.options);
    await extra.addCookies(await page.context().cookies());
    target = await extra.newPage();
    await target.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await target.goto(page.url());
  }
  const result = await new AxeBuilder({ page: target }).analyze();
  await extra?.close();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/// The token of the newest link to `path` in a letter to `recipient`, from the dev
/// mailbox; waits a little, since the outbox is delivered in the background.
export async function linkFromMailbox(recipient, path) {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const response = await fetch(`${BASE}/dev/mail.json?to=${encodeURIComponent(recipient)}`);
    const letters = await response.json();
    for (const letter of letters) {
      const match = letter.body.match(new RegExp(`https?://[^\\s]*${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+`));
      if (match) return match[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no letter to ${recipient} with a ${path} link`);
}

/// Waits for hydration when the page runs JavaScript.
export async function ready(page) {
  if (page.javaScript) await waitForHydration(page);
}

/// A new page (own browser context) signed in as `email`, on `/me`.
export async function signedIn(browser, javaScript, email, password = 'Demo-Passwort-2026') {
  const page = await openPage(browser, { javaScript });
  await page.goto(`${BASE}/login`);
  await ready(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/me$/);
  return page;
}

/// The text of the page's status notice.
export async function status(page) {
  return page.getByRole('status').innerText();
}
