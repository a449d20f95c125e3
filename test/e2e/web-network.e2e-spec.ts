import type { Browser, Page } from 'playwright-core';
import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { goTo, horizontalOverflow, launchChromium, logIn, openConsole, screens } from './browser';
import { aMemberFile, COORDINATOR_PASSWORD, registerMember, setUpRegion, type Region, usePlatform } from './platform';

const MEMBER = { email: 'nadia@lacape.kpa.local', password: 'je partage mes talents' };

/** The day in the browser's clock (UTC in CI): the help request starts today, the reservation tomorrow. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The network screens (`/reseau/...`) walked in a browser by two coordinators and a member:
 * coordinator A (LACAPE) publishes the site's network profile and lends a kitchen, searches a
 * skill, asks the network for help; coordinator B (MOULINS) offers hours, A accepts and records
 * the hours given, B confirms them and both read the reciprocity board; B reserves A's kitchen
 * and A accepts; a member of A, on a phone, agrees to share her skills. axe-core's WCAG 2.1 A/AA
 * rules on every screen.
 */
describe('the console’s network screens', () => {
  const platform = usePlatform('e2e_web_network');
  const day = today();
  let region: Region;
  let browser: Browser;
  let memberId: string;

  const put = (path: string, token: string, body: unknown) => platform.http('PUT', path, { token, body });

  async function openAs(email: string): Promise<Page> {
    const { page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, email, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    return page;
  }

  async function confirmIn(page: Page, trigger: ReturnType<Page['getByRole']>, confirm: string, sentence: string): Promise<void> {
    await trigger.click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(sentence).waitFor();
    await dialog.getByRole('button', { name: confirm }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
    const { a, b } = region.sites;
    await eventually(
      async () =>
        (await platform.query('SELECT 1 FROM networking.directory_site WHERE id = ANY($1)', [[a.id, b.id]])).length === 2 &&
        (await platform.query('SELECT 1 FROM networking.reciprocity_site WHERE id = ANY($1)', [[a.id, b.id]])).length === 2,
      { what: 'the two sites known by networking' },
    );
    // B is on the map already, and lists a seamstress of its team in the skill pool.
    expect(
      (
        await put(`/v1/sites/${b.id}/network-profile`, b.coordinator, {
          presentation: 'Kpa-Moulins, coopérative de quartier à Lille.',
          poles: [{ name: 'Couture', description: 'retouches' }],
          offers: [],
          contactEmail: 'contact@moulins.kpa.local',
          latitude: 50.6186,
          longitude: 3.0691,
          openingHours: 'Du lundi au vendredi, 9 h – 17 h',
          published: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await platform.http('POST', `/v1/sites/${b.id}/pool-people`, {
          token: b.coordinator,
          body: { firstName: 'Inès', lastName: 'Benali', role: 'intervenant', skills: [{ name: 'Couture', level: 'expert' }], availability: 'available' },
        })
      ).status,
    ).toBe(201);
    memberId = await registerMember(platform, a, aMemberFile('Nadia', 'Haddad', '1995-03-14', addDays(day, -30)));
    expect((await platform.http('POST', `/v1/sites/${a.id}/members/${memberId}/account`, { token: a.coordinator, body: MEMBER })).status).toBe(201);
    await eventually(async () => (await platform.query('SELECT 1 FROM networking.known_member WHERE id = $1', [memberId])).length === 1, {
      what: 'the member known by networking',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('two coordinators publish, lend, search, help each other, count the hours and reserve; a member shares her skills on a phone', async () => {
    const screen = screens('network');
    const { a, b } = region.sites;

    // Coordinator A: the map, then the site's network profile, published.
    const pageA = await openAs(a.coordinatorEmail);
    await pageA.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réseau' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Les KPA du réseau' }).waitFor();
    await pageA.getByRole('link', { name: 'MOULINS' }).waitFor();
    await pageA.getByText('Carte de la région : 1 KPA placées selon leurs coordonnées', { exact: false }).waitFor();
    await screen(pageA, 'carte');

    await pageA.getByRole('link', { name: 'Profil réseau' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Profil réseau de LACAPE' }).waitFor();
    await pageA.getByText('Le profil n’est pas publié : seule votre KPA le voit.').waitFor();
    await pageA.getByLabel('Présentation (1 000 caractères au plus)').fill('La Cape, coopérative de quartier à Roubaix.');
    await pageA.getByLabel('Pôles d’activité').fill('Traiteur : repas pour 100 personnes\nCouture');
    await pageA.getByLabel('E-mail de contact').fill('contact@lacape.kpa.local');
    await pageA.getByLabel('Latitude').fill('50,6942');
    await pageA.getByLabel('Longitude').fill('3,1746');
    await pageA.getByText('Publier le profil : toute la région peut le voir').click();
    await pageA.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await pageA.getByText('Profil enregistré et publié : toute la région le voit.').waitFor();
    await screen(pageA, 'profil-du-site');

    await pageA.getByRole('link', { name: 'Carte des KPA' }).click();
    await pageA.getByText('Carte de la région : 2 KPA placées selon leurs coordonnées', { exact: false }).waitFor();
    await pageA.getByRole('link', { name: 'MOULINS' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'MOULINS' }).waitFor();
    await pageA.getByText('Kpa-Moulins, coopérative de quartier à Lille.').waitFor();
    await pageA.getByRole('link', { name: 'contact@moulins.kpa.local' }).waitFor();
    await screen(pageA, 'kpa-moulins');

    // A lends its kitchen.
    await pageA.getByRole('link', { name: 'Matériel', exact: true }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Matériel partagé' }).waitFor();
    await pageA.getByText('Votre KPA ne prête rien pour l’instant.', { exact: false }).waitFor();
    await pageA.getByLabel('Nom du matériel').fill('Cuisine partagée');
    await pageA.getByLabel('Description', { exact: true }).fill('Cuisine professionnelle, 6 feux, chambre froide');
    await pageA.getByLabel('Caution en euros (facultatif)').fill('300');
    await pageA.getByRole('button', { name: 'Ajouter au réseau' }).click();
    await pageA.getByText('« Cuisine partagée » est proposé au réseau.').waitFor();
    await pageA.getByText('Prêté au réseau · caution 300,00 €').waitFor();
    await screen(pageA, 'materiel-prete');

    // A looks for a seamstress: "retouches" finds B's "Couture".
    await pageA.getByRole('link', { name: 'Compétences', exact: true }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Compétences du réseau' }).waitFor();
    await pageA.getByLabel('Compétence', { exact: true }).fill('retouches');
    await pageA.getByRole('button', { name: 'Chercher' }).click();
    await pageA.getByRole('heading', { level: 2, name: 'Résultats pour « retouches »' }).waitFor();
    await pageA.getByText('Inès B. — Expert·e, Disponible').waitFor();
    await screen(pageA, 'competences');

    // A asks the network for help.
    await pageA.getByRole('link', { name: 'Entraide', exact: true }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Entraide entre KPA' }).waitFor();
    await pageA.getByText('Votre KPA n’a pas encore demandé d’aide.', { exact: false }).waitFor();
    await pageA.getByRole('button', { name: 'Envoyer la demande au réseau' }).click();
    await pageA.getByText('Écrivez ce dont vous avez besoin (3 à 120 caractères).').waitFor();
    await pageA.getByLabel('Ce dont vous avez besoin').fill('Renfort couture pour la friperie');
    await pageA.getByLabel('Compétences cherchées (facultatif)').fill('couture');
    await pageA.getByLabel('Lieu', { exact: true }).fill('La Cape, Roubaix');
    await pageA.getByLabel('Nombre de personnes').fill('1');
    await pageA.getByRole('button', { name: 'Envoyer la demande au réseau' }).click();
    await pageA.getByText('Votre demande « Renfort couture pour la friperie » est envoyée à toutes les KPA de la région.').waitFor();
    const requestOfA = pageA.locator('li.card', { hasText: 'Renfort couture pour la friperie' });
    await requestOfA.getByText('Ouverte').waitFor();
    await screen(pageA, 'entraide-demande');

    // Coordinator B offers six hours.
    const pageB = await openAs(b.coordinatorEmail);
    await pageB.goto(`${platform.gatewayUrl}/reseau/entraide`);
    await pageB.getByRole('heading', { level: 1, name: 'Entraide entre KPA' }).waitFor();
    const requestForB = pageB.locator('li.card', { hasText: 'Renfort couture pour la friperie' });
    await requestForB.getByText('Demandé par LACAPE').waitFor();
    await requestForB.getByLabel('Nombre d’heures proposées').fill('6');
    await requestForB.getByLabel('Prénoms des personnes (facultatif)').fill('Inès');
    await requestForB.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    await requestForB.getByText('Votre KPA a fait une proposition : elle attend la réponse.').waitFor();
    await screen(pageB, 'entraide-proposition');

    // A accepts B's offer, then records the six hours once the help is done.
    await pageA.reload();
    await requestOfA.getByText('MOULINS · 6 h · Inès · en attente de réponse').waitFor();
    await confirmIn(
      pageA,
      requestOfA.getByRole('button', { name: 'Accepter l’aide de MOULINS' }),
      'Oui, accepter',
      'Vous acceptez l’aide de MOULINS : 6 h. MOULINS sera prévenue et comptera sur vous.',
    );
    await requestOfA.getByText('Aide acceptée').waitFor();
    expect(await requestOfA.getByLabel('Heures données par MOULINS').inputValue()).toBe('6');
    await screen(pageA, 'entraide-acceptee');
    await confirmIn(
      pageA,
      requestOfA.getByRole('button', { name: 'Marquer comme faite' }),
      'Oui, enregistrer les heures',
      'Vous enregistrez les heures données (MOULINS : 6 h). Chaque KPA qui a aidé les confirme ensuite, puis elles entrent dans la réciprocité.',
    );
    await requestOfA.getByText('Faite, heures à confirmer').waitFor();

    // B confirms the hours it gave: they enter the ledger.
    await pageB.reload();
    await confirmIn(
      pageB,
      requestForB.getByRole('button', { name: 'Confirmer les 6 h' }),
      'Oui, confirmer',
      'Vous confirmez que votre KPA a donné 6 h à LACAPE. Elles entrent dans la réciprocité et ne pourront plus être changées.',
    );
    await requestForB.getByText('Heures confirmées').waitFor();
    await screen(pageB, 'entraide-confirmee');

    // The balances show it, on both sides.
    await pageB.getByRole('link', { name: 'Réciprocité', exact: true }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Réciprocité entre KPA' }).waitFor();
    const board = pageB.getByRole('grid', { name: 'Le tableau de la région' });
    // A row is named by its row header (the site): its cells say the balance.
    await board.getByRole('row').filter({ hasText: 'MOULINS' }).filter({ hasText: '+6 h' }).waitFor();
    await board.getByRole('row').filter({ hasText: 'LACAPE' }).filter({ hasText: '−6 h' }).waitFor();
    await pageB.getByText('Votre KPA a donné 6 h et reçu 0 h.').waitFor();
    await pageB.getByText('Donné à LACAPE — Aide : Renfort couture pour la friperie').waitFor();
    await screen(pageB, 'reciprocite');

    // B reserves A's kitchen for tomorrow; A accepts.
    await pageB.getByRole('link', { name: 'Matériel', exact: true }).click();
    const kitchen = pageB.locator('li.card', { hasText: 'Cuisine partagée' });
    await kitchen.getByText('Prêté par LACAPE').waitFor();
    await kitchen.getByLabel('Jour de début').fill(addDays(day, 1));
    await kitchen.getByLabel('Jour de fin').fill(addDays(day, 1));
    await kitchen.getByRole('button', { name: 'Demander « Cuisine partagée »' }).click();
    await kitchen.getByText('Votre demande pour « Cuisine partagée » est envoyée. La KPA qui prête va répondre.').waitFor();
    await pageB.getByRole('heading', { level: 2, name: 'Mes réservations chez les autres KPA' }).waitFor();
    await screen(pageB, 'materiel-reservation');

    await pageA.getByRole('link', { name: 'Matériel', exact: true }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Matériel partagé' }).waitFor();
    const ownKitchen = pageA.locator('li.card', { hasText: 'Cuisine partagée' });
    await ownKitchen.getByRole('heading', { name: 'Réservations de « Cuisine partagée », semaine par semaine' }).waitFor();
    await ownKitchen.getByText('demandé par MOULINS', { exact: false }).waitFor();
    await confirmIn(pageA, ownKitchen.getByRole('button', { name: 'Accepter la réservation' }), 'Accepter la réservation', 'Vous prêtez « Cuisine partagée » à MOULINS');
    await ownKitchen.getByText('Acceptée').waitFor();
    await screen(pageA, 'materiel-acceptee');

    // The launch paths: both sites are active, none is launching.
    await pageA.getByRole('link', { name: 'Lancements', exact: true }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Lancement des nouvelles KPA' }).waitFor();
    await pageA.getByText('Aucune KPA en lancement.', { exact: false }).waitFor();
    await pageA.getByText('Aucune séance d’accompagnement pour votre KPA.').waitFor();
    await screen(pageA, 'lancements');
    const reservations = await platform.http('GET', `/v1/sites/${a.id}/equipment-reservations?side=owner`, { token: a.coordinator });
    expect(reservations.body.items.map((r: { status: string; borrowerSiteId: string }) => [r.status, r.borrowerSiteId])).toEqual([['accepted', b.id]]);

    // A member of A, on a phone: from her account to her network profile; she agrees to share her sewing.
    const { page: phone } = await openConsole(browser, 'phone');
    await logIn(phone, platform.gatewayUrl, MEMBER.email, MEMBER.password);
    await phone.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
    await phone.getByRole('button', { name: /^Menu/ }).click();
    await phone.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).waitFor();
    expect(await phone.getByRole('link', { name: 'Réseau', exact: true }).count()).toBe(0);
    await goTo(phone, 'Mon compte');
    await phone.getByRole('link', { name: 'Partager mes compétences avec le réseau' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mon profil réseau' }).waitFor();
    await phone.getByText('Aujourd’hui, les autres KPA ne vous voient pas.').waitFor();
    await phone.getByText('Pour arrêter, décochez la case et enregistrez', { exact: false }).waitFor();
    await screen(phone, 'telephone-mon-profil');
    expect(await horizontalOverflow(phone)).toBe(0);
    await phone.getByText('Je suis d’accord pour que les autres KPA voient mes compétences').click();
    await phone.getByLabel('Mes compétences', { exact: true }).fill('Couture, cuisine');
    await phone.getByRole('button', { name: 'Enregistrer mon choix' }).click();
    await phone.getByText('C’est enregistré : les autres KPA peuvent vous trouver.').waitFor();
    await screen(phone, 'telephone-consentement');
    const found = await platform.http('GET', '/v1/network/skills?skill=couture', { token: b.coordinator });
    const people = found.body.skills.flatMap((group: { sites: { people: { firstName: string }[] }[] }) =>
      group.sites.flatMap((site) => site.people.map((person) => person.firstName)),
    );
    expect(people).toEqual(expect.arrayContaining(['Nadia', 'Inès']));
    // The member does not reach the coordination's screens.
    await phone.goto(`${platform.gatewayUrl}/reseau/entraide`);
    await phone.getByText('Cette partie est pour l’équipe de coordination').waitFor();
  }, 120_000);
});
