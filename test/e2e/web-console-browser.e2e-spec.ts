import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN, aMemberFile, COORDINATOR_PASSWORD, registerMember, setUpRegion, type Region, usePlatform } from './platform';

const ROOT = join(__dirname, '..', '..');
/** Debian's Chromium (`.ci/run` installs it with apt when missing): no browser download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every screen the test passes, kept as CI artifacts (gitignored). */
const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** The WCAG 2.1 A and AA rules of axe-core, run in the page: the violations, shortened to what to fix where. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the gateway's CSP rightly refuses an injected <script>.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // react-aria's live announcer (a visually hidden live region) keeps a pending button's announcement
    // for 7 s, labelled by that button even once a navigation removed it: transient, and not ours to fix.
    const context = { exclude: [['[data-live-announcer]']] };
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 200)}`).join(', ')}`,
  );
}

async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect({ screen: name, violations: await accessibilityViolations(page) }).toEqual({ screen: name, violations: [] });
}

/**
 * The console in a real browser, served by the gateway at / with the API: a coordinator logs in
 * on a laptop and on a phone, reads "Aujourd'hui" with the member waiting for a first interview,
 * stays logged in across a reload (the silent refresh through the HttpOnly cookie), and every
 * screen passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('the web console in Chromium', () => {
  const platform = usePlatform('e2e_web_browser');
  let region: Region;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build` (it builds the console too).');
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    region = await setUpRegion(platform);
    await registerMember(platform, region.sites.a, aMemberFile('Inès', 'Benali', '2001-04-12', '2026-11-02'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password in plain French', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.laptop, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${platform.gatewayUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(region.sites.a.coordinatorEmail);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('L’adresse e-mail ou le mot de passe ne correspond pas').waitFor();
    await screen(page, 'login-refused');
    await context.close();
  });

  it('asks a user who may open several sites which one, then opens it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'fr-FR', hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${platform.gatewayUrl}/connexion`);
    // The network admin may act on every site of the region.
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choisir un site' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/choisir-un-site');
    await screen(page, 'phone-choisir-un-site');
    await page.getByRole('button', { name: 'Ouvrir MOULINS' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    await page.getByText('Ce qui demande votre attention à MOULINS.').waitFor();
    // Site A's member is not on site B's board.
    await page.getByText('Personne n’attend d’entretien').waitFor();
    expect(await page.getByText('Inès Benali').count()).toBe(0);
    await context.close();
  });

  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    it(`lets a coordinator log in and see Aujourd’hui on a ${device}, then the notifications and the account`, async () => {
      const context = await browser.newContext({ viewport, locale: 'fr-FR', hasTouch: device === 'phone', isMobile: device === 'phone' });
      const page = await context.newPage();
      await page.goto(`${platform.gatewayUrl}/`);
      // Not logged in: the console sends the visitor to the log-in page.
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await screen(page, `${device}-connexion`);

      await page.getByLabel('Adresse e-mail').fill(region.sites.a.coordinatorEmail);
      await page.getByLabel('Mot de passe').fill(COORDINATOR_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/aujourdhui');
      // The member registered without an interview is on the follow-up board, one click from her file.
      await page.getByRole('link', { name: /Inès Benali/ }).waitFor();
      await page.getByText('Aucune facture en retard').waitFor();
      await screen(page, `${device}-aujourdhui`);
      // Touch targets: every button, link-button and menu control at least 44 px high.
      const small = await page.$$eval('.button, .nav__link, .select__button, .header__brand, .todo__link', (elements) =>
        elements.filter((element) => element.getBoundingClientRect().height < 44).map((element) => element.textContent),
      );
      expect(small).toEqual([]);

      // A reload keeps the session: the access token was in memory only, the cookie renews it.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/eyJ/);

      if (device === 'laptop') {
        // English is one choice away in the header, and <html lang> follows.
        await page.getByRole('button', { name: /Langue/ }).click();
        await page.getByRole('option', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
        expect(await page.$eval('html', (html) => html.lang)).toBe('en');
        await screen(page, `${device}-today-english`);
        await page.getByRole('button', { name: /Language/ }).click();
        await page.getByRole('option', { name: 'Français' }).click();
        await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
      }

      await page.getByRole('link', { name: /^Notifications/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByText('Vous n’avez aucune notification').waitFor();
      await screen(page, `${device}-notifications`);

      await page.getByRole('link', { name: 'Mon compte' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      await page.getByRole('button', { name: 'Enregistrer mes préférences' }).waitFor();
      await screen(page, `${device}-mon-compte`);

      // Easy reading: larger text, and a class on <html> the pictograms hang on.
      // The switch's input is visually hidden inside its label: a person taps the label.
      const easyReading = page.locator('label.switch', { hasText: 'Lecture facile' });
      await easyReading.click();
      expect(await page.getByRole('switch', { name: 'Lecture facile' }).isChecked()).toBe(true);
      expect(await page.$eval('html', (html) => html.classList.contains('easy-reading'))).toBe(true);
      await screen(page, `${device}-mon-compte-lecture-facile`);
      await easyReading.click();

      if (device === 'laptop') {
        // Logging out everywhere is confirmed in words, in a dialog.
        await page.getByRole('button', { name: 'Se déconnecter partout' }).click();
        const dialog = page.getByRole('alertdialog', { name: 'Se déconnecter de tous vos appareils ?' });
        await dialog.getByText('Vous serez déconnecté·e sur tous vos appareils').waitFor();
        await screen(page, `${device}-mon-compte-deconnexion-partout`);
        await dialog.getByRole('button', { name: 'Oui, me déconnecter partout' }).click();
      } else {
        await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
      }
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      // Logged out: a reload does not come back in.
      await page.goto(`${platform.gatewayUrl}/aujourdhui`);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await context.close();
    });
  }
});
