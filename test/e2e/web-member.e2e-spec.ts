import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addDays, frenchAmount } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { goTo, horizontalOverflow } from './browser';
import { aMemberFile, registerMember, setUpRegion, type Region, untilCommerceKnows, usePlatform } from './platform';

const ROOT = join(__dirname, '..', '..');
/** Debian's Chromium (`.ci/run` installs it with apt when missing): no browser download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every screen the test passes, kept as CI artifacts (gitignored). */
const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } as const;
const LAPTOP = { viewport: { width: 1366, height: 768 } } as const;
const MEMBER = { email: 'amel@lacape.kpa.local', password: 'mon parcours à la cape' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** The WCAG 2.1 A and AA rules of axe-core, run in the page (a copy of web-console-browser's helper). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // react-aria's live announcer keeps a pressed button's announcement for a while after it is gone: transient, not ours.
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

/** Touch targets: every button, link-button, menu control and choice at least 44 px high. */
async function smallTargets(page: Page): Promise<(string | null)[]> {
  // A control not shown (the phone's closed menu) has no height: it is no target.
  return page.$$eval('.button, .nav__link, .nav-toggle, .select__button, .member-choice, .field__input', (elements) =>
    elements
      .filter((element) => {
        const height = element.getBoundingClientRect().height;
        return height > 0 && height < 44;
      })
      .map((element) => element.textContent),
  );
}

/** The day in Paris, as the platform counts it (a contribution may not be dated in the future). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The member on a phone (issue 14, journeys 2 and 4): she lands on her own home, signs up for a
 * mission with one tap and logs 2.5 contributive hours; once the coordinator closes the period
 * (through the API), she reads her share and how it was obtained on the period page. Every screen
 * passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('the member’s console on a phone', () => {
  const platform = usePlatform('e2e_web_member');
  const day = today();
  let region: Region;
  let browser: Browser;
  let memberId: string;
  let missionId: string;
  const at = (path: string) => `/v1/sites/${region.sites.a.id}${path}`;
  const asCoordinator = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => platform.http(method, path, { token: region.sites.a.coordinator, body });

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${platform.gatewayUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build` (it builds the console too).');
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    region = await setUpRegion(platform);
    memberId = await registerMember(
      platform,
      region.sites.a,
      aMemberFile('Amel', 'Kaci', '1998-06-02', addDays(day, -20), { skills: [{ name: 'Couture', level: 3, wantsToLearn: false }] }),
    );
    expect((await asCoordinator('POST', at(`/members/${memberId}/account`), MEMBER)).status).toBe(201);
    await untilCommerceKnows(platform, [region.sites.a.id]);
    await eventually(
      async () =>
        (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = $1', [memberId])).length === 1 &&
        (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = $1', [memberId])).length === 1,
      { what: 'the member known by commerce and remuneration' },
    );
    const mission = await asCoordinator('POST', at('/missions'), {
      title: 'Retouches pour la friperie',
      activityPole: 'couture',
      startsOn: addDays(day, 3),
      endsOn: addDays(day, 3),
      place: 'La Cape, Roubaix',
      peopleNeeded: 2,
    });
    expect(mission.status).toBe(201);
    missionId = mission.body.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('(2) a member lands on her home, signs up for a mission with one tap and logs 2.5 contributive hours', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await logIn(page);
    // A member's home, not the coordination's "Aujourd'hui".
    expect(new URL(page.url()).pathname).toBe('/accueil');
    await page.getByText('Bonjour Amel !').waitFor();
    await page.getByText('Vous êtes à l’étape « Immersion ».').waitFor();
    await page.getByText('Couture').first().waitFor();
    await page.getByText('Vous n’êtes inscrit·e à aucune mission.', { exact: false }).waitFor();
    await screen(page, 'phone-member-accueil');
    expect(await smallTargets(page)).toEqual([]);

    expect(await horizontalOverflow(page)).toBe(0);
    await goTo(page, 'Missions');
    await page.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Retouches pour la friperie' }).waitFor();
    await screen(page, 'phone-member-missions');
    await page.getByRole('button', { name: /^Je m’inscris à « Retouches pour la friperie »/ }).click();
    await page.getByText('Inscription enregistrée pour « Retouches pour la friperie ».').waitFor();
    await page.getByRole('button', { name: 'Me désinscrire' }).waitFor();
    await screen(page, 'phone-member-missions-inscrite');
    const mission = await asCoordinator('GET', at(`/missions/${missionId}`));
    expect(mission.body.signUps.map((signUp: { memberId: string }) => signUp.memberId)).toEqual([memberId]);

    expect(await horizontalOverflow(page)).toBe(0);
    await goTo(page, 'Mes heures');
    await page.getByRole('heading', { level: 1, name: 'Déclarer mes heures' }).waitFor();
    // Under 30 seconds: the day is today already, the kind a contributive day; she types the hours and sends.
    expect(await page.getByLabel('Jour', { exact: true }).inputValue()).toBe(day);
    expect(await page.getByRole('radio', { name: 'Journée contributive' }).isChecked()).toBe(true);
    await screen(page, 'phone-member-mes-heures');
    expect(await smallTargets(page)).toEqual([]);
    // A mistake is stopped on the phone with what to fix, next to the field.
    await page.getByRole('button', { name: 'Envoyer mes heures' }).click();
    await page.getByText('Indiquez un nombre d’heures.').waitFor();
    await page.getByLabel('Nombre d’heures').fill('2,5');
    await page.getByRole('button', { name: 'Envoyer mes heures' }).click();
    await page.getByText(/2,5 h envoyées pour le/).waitFor();
    await page.getByText(/2,5 h, Journée contributive \(en attente\)/).waitFor();
    await screen(page, 'phone-member-mes-heures-envoyees');
    const logged = await asCoordinator('GET', at(`/contributions?memberId=${memberId}`));
    expect(logged.body.items.map((entry: { kind: string; hours: string; date: string; status: string }) => [entry.kind, Number(entry.hours), entry.date, entry.status])).toEqual([
      ['contributive_day', 2.5, day, 'submitted'],
    ]);

    // Home shows the mission she joined and the hours of the month.
    expect(await horizontalOverflow(page)).toBe(0);
    await goTo(page, 'Accueil');
    await page.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
    await page.getByText('2,5 h déclarées ce mois-ci').waitFor();
    await page.getByText('Retouches pour la friperie').waitFor();

    // Easy reading stays usable: larger text, pictograms, no violation.
    await page.evaluate(() => localStorage.setItem('kpa.easyReading', 'on'));
    await page.goto(`${platform.gatewayUrl}/mes-heures`);
    await page.getByRole('heading', { level: 1, name: 'Déclarer mes heures' }).waitFor();
    expect(await page.$eval('html', (html) => html.classList.contains('easy-reading'))).toBe(true);
    await screen(page, 'phone-member-mes-heures-lecture-facile');
    expect(await smallTargets(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('kpa.easyReading', 'off'));
    await context.close();
  });

  it('(4) once the coordinator closes the period, the member reads her share and how it was obtained', async () => {
    // Money in the pot: the host's legal identity, an invoice issued and paid.
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    const client = await asCoordinator('POST', at('/clients'), {
      kind: 'company',
      name: 'Friperie du Pile',
      billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
      siret: '120 027 016 00357',
    });
    expect(client.status).toBe(201);
    const invoice = await asCoordinator('POST', at('/invoices'), {
      clientId: client.body.id,
      lines: [{ description: 'Retouches', quantity: '10', unit: 'hour', unitPrice: '30.00', vatRate: '20' }],
    });
    expect(invoice.status).toBe(201);
    const issued = await asCoordinator('POST', at(`/invoices/${invoice.body.id}/issue`), {});
    expect(issued.status).toBe(200);
    expect((await asCoordinator('POST', at(`/invoices/${invoice.body.id}/payments`), { amount: issued.body.totals.total, receivedOn: day, method: 'transfer' })).status).toBe(201);

    // The coordinator validates Amel's hours and closes the current period.
    const [entry] = (await asCoordinator('GET', at(`/contributions?memberId=${memberId}`))).body.items;
    expect((await asCoordinator('POST', at(`/contributions/${entry.id}/validate`), {})).status).toBe(200);
    const current = (await asCoordinator('GET', at('/periods'))).body.items.find((period: { startsOn: string; endsOn: string }) => period.startsOn <= day && day <= period.endsOn);
    await eventually(
      async () => {
        const figures = (await asCoordinator('GET', at(`/periods/${current.id}`))).body.figures;
        return (
          figures.ledger.movements.length === 1 &&
          figures.shares.some((share: { memberId: string; hours: { contributiveDay: string } }) => share.memberId === memberId && share.hours.contributiveDay === '2.50')
        );
      },
      { what: 'the payment and the hours in the period' },
    );
    const closed = await asCoordinator('POST', at(`/periods/${current.id}/close`), {});
    expect(closed.status).toBe(200);
    const share = closed.body.figures.shares.find((line: { memberId: string }) => line.memberId === memberId);
    expect(Number(share.total)).toBeGreaterThan(0);

    const context = await browser.newContext({ ...PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await logIn(page);
    await page.getByRole('heading', { level: 2, name: 'Ma part de la dernière période' }).waitFor();
    await page.getByText(`${frenchAmount(share.total)} pour la période du`, { exact: false }).waitFor();
    await screen(page, 'phone-member-accueil-part');
    await page.getByRole('link', { name: 'Voir le détail de la période' }).click();
    await page.getByRole('heading', { level: 1, name: /^Période du/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/periodes/${current.id}`);
    await page.getByText('Période close : les chiffres sont figés.').waitFor();
    await page.getByText(`Vous recevez ${frenchAmount(share.total)}.`).waitFor();
    // Her share's explanation, in the remuneration service's own French words, rule by rule.
    const mine = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Ma part' }) });
    for (const part of share.byRule) await mine.getByText(part.explanation).waitFor();
    // The pot as a chart (one bar per term) and a table.
    expect(await page.locator('.pot-chart__row').count()).toBe(closed.body.figures.pot.terms.length);
    await page.getByText(`Cagnotte : ${frenchAmount(closed.body.figures.pot.pot)}`).waitFor();
    // Everyone's share, a line per person; the explanation opens on a tap.
    const amel = page.getByRole('region', { name: 'La part de chacun·e' }).getByRole('listitem').filter({ hasText: 'Amel Kaci' });
    await amel.getByText('Amel Kaci').click();
    await amel.getByText(share.byRule[0].explanation).waitFor();
    await screen(page, 'phone-member-periode');
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();

    // The same screens on a laptop.
    const laptop = await browser.newContext({ ...LAPTOP, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const wide = await laptop.newPage();
    await logIn(wide);
    await wide.getByText(`${frenchAmount(share.total)} pour la période du`, { exact: false }).waitFor();
    await screen(wide, 'laptop-member-accueil');
    await wide.getByRole('link', { name: 'Missions', exact: true }).click();
    await wide.getByRole('heading', { level: 2, name: 'Retouches pour la friperie' }).waitFor();
    await screen(wide, 'laptop-member-missions');
    await wide.getByRole('link', { name: 'Mes heures', exact: true }).click();
    await wide.getByRole('heading', { level: 1, name: 'Déclarer mes heures' }).waitFor();
    await screen(wide, 'laptop-member-mes-heures');
    await wide.goto(`${platform.gatewayUrl}/periodes/${current.id}`);
    await wide.getByText(`Vous recevez ${frenchAmount(share.total)}.`).waitFor();
    await screen(wide, 'laptop-member-periode');
    await laptop.close();
  });
});
