import type { Browser, Page } from 'playwright-core';
import { addDays, frenchAmount } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { goTo, horizontalOverflow, launchChromium, logIn as logInAs, openConsole, screens, smallTouchTargets } from './browser';
import { aMemberFile, paidInvoice, registerMember, setUpRegion, type Region, today, untilCommerceKnows, untilMembersKnown, usePlatform } from './platform';

const MEMBER = { email: 'amel@lacape.kpa.local', password: 'mon parcours à la cape' };

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
    await logInAs(page, platform.gatewayUrl, MEMBER.email, MEMBER.password);
    await page.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
    memberId = await registerMember(
      platform,
      region.sites.a,
      aMemberFile('Amel', 'Kaci', '1998-06-02', addDays(day, -20), { skills: [{ name: 'Couture', level: 3, wantsToLearn: false }] }),
    );
    expect((await asCoordinator('POST', at(`/members/${memberId}/account`), MEMBER)).status).toBe(201);
    await untilCommerceKnows(platform, [region.sites.a.id]);
    await untilMembersKnown(platform, [memberId]);
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
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('(2) a member lands on her home, signs up for a mission with one tap and logs 2.5 contributive hours', async () => {
    const screen = screens('member-phone');
    const { context, page } = await openConsole(browser, 'phone');
    await logIn(page);
    // A member's home, not the coordination's "Aujourd'hui".
    expect(new URL(page.url()).pathname).toBe('/accueil');
    await page.getByText('Bonjour Amel !').waitFor();
    await page.getByText('Vous êtes à l’étape « Immersion ».').waitFor();
    await page.getByText('Couture').first().waitFor();
    await page.getByText('Vous n’êtes inscrit·e à aucune mission.', { exact: false }).waitFor();
    await screen(page, 'phone-accueil');
    expect(await smallTouchTargets(page)).toEqual([]);

    expect(await horizontalOverflow(page)).toBe(0);
    await goTo(page, 'Missions');
    await page.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Retouches pour la friperie' }).waitFor();
    await screen(page, 'phone-missions');
    await page.getByRole('button', { name: /^Je m’inscris à « Retouches pour la friperie »/ }).click();
    await page.getByText('Inscription enregistrée pour « Retouches pour la friperie ».').waitFor();
    await page.getByRole('button', { name: 'Me désinscrire' }).waitFor();
    await screen(page, 'phone-missions-inscrite');
    const mission = await asCoordinator('GET', at(`/missions/${missionId}`));
    expect(mission.body.signUps.map((signUp: { memberId: string }) => signUp.memberId)).toEqual([memberId]);

    expect(await horizontalOverflow(page)).toBe(0);
    await goTo(page, 'Mes heures');
    await page.getByRole('heading', { level: 1, name: 'Déclarer mes heures' }).waitFor();
    // Under 30 seconds: the day is today already, the kind a contributive day; she types the hours and sends.
    expect(await page.getByLabel('Jour', { exact: true }).inputValue()).toBe(day);
    expect(await page.getByRole('radio', { name: 'Journée contributive' }).isChecked()).toBe(true);
    await screen(page, 'phone-mes-heures');
    expect(await smallTouchTargets(page)).toEqual([]);
    // A mistake is stopped on the phone with what to fix, next to the field.
    await page.getByRole('button', { name: 'Envoyer mes heures' }).click();
    await page.getByText('Indiquez un nombre d’heures.').waitFor();
    await page.getByLabel('Nombre d’heures').fill('2,5');
    await page.getByRole('button', { name: 'Envoyer mes heures' }).click();
    await page.getByText(/2,5 h envoyées pour le/).waitFor();
    await page.getByText(/2,5 h, Journée contributive \(en attente\)/).waitFor();
    await screen(page, 'phone-mes-heures-envoyees');
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
    await screen(page, 'phone-mes-heures-lecture-facile');
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('kpa.easyReading', 'off'));
    await context.close();
  });

  it('(4) once the coordinator closes the period, the member reads her share and how it was obtained', async () => {
    // Money in the pot: the host's legal identity, an invoice issued and paid.
    await paidInvoice(platform, region, day, 'Retouches');

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

    const screen = screens('member-period');
    const { context, page } = await openConsole(browser, 'phone');
    await logIn(page);
    await page.getByRole('heading', { level: 2, name: 'Ma part de la dernière période' }).waitFor();
    await page.getByText(`${frenchAmount(share.total)} pour la période du`, { exact: false }).waitFor();
    await screen(page, 'phone-accueil-part');
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
    await screen(page, 'phone-periode');
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();

    // The same screens on a laptop.
    const { context: laptop, page: wide } = await openConsole(browser, 'laptop');
    await logIn(wide);
    await wide.getByText(`${frenchAmount(share.total)} pour la période du`, { exact: false }).waitFor();
    await screen(wide, 'laptop-accueil');
    await wide.getByRole('link', { name: 'Missions', exact: true }).click();
    await wide.getByRole('heading', { level: 2, name: 'Retouches pour la friperie' }).waitFor();
    await screen(wide, 'laptop-missions');
    await wide.getByRole('link', { name: 'Mes heures', exact: true }).click();
    await wide.getByRole('heading', { level: 1, name: 'Déclarer mes heures' }).waitFor();
    await screen(wide, 'laptop-mes-heures');
    await wide.goto(`${platform.gatewayUrl}/periodes/${current.id}`);
    await wide.getByText(`Vous recevez ${frenchAmount(share.total)}.`).waitFor();
    await screen(wide, 'laptop-periode');
    await laptop.close();
  });
});
