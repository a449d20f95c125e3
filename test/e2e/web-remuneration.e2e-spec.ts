import type { Browser, Page } from 'playwright-core';
import { addDays, frenchAmount } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { goTo, horizontalOverflow, launchChromium, logIn, openConsole, screens } from './browser';
import { aMemberFile, COORDINATOR_PASSWORD, paidInvoice, registerMember, setUpRegion, type Region, today, untilCommerceKnows, untilMembersKnown, usePlatform } from './platform';

const AMEL = { email: 'amel@lacape.kpa.local', password: 'mon parcours à la cape' };
const YANIS = { email: 'yanis@lacape.kpa.local', password: 'la cuisine du mardi' };

/**
 * The remuneration screens in Chromium: a coordinator on a laptop creates a mission, confirms the
 * team the members signed up for, completes it with each person's hours, validates contributions
 * (one on its own page, one from the list) and closes the period; a member on a phone gives
 * recognition points with a word of thanks, asks the simulator what 300 € are in gross and net
 * pay, and objects to her share once the period is closed; the coordinator answers and approves.
 * Every screen passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('the remuneration screens (Chromium)', () => {
  const platform = usePlatform('e2e_web_remuneration');
  const day = today();
  const screen = screens('remuneration');
  let region: Region;
  let browser: Browser;
  const ids = { amel: '', yanis: '', amelEntry: '', yanisEntry: '', period: '' };
  const tokens = { amel: '', yanis: '' };
  const at = (path: string) => `/v1/sites/${region.sites.a.id}${path}`;
  const asCoordinator = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => platform.http(method, path, { token: region.sites.a.coordinator, body });

  beforeAll(async () => {
    region = await setUpRegion(platform);
    const site = region.sites.a;
    ids.amel = await registerMember(platform, site, aMemberFile('Amel', 'Kaci', '1998-06-02', addDays(day, -40)));
    ids.yanis = await registerMember(platform, site, aMemberFile('Yanis', 'Morel', '1995-02-14', addDays(day, -60), { gender: 'male' }));
    expect((await asCoordinator('POST', at(`/members/${ids.amel}/account`), AMEL)).status).toBe(201);
    expect((await asCoordinator('POST', at(`/members/${ids.yanis}/account`), YANIS)).status).toBe(201);
    tokens.amel = (await platform.login(AMEL.email, AMEL.password)).accessToken;
    tokens.yanis = (await platform.login(YANIS.email, YANIS.password)).accessToken;
    await untilCommerceKnows(platform, [site.id]);
    await untilMembersKnown(platform, [ids.amel, ids.yanis]);
    // Each member logs contributive time today, as they do on their phone.
    const log = async (token: string, hours: string) => {
      const entry = await platform.http('POST', at('/contributions'), { token, body: { kind: 'contributive_day', date: day, hours } });
      expect(entry.status).toBe(201);
      return entry.body.id as string;
    };
    ids.amelEntry = await log(tokens.amel, '2');
    ids.yanisEntry = await log(tokens.yanis, '3');
    // Money in the pot: the host's legal identity, an invoice issued and paid.
    await paidInvoice(platform, region, day, 'Repas des voisins');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function coordinatorOnLaptop(): Promise<Page> {
    const { page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, region.sites.a.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    return page;
  }

  async function memberOnPhone(): Promise<Page> {
    const { page } = await openConsole(browser, 'phone');
    await logIn(page, platform.gatewayUrl, AMEL.email, AMEL.password);
    await page.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
    return page;
  }

  async function confirm(page: Page, trigger: string, sentence: string | RegExp, yes: string): Promise<void> {
    await page.getByRole('button', { name: trigger, exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(sentence).waitFor();
    await dialog.getByRole('button', { name: yes }).click();
  }

  it('a coordinator runs a mission and the hours, a member thanks and objects, the coordinator answers', async () => {
    const coordinator = await coordinatorOnLaptop();

    // The missions board, empty, says what to do first.
    await coordinator.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rémunération' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Missions' }).waitFor();
    await coordinator.getByText('Aucune mission pour l’instant. Créez la première avec « Nouvelle mission ».').waitFor();

    // A new mission, stopped first on what is missing.
    await coordinator.getByRole('link', { name: 'Nouvelle mission' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Nouvelle mission' }).waitFor();
    await coordinator.getByRole('button', { name: 'Créer la mission' }).click();
    await coordinator.getByText('Ce champ est obligatoire.').first().waitFor();
    await coordinator.getByLabel('Titre de la mission').fill('Repas des voisins');
    await coordinator.getByLabel('Pôle d’activité').fill('traiteur');
    await coordinator.getByLabel('Premier jour').fill(day);
    await coordinator.getByLabel('Dernier jour').fill(day);
    await coordinator.getByLabel('Lieu').fill('Cuisine partagée, Roubaix');
    await coordinator.getByLabel('Nombre de personnes').fill('2');
    await screen(coordinator, 'nouvelle-mission');
    await coordinator.getByRole('button', { name: 'Créer la mission' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Repas des voisins' }).waitFor();
    const missionId = new URL(coordinator.url()).pathname.split('/').pop()!;
    await coordinator.getByText('Personne ne s’est encore inscrit.', { exact: false }).waitFor();

    // Both members sign up on their phones; the coordinator sees them and confirms the team.
    for (const token of [tokens.amel, tokens.yanis]) expect((await platform.http('POST', at(`/missions/${missionId}/sign-ups`), { token, body: {} })).status).toBe(200);
    await coordinator.reload();
    await coordinator.getByText('Amel Kaci').waitFor();
    await coordinator.getByText('Yanis Morel').waitFor();
    await screen(coordinator, 'mission-inscrits');
    await confirm(coordinator, 'Confirmer l’équipe', 'Les 2 personnes inscrites forment l’équipe de « Repas des voisins ».', 'Oui, confirmer l’équipe');
    await coordinator.getByText('L’équipe est confirmée.').waitFor();

    // The hours of each team member, then the completion, confirmed with the total.
    await coordinator.getByRole('heading', { level: 2, name: 'Noter les heures' }).waitFor();
    await coordinator.getByLabel('Heures de Amel Kaci').fill('3,5');
    await coordinator.getByLabel('Heures de Yanis Morel').fill('4');
    await screen(coordinator, 'mission-equipe');
    await confirm(coordinator, 'Terminer la mission', /7,5 h en tout/, 'Oui, terminer la mission');
    await coordinator.getByText('Total : 7,5 h').waitFor();
    await coordinator.getByRole('rowheader', { name: 'Amel Kaci' }).waitFor();
    await screen(coordinator, 'mission-terminee');
    const mission = (await asCoordinator('GET', at(`/missions/${missionId}`))).body;
    expect(mission.status).toBe('completed');
    expect(mission.participants.map((participant: { name: string; hours: string }) => [participant.name, Number(participant.hours)]).sort()).toEqual([
      ['Amel Kaci', 3.5],
      ['Yanis Morel', 4],
    ]);

    // The board shows it among the completed.
    await coordinator.getByRole('navigation', { name: 'Pages de la rubrique Rémunération' }).getByRole('link', { name: 'Missions' }).click();
    await coordinator.getByRole('heading', { level: 2, name: 'Terminées (1)' }).waitFor();
    await coordinator.getByRole('link', { name: 'Repas des voisins' }).waitFor();
    await screen(coordinator, 'missions-tableau');

    // Contributions: Yanis's hours validated from the list, Amel's on their own page.
    await coordinator.getByRole('link', { name: 'Contributions', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Contributions' }).waitFor();
    await coordinator.getByRole('link', { name: 'Amel Kaci' }).waitFor();
    await screen(coordinator, 'contributions');
    await coordinator.getByRole('button', { name: 'Valider les 3 h de Yanis Morel' }).click();
    await coordinator.getByText('Heures validées.').waitFor();
    await coordinator.getByRole('link', { name: 'Yanis Morel' }).waitFor({ state: 'detached' });
    await coordinator.getByRole('link', { name: 'Amel Kaci' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Contribution d’Amel Kaci' }).waitFor();
    expect(new URL(coordinator.url()).pathname).toBe(`/contributions/${ids.amelEntry}`);
    await coordinator.getByText('Heures : 2 h').waitFor();
    await screen(coordinator, 'contribution');
    await coordinator.getByRole('button', { name: 'Valider ces heures' }).click();
    await coordinator.getByText('Statut : validée').waitFor();
    const entries = (await asCoordinator('GET', at('/contributions'))).body.items;
    expect(entries.map((entry: { id: string; status: string }) => entry.status)).toEqual(['validated', 'validated']);

    // The money and the hours reach the period's preview.
    const current = (await asCoordinator('GET', at('/periods'))).body.items.find((period: { startsOn: string; endsOn: string }) => period.startsOn <= day && day <= period.endsOn);
    ids.period = current.id;
    await eventually(
      async () => {
        const figures = (await asCoordinator('GET', at(`/periods/${ids.period}`))).body.figures;
        return figures.ledger.movements.length === 1 && [ids.amel, ids.yanis].every((id) => figures.shares.some((share: { memberId: string }) => share.memberId === id));
      },
      { what: 'the payment and both members’ hours in the period' },
    );

    // Amel, on her phone, thanks Yanis with points, then asks the simulator about 300 €.
    const amel = await memberOnPhone();
    await amel.getByRole('link', { name: 'Dire merci (période en cours)' }).click();
    await amel.getByRole('heading', { level: 2, name: 'Dire merci avec des points' }).waitFor();
    expect(new URL(amel.url()).pathname).toBe(`/periodes/${ids.period}`);
    await amel.getByRole('button', { name: /À qui/ }).click();
    await amel.getByRole('option', { name: 'Yanis Morel' }).click();
    await amel.getByLabel('Nombre de points').fill('30');
    await amel.getByLabel('Un mot de merci (facultatif)').fill('Merci pour la cuisine du mardi');
    await amel.getByRole('button', { name: 'Donner mes points' }).click();
    await amel.getByText('Merci envoyé : 30 points à Yanis Morel.').waitFor();
    await amel.getByText('Merci pour la cuisine du mardi').waitFor();
    await screen(amel, 'telephone-merci');
    const round = (await platform.http('GET', at(`/periods/${ids.period}/recognitions`), { token: tokens.amel })).body;
    expect(round.given.map((gift: { toMemberId: string; points: number; note: string }) => [gift.toMemberId, gift.points, gift.note])).toEqual([
      [ids.yanis, 30, 'Merci pour la cuisine du mardi'],
    ]);

    expect(await horizontalOverflow(amel)).toBe(0);
    await goTo(amel, 'Accueil');
    await amel.getByRole('link', { name: 'Simuler ma paie' }).click();
    await amel.getByRole('heading', { level: 1, name: 'Simulateur de paie' }).waitFor();
    await amel.getByLabel('Montant de la part, en euros').fill('300');
    await amel.getByRole('button', { name: 'Calculer' }).click();
    const estimate = (await platform.http('POST', at('/remuneration/simulate'), { token: tokens.amel, body: { amount: '300.00' } })).body;
    await amel.getByRole('heading', { level: 2, name: `Pour une part de ${frenchAmount('300.00')}` }).waitFor();
    await amel.getByText(`Vous recevriez environ ${frenchAmount(estimate.net)} net.`).waitFor();
    await amel.getByRole('rowheader', { name: 'Salaire brut' }).waitFor();
    await amel.getByRole('gridcell', { name: frenchAmount(estimate.gross) }).waitFor();
    await screen(amel, 'telephone-simulateur');

    // The coordinator closes the period, confirmed in words.
    await coordinator.getByRole('link', { name: 'Périodes', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Périodes de rémunération' }).waitFor();
    await screen(coordinator, 'periodes');
    // The settings: how the pot is formed, the rules' weights and the recognition budget as the API holds them.
    const settings = (await asCoordinator('GET', at('/remuneration/settings'))).body;
    await coordinator.getByRole('link', { name: 'Réglages de la rémunération' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Réglages de la rémunération' }).waitFor();
    expect(await coordinator.getByLabel('Poids de la règle « Temps passé »').inputValue()).toBe(String(settings.distribution.rules.time));
    expect(await coordinator.getByLabel('Points de merci par personne et par période').inputValue()).toBe(String(settings.recognitionBudget));
    await screen(coordinator, 'reglages');
    await coordinator.getByRole('link', { name: 'Périodes', exact: true }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Périodes de rémunération' }).waitFor();
    await coordinator.getByRole('link', { name: /^du / }).first().click();
    await coordinator.getByRole('heading', { level: 1, name: /^Période du/ }).waitFor();
    expect(new URL(coordinator.url()).pathname).toBe(`/periodes/${ids.period}`);
    await confirm(coordinator, 'Clore la période', /Les chiffres seront figés/, 'Oui, clore la période');
    await coordinator.getByText('La période est close.').waitFor();
    await coordinator.getByText('Période close : les chiffres sont figés.').waitFor();
    await screen(coordinator, 'periode-close');
    const closed = (await asCoordinator('GET', at(`/periods/${ids.period}`))).body;
    expect(closed.status).toBe('closed');
    const share = closed.figures.shares.find((line: { memberId: string }) => line.memberId === ids.amel);

    // Amel reads her frozen share and objects to it.
    await amel.goto(`${platform.gatewayUrl}/periodes/${ids.period}`);
    await amel.getByText(`Vous recevez ${frenchAmount(share.total)}.`).waitFor();
    await amel.getByRole('heading', { level: 2, name: 'Contester ma part' }).waitFor();
    await amel.getByRole('button', { name: 'Envoyer ma contestation' }).click();
    await amel.getByText('Écrivez quelques mots.').waitFor();
    await amel.getByLabel('Ce qui ne va pas').fill('Il manque une heure de vaisselle après le repas.');
    await amel.getByRole('button', { name: 'Envoyer ma contestation' }).click();
    await amel.getByText('Contestation envoyée. La coordination va vous répondre.').waitFor();
    await amel.getByText('En attente de réponse.').waitFor();
    await screen(amel, 'telephone-contestation');

    // The coordinator finds it on Aujourd'hui, one click from the period's page, and answers; then the shares can be approved.
    await coordinator.goto(`${platform.gatewayUrl}/aujourdhui`);
    const objection = coordinator.getByRole('link', { name: /Amel Kaci.*Il manque une heure de vaisselle après le repas/ });
    await objection.waitFor();
    await screen(coordinator, 'aujourdhui-contestation');
    await objection.click();
    await coordinator.getByRole('heading', { level: 3, name: 'Amel Kaci conteste sa part' }).waitFor();
    await coordinator.getByText('Il reste 1 contestation(s) sans réponse', { exact: false }).waitFor();
    await coordinator.getByLabel('Réponse à Amel Kaci').fill('Vous avez raison : nous l’ajoutons à la prochaine période.');
    await coordinator.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await coordinator.getByText('Réponse envoyée.').waitFor();
    await coordinator.getByText('Réponse de la coordination : Vous avez raison : nous l’ajoutons à la prochaine période.').waitFor();
    await screen(coordinator, 'periode-contestation-repondue');
    await confirm(coordinator, 'Approuver les parts', /devient définitive/, 'Oui, approuver');
    await coordinator.getByText('Parts approuvées.').waitFor();
    expect((await asCoordinator('GET', at(`/periods/${ids.period}`))).body.status).toBe('approved');

    // Amel reads the answer.
    await amel.reload();
    await amel.getByText('Réponse de la coordination : Vous avez raison : nous l’ajoutons à la prochaine période.').waitFor();
    await amel.context().close();
    await coordinator.context().close();
  });
});
