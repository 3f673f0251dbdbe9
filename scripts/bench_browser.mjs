// Time to first byte and to hydration in Debian's Chromium, for the release server on a
// fresh SQLite database with the demo data. Every load uses a new browser context (no
// cache), so it includes downloading and compiling the wasm bundle.
// Usage: node scripts/bench_browser.mjs [loads per page, default 10]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOADS = Number(process.argv[2] ?? 10);
const PORT = 3303;
const BASE = `http://127.0.0.1:${PORT}`;
const PAGES = ['/', '/requests', '/places', '/help'];

const work = mkdtempSync(join(tmpdir(), 'gn-browser-'));
const server = spawn('./target/server-release/nachbarschaft', ['serve', '--demo'], {
  env: {
    ...process.env,
    DATABASE_URL: `sqlite://${work}/bench.db`,
    LEPTOS_SITE_ROOT: 'target/site',
    LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
    RUST_LOG: 'warn',
  },
  stdio: 'ignore',
});

async function ready() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

try {
  await ready();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  console.log(`| page | TTFB median | TTFB max | hydrated median | hydrated max |`);
  console.log(`|---|---|---|---|---|`);
  for (const path of PAGES) {
    const ttfb = [];
    const hydrated = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      // Notes the moment the app marks the page as taken over by the browser.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.body?.dataset.hydrated === 'true') {
            window.hydratedAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
      });
      const page = await context.newPage();
      await page.goto(BASE + path);
      await page.waitForFunction(() => window.hydratedAt !== undefined, null, { timeout: 20000 });
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return { ttfb: nav.responseStart, hydrated: window.hydratedAt };
      });
      ttfb.push(timing.ttfb);
      hydrated.push(timing.hydrated);
      await context.close();
    }
    const ms = (x) => `${x.toFixed(1)} ms`;
    console.log(`| \`${path}\` | ${ms(median(ttfb))} | ${ms(max(ttfb))} | ${ms(median(hydrated))} | ${ms(max(hydrated))} |`);
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
