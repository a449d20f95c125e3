#!/usr/bin/env node
/**
 * The web console's speed in Chromium (playwright-core driving Debian's Chromium, measured over
 * the DevTools protocol), against a running platform:
 *
 * 1. First load on a cheap phone: 4× CPU throttling (`Emulation.setCPUThrottlingRate`) and a
 *    "slow 4G" network (`Network.emulateNetworkConditions`: 150 ms RTT, 1.6 Mbps down, 750 kbps
 *    up), cold cache, a 390×844 viewport. Measures the JavaScript the first screen requested
 *    (the built files' bytes, gzipped here at level 6 as a server would send them), its CSS, the
 *    Largest Contentful Paint (PerformanceObserver `largest-contentful-paint`) and when the log-in
 *    button is there to press.
 * 2. Each screen of the coordinator's journey on the laptop profile (1366×768, no throttling):
 *    log-in → Aujourd'hui → Notifications → Mon compte → Membres → a member's file → Factures →
 *    Nouvelle facture → Missions → Périodes → Réseau → Rapports, the time from the navigation (page load,
 *    or the click) until the screen is interactive: its heading shown and none of its data still
 *    loading (no `.loading` left), clocked in the page.
 *
 * Prints a table per part (median and worst of the runs); asserts nothing. Issue 14's targets:
 * ≤ 200 KB of JavaScript gzipped, LCP ≤ 2.5 s, every screen interactive within 1 s.
 *
 *   npm start -- --demo                       # in another terminal: the platform and the demo region
 *   node bench/console.js [--runs 5]
 *   env: KPA_URL (default http://127.0.0.1:3000), CHROMIUM_PATH (default /usr/bin/chromium),
 *        KPA_CONSOLE_EMAIL / KPA_CONSOLE_PASSWORD (default: La Cape's demo coordinator, whose
 *        password npm start -- --demo wrote in .local/demo.env)
 */
'use strict';
/* global document, requestAnimationFrame -- the functions given to page.evaluate and waitForFunction run in the browser */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { chromium } = require('playwright-core');
const { base, option } = require('./lib');

const runs = option('runs', 5);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' };
const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'fr-FR' };

/** La Cape's demo coordinator, unless KPA_CONSOLE_EMAIL / KPA_CONSOLE_PASSWORD say otherwise. */
function consoleLogin() {
  const demoFile = join(__dirname, '..', '.local', 'demo.env');
  const demo = existsSync(demoFile) ? readFileSync(demoFile, 'utf8') : '';
  const fromDemo = /^DEMO_LACAPE_COORDINATOR_PASSWORD=(.*)$/m.exec(demo);
  const email = process.env.KPA_CONSOLE_EMAIL || 'coordination@lacape.kpa.local';
  const password = process.env.KPA_CONSOLE_PASSWORD || (fromDemo && fromDemo[1]);
  if (!password) throw new Error('Set KPA_CONSOLE_EMAIL and KPA_CONSOLE_PASSWORD, or start the platform with `npm start -- --demo` (it writes .local/demo.env).');
  return { email, password };
}

/** Resolves, in the page, once the heading reads `title` and nothing is loading: performance.now() then. */
async function interactive(page, title) {
  const handle = await page.waitForFunction(
    (expected) => {
      const heading = document.querySelector('h1');
      // Every query shows `.loading` (QueryState, the session guard) from its first render until it answers.
      return heading && heading.textContent.trim() === expected && !document.querySelector('.loading') ? performance.now() : false;
    },
    title,
    { polling: 'raf', timeout: 30_000 },
  );
  return handle.jsonValue();
}

/** The latest largest-contentful-paint entry's time (ms since navigation), or null when none was recorded. */
function largestContentfulPaint(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let latest = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) latest = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // The buffered entries are delivered in the observer's first callback, before the next frames.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(latest)));
      }),
  );
}

async function firstLoad(browser) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  const files = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!/\.(js|mjs|css)$/.test(path)) return;
    // `wire`: what the network carried (the gateway sends a build's .br/.gz when there is one); `gzip`: the file gzipped here.
    files.push(
      Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
        path,
        raw: body.length,
        gzip: gzipSync(body).length,
        wire: sizes.responseBodySize,
      })),
    );
  });
  // Not logged in: / sends the visitor to the log-in screen, the first screen anyone sees.
  await page.goto(`${base}/`);
  const usable = await interactive(page, 'Connexion');
  await page.waitForLoadState('networkidle');
  // "networkidle" may have fired before the log-in page was drawn: leave its fetches ahead the time to start and end.
  await page.waitForTimeout(2000);
  const lcp = await largestContentfulPaint(page);
  const loaded = await Promise.all(files);
  await context.close();
  // The first screen's files are those index.html names (the entry script, its preloads, its CSS);
  // once drawn, the log-in page fetches the next screens' strings ahead (i18n/areas.ts, the French
  // errors): counted apart.
  const html = await (await fetch(`${base}/`)).text();
  const named = new Set([...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1]));
  const firstScreen = loaded.filter((file) => named.has(file.path));
  const ahead = loaded.filter((file) => !named.has(file.path));
  const sum = (files, kind, field) => files.filter((file) => file.path.endsWith(kind)).reduce((total, file) => total + file[field], 0);
  return {
    js: sum(firstScreen, '.js', 'gzip'),
    jsRaw: sum(firstScreen, '.js', 'raw'),
    jsWire: sum(firstScreen, '.js', 'wire'),
    jsFiles: firstScreen.filter((file) => file.path.endsWith('.js')).length,
    jsAhead: sum(ahead, '.js', 'gzip'),
    jsAheadFiles: ahead.filter((file) => file.path.endsWith('.js')).length,
    css: sum(firstScreen, '.css', 'gzip'),
    lcp,
    usable,
  };
}

async function journey(browser, login) {
  const context = await browser.newContext(LAPTOP);
  const page = await context.newPage();
  const times = {};
  const click = async (target, title) => {
    const started = await page.evaluate(() => performance.now());
    await target.click();
    return (await interactive(page, title)) - started;
  };
  await page.goto(`${base}/connexion`);
  times.Connexion = await interactive(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(login.email);
  await page.getByLabel('Mot de passe').fill(login.password);
  times['Aujourd’hui'] = await click(page.getByRole('button', { name: 'Se connecter' }), 'Aujourd’hui');
  times.Notifications = await click(page.getByRole('link', { name: /^Notifications/ }), 'Notifications');
  times['Mon compte'] = await click(page.getByRole('link', { name: 'Mon compte' }), 'Mon compte');
  // The screens of the issue's journeys, from the main navigation and the areas' own links.
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const area = page.locator('nav.subnav');
  times.Membres = await click(nav.getByRole('link', { name: 'Membres' }), 'Membres');
  const first = page.getByRole('rowheader').getByRole('link').first();
  times['fiche d’un membre'] = await click(first, (await first.innerText()).trim());
  times.Factures = await click(nav.getByRole('link', { name: 'Commerce' }), 'Factures');
  times['Nouvelle facture'] = await click(page.getByRole('link', { name: 'Nouvelle facture' }), 'Nouvelle facture');
  times['Missions (tableau)'] = await click(nav.getByRole('link', { name: 'Rémunération' }), 'Missions');
  times['Périodes'] = await click(area.getByRole('link', { name: 'Périodes' }), 'Périodes de rémunération');
  times['Réseau'] = await click(nav.getByRole('link', { name: 'Réseau' }), 'Les KPA du réseau');
  times.Rapports = await click(nav.getByRole('link', { name: 'Rapports' }), 'Rapport du site');
  await context.close();
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const worst = (values) => Math.max(...values);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value === null || value === undefined ? 'n/a' : `${Math.round(value)} ms`);

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const login = consoleLogin();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    console.log(`KPA-Cité console bench: ${base}, ${runs} runs, Chromium ${browser.version()}`);
    const loads = [];
    for (let i = 0; i < runs; i++) loads.push(await firstLoad(browser));
    console.log(`\nFirst load, phone (390×844), CPU ${CPU_SLOWDOWN}× slower, slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), cold cache`);
    const last = loads[loads.length - 1];
    console.table([
      { measure: 'JavaScript of the first screen (gzip)', median: kb(median(loads.map((l) => l.js))), worst: kb(worst(loads.map((l) => l.js))), target: '≤ 200 KB' },
      { measure: `  same, uncompressed (${last.jsFiles} file(s))`, median: kb(median(loads.map((l) => l.jsRaw))), worst: kb(worst(loads.map((l) => l.jsRaw))), target: '' },
      { measure: '  same, as sent over the network', median: kb(median(loads.map((l) => l.jsWire))), worst: kb(worst(loads.map((l) => l.jsWire))), target: '' },
      {
        measure: `JavaScript fetched ahead once it is drawn (${last.jsAheadFiles} file(s), gzip)`,
        median: kb(median(loads.map((l) => l.jsAhead))),
        worst: kb(worst(loads.map((l) => l.jsAhead))),
        target: '',
      },
      { measure: 'CSS of the first screen (gzip)', median: kb(median(loads.map((l) => l.css))), worst: kb(worst(loads.map((l) => l.css))), target: '' },
      { measure: 'Largest Contentful Paint', median: ms(median(loads.map((l) => l.lcp ?? Infinity))), worst: ms(worst(loads.map((l) => l.lcp ?? Infinity))), target: '≤ 2500 ms' },
      { measure: 'log-in form ready to use', median: ms(median(loads.map((l) => l.usable))), worst: ms(worst(loads.map((l) => l.usable))), target: '' },
    ]);

    const journeys = [];
    for (let i = 0; i < runs; i++) journeys.push(await journey(browser, login));
    console.log('\nEach screen interactive after its navigation, laptop (1366×768), no throttling');
    console.table(
      Object.keys(journeys[0]).map((screen) => ({
        screen,
        median: ms(median(journeys.map((times) => times[screen]))),
        worst: ms(worst(journeys.map((times) => times[screen]))),
        target: '≤ 1000 ms',
      })),
    );
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
