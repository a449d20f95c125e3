import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * The console's browser-test harness, shared by every `test/e2e/web-*.e2e-spec.ts`: Debian's
 * Chromium driven by playwright-core (no browser download), a log-in through the form as a person
 * does it, axe-core's WCAG 2.1 A/AA rules run in the page, and a numbered screenshot of each
 * screen a test passes under `test/browser/screenshots/<test>/` (git-ignored, kept by CI).
 */

const ROOT = join(__dirname, '..', '..');
/** Debian's Chromium (`.ci/run` installs it with apt when missing): no browser download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every screen the tests pass, kept as CI artifacts (gitignored). */
export const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** The two devices every screen must work on: a coordinator's laptop and a member's cheap phone. */
export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;
export type Device = keyof typeof VIEWPORTS;

/** Chromium, once the console is built and the browser is there; refuses with what to do otherwise. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build` (it builds the console too).');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A fresh browser profile (no cookie, no storage) on that device, in French: close it at the end of the test. */
export async function openConsole(browser: Browser, device: Device): Promise<{ context: BrowserContext; page: Page }> {
  const phone = device === 'phone';
  // In Paris's time zone, the region's clock: "today" in the page is the platform's today.
  const context = await browser.newContext({ viewport: VIEWPORTS[device], locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: phone, isMobile: phone });
  const page = await context.newPage();
  // A script error in the page is in the test's output, next to the step that waits in vain.
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

/**
 * Logs in through the console's form, as a person does: opens `/connexion` on the gateway, fills
 * the e-mail and the password, presses "Se connecter". Returns at once: the caller waits for the
 * screen it expects (Aujourd'hui, Choisir un site, a refusal…).
 */
export async function logIn(page: Page, gatewayUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${gatewayUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** The WCAG 2.1 A and AA rules of axe-core, run in the page: the violations, shortened to what to fix where. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the gateway's CSP rightly refuses an injected <script>.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // react-aria's live announcer (a visually hidden live region) keeps a pending button's announcement
    // for 7 s, labelled by that button even once a navigation removed it: transient, and not ours to fix.
    const context = { exclude: [['[data-live-announcer]']] };
    // iframes: false — the console's only frames show a document's PDF (a blob:), no markup of ours; axe would wait on them.
    const result = await axe.run(context, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 200)}`).join(', ')}`,
  );
}

/**
 * The texts of buttons, link-buttons, menu controls, choices and inputs under 44 px high (touch targets): expect it
 * to be empty. A control not shown (the phone's closed menu) is no target: it has no height.
 */
export async function smallTouchTargets(page: Page): Promise<(string | null)[]> {
  return page.$$eval('.button, .nav__link, .nav-toggle, .select__button, .header__brand, .todo__link, .subnav__link, .member-choice, .field__input', (elements) =>
    elements
      .filter((element) => {
        const height = element.getBoundingClientRect().height;
        return height > 0 && height < 44;
      })
      .map((element) => element.textContent),
  );
}

/**
 * The screens of one test: each call saves `test/browser/screenshots/<test>/<n>-<screen>.png`
 * (numbered in the order the test passes them, the folder emptied first so a shorter run leaves no
 * stale picture) and expects zero WCAG 2.1 A/AA violations on that screen.
 *
 *   const screen = screens('tenancy-laptop');
 *   await screen(page, 'aujourdhui');   // → tenancy-laptop/1-aujourdhui.png
 */
export function screens(test: string): (page: Page, screen: string) => Promise<void> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(test)) throw new Error(`screens(): "${test}" is not a folder name (lower-case letters, digits, dashes)`);
  const folder = join(SCREENSHOTS, test);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return async (page, screen) => {
    count += 1;
    await page.screenshot({ path: join(folder, `${count}-${screen}.png`), fullPage: true });
    expect({ screen: `${test}/${screen}`, violations: await accessibilityViolations(page) }).toEqual({ screen: `${test}/${screen}`, violations: [] });
  };
}

/**
 * Follows a link of the main navigation as a person does on any device: on a phone the links are
 * behind the "Menu" button (ui/Page.tsx), opened first when it is shown.
 */
export async function goTo(page: Page, link: string | RegExp): Promise<void> {
  const menu = page.getByRole('button', { name: /^Menu/ });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', typeof link === 'string' ? { name: link, exact: true } : { name: link })
    .click();
}

/** How many pixels the page is wider than the window (a table or a long word pushing it): expect 0. */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, evaluated in the page: the tests' tsconfig has no DOM types.
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}
