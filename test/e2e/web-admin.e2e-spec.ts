import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { isFrenchPublicHoliday } from '../../apps/worker/src/dunning/french-holidays';
import { launchChromium, logIn, screens, smallTouchTargets, VIEWPORTS, type Device } from './browser';
import { ADMIN, aMemberFile, registerMember, setUpRegion, type Region, untilCommerceKnows, usePlatform } from './platform';

/** A second host structure's SIRET (Luhn key right), under the VAT franchise: no VAT number. */
const POUSSES = { legalName: 'Couveuse Les Pousses', legalForm: 'SCIC SAS à capital variable', siret: '483 025 425 00016', city: 'La Rochelle' };
const COOPAINS = { name: 'Les Coopains à bord', code: 'COOPAINS', city: 'La Rochelle' };
const COORDINATOR = { email: 'coordination@coopains.kpa.local', name: 'Coordination Coopains', password: 'à bord de la coopérative' };
const ACCOUNTANT = { email: 'compta@coopains.kpa.local', name: 'Comptabilité Coopains', password: 'les comptes sont bons' };
const CLIENT = 'Mme Durand';

/** A fresh profile on that device, in French, which accepts downloads (the report's PDF). */
async function openConsole(browser: Browser, device: Device): Promise<{ context: BrowserContext; page: Page }> {
  const phone = device === 'phone';
  const context = await browser.newContext({ viewport: VIEWPORTS[device], locale: 'fr-FR', hasTouch: phone, isMobile: phone, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

/** Picks `option` in the react-aria select labelled `label`. */
async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * Issue 14, network admin, reports and dunning (Chromium): the network admin creates a host
 * structure, a site attached to it, gives its coordinator role (and takes an accountant's role away
 * after a confirmation), reads the region's figures; the new coordinator asks for the site's report,
 * watches its progress bar finish and downloads its PDF, reads the dunning policy, an invoice's
 * collection, and sends a formal notice after a confirmation that says it is e-mailed to the client.
 * The formal notice needs an invoice 45 days overdue: the worker alone is restarted with its clock
 * moved (KPA_CLOCK_OFFSET_MINUTES, as worker-dunning does). Every screen passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('reports, dunning and network admin in the console (Chromium)', () => {
  const platform = usePlatform('e2e_web_admin', { DUNNING_SWEEP_INTERVAL_SECONDS: '10' });
  let region: Region;
  let browser: Browser;
  const coopains = { siteId: '', invoiceId: '', number: '' };

  /** Restarts the worker with its clock at 10:00 Paris (11:00 in summer) on the first working day from `day`. */
  async function workerAt(day: string): Promise<void> {
    while (new Date(`${day}T12:00:00Z`).getUTCDay() === 0 || isFrenchPublicHoliday(day)) day = addDays(day, 1);
    const offset = Math.round((new Date(`${day}T09:00:00Z`).getTime() - Date.now()) / 60_000);
    await platform.stop('worker');
    await platform.start('worker', { KPA_CLOCK_OFFSET_MINUTES: String(offset), DUNNING_SWEEP_INTERVAL_SECONDS: '10' });
  }

  beforeAll(async () => {
    region = await setUpRegion(platform);
    await registerMember(platform, region.sites.a, aMemberFile('Inès', 'Benali', '2001-04-12', '2026-01-05'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets the network admin create a host structure, a site, give and take roles, and read the region’s figures', async () => {
    const screen = screens('admin-network');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: 'Ouvrir LACAPE' }).click();
    await page.getByRole('link', { name: 'Administration' }).click();

    // The region's figures: the totals, and the breakdowns with small counts hidden.
    await page.getByRole('heading', { level: 1, name: 'Chiffres de la région' }).waitFor();
    await page.getByRole('rowheader', { name: 'Personnes qui ont participé' }).waitFor();
    expect(await page.getByRole('row', { name: /Personnes qui ont participé/ }).innerText()).toContain('1');
    await page.getByRole('heading', { level: 2, name: 'Par genre' }).waitFor();
    expect(await page.getByText('moins de 5').count()).toBeGreaterThan(0);
    await screen(page, 'chiffres-region');

    // A host structure: a wrong SIRET is stopped before sending, then created.
    await page.getByRole('link', { name: 'Structures hébergeuses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Structures hébergeuses' }).waitFor();
    await page.getByRole('link', { name: 'Modifier CAE Grand Nord' }).waitFor();
    await page.getByLabel('Nom légal').fill(POUSSES.legalName);
    await page.getByLabel('Forme juridique').fill(POUSSES.legalForm);
    await page.getByLabel('SIRET (14 chiffres)').fill('483 025 425 00017');
    await page.getByLabel('Ville', { exact: true }).fill(POUSSES.city);
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByText(/^Le SIRET a 14 chiffres, avec une clé de contrôle\s: vérifiez-le\.$/).waitFor();
    await page.getByLabel('SIRET (14 chiffres)').fill(POUSSES.siret);
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await page.getByText(`Structure ${POUSSES.legalName} créée.`).waitFor();
    await page.getByRole('link', { name: `Modifier ${POUSSES.legalName}` }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(POUSSES.legalName) }).innerText()).toContain('Sans TVA (art. 293 B du CGI)');
    await screen(page, 'structures');

    // Its page: an address added (printed on the next documents).
    await page.getByRole('link', { name: `Modifier ${POUSSES.legalName}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Structure hébergeuse\\s: ${POUSSES.legalName}$`) }).waitFor();
    await page.getByLabel('Code postal (facultatif)').fill('17000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modifications enregistrées. Les prochains devis et factures porteront ces informations.').waitFor();
    await screen(page, 'structure');

    // A site attached to it.
    await page.getByRole('link', { name: 'Sites et rôles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sites et rôles' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill(COOPAINS.name);
    await page.getByLabel('Code', { exact: true }).fill(COOPAINS.code);
    await page.getByLabel('Ville', { exact: true }).fill(COOPAINS.city);
    await choose(page, /Structure hébergeuse/, POUSSES.legalName);
    await page.getByRole('button', { name: 'Créer le site' }).click();
    await page.getByText(`Site ${COOPAINS.name} créé.`).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(COOPAINS.name) }).innerText()).toContain(POUSSES.legalName);
    await screen(page, 'sites');

    // Roles: the coordination given by e-mail; an accountant given, then taken away after a confirmation.
    await page.getByRole('link', { name: `Ouvrir ${COOPAINS.name}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Site\\s: ${COOPAINS.name}$`) }).waitFor();
    await page.getByText(new RegExp(`Structure hébergeuse\\s: ${POUSSES.legalName}\\.`)).waitFor();
    await page.getByText('Personne n’a encore de rôle sur ce site.', { exact: false }).waitFor();
    const give = async (person: typeof COORDINATOR, role: string) => {
      await page.getByLabel('Adresse e-mail').fill(person.email);
      await page.getByLabel('Nom de la personne').fill(person.name);
      if (role !== 'Coordination') await choose(page, /Rôle/, role);
      await page.getByLabel('Premier mot de passe').fill(person.password);
      await page.getByRole('button', { name: 'Donner le rôle' }).click();
      await page.getByText(`${person.name} a maintenant le rôle ${role}.`).waitFor();
      await page.getByRole('row', { name: new RegExp(person.name) }).waitFor();
    };
    await give(COORDINATOR, 'Coordination');
    await give(ACCOUNTANT, 'Comptabilité');
    await screen(page, 'site-roles');
    await page.getByRole('button', { name: `Retirer le rôle de ${ACCOUNTANT.name}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(`${ACCOUNTANT.name} (${ACCOUNTANT.email}) ne pourra plus ouvrir ${COOPAINS.name} avec le rôle Comptabilité.`, { exact: false }).waitFor();
    await screen(page, 'retirer-role');
    await dialog.getByRole('button', { name: 'Retirer le rôle' }).click();
    await page.getByText('Rôle retiré.').waitFor();
    await page.getByRole('row', { name: new RegExp(ACCOUNTANT.name) }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: new RegExp(COORDINATOR.name) }).count()).toBe(1);
    expect(await smallTouchTargets(page)).toEqual([]);
    coopains.siteId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await context.close();
  });

  it('lets the new coordinator download the site’s report, read the dunning policy and a collection, and send a formal notice', async () => {
    // The host structure created in the console has the legal form commerce needs to issue an invoice.
    expect(coopains.siteId).toMatch(/^[0-9a-f-]{36}$/);
    const coordinator = (await platform.login(COORDINATOR.email, COORDINATOR.password)).accessToken;
    const api = (method: string, path: string, body?: unknown) => platform.http(method, `/v1/sites/${coopains.siteId}${path}`, { token: coordinator, body });
    // An invoice to an individual, due on receipt, issued today (50 € under the incubator's VAT franchise); then the worker's clock 46 days later: the formal notice is drafted.
    await untilCommerceKnows(platform, [coopains.siteId]);
    const client = await api('POST', '/clients', {
      kind: 'individual',
      name: CLIENT,
      email: 'durand@example.org',
      billingAddress: { line: '3 quai Duperré', postalCode: '17000', city: 'La Rochelle' },
    });
    expect(client.status).toBe(201);
    const draft = await api('POST', '/invoices', {
      clientId: client.body.id,
      lines: [{ description: 'Repas partagé', quantity: '4', unit: 'piece', unitPrice: '12.50', vatRate: '10' }],
      supplyDate: '2026-11-02',
    });
    expect(draft.status).toBe(201);
    const issued = await api('POST', `/invoices/${draft.body.id}/issue`, {});
    expect({ status: issued.status, code: issued.body.code }).toEqual({ status: 200, code: undefined });
    Object.assign(coopains, { invoiceId: issued.body.id, number: issued.body.number });
    await eventually(async () => (await platform.query('SELECT 1 FROM worker.dunning_invoice WHERE invoice_id = $1', [coopains.invoiceId])).length === 1, {
      what: 'the issued invoice known by the worker',
    });
    await workerAt(addDays(issued.body.dueOn, 46));
    await eventually(async () => (await api('GET', '/dunning-drafts')).body.items?.length === 1, { what: 'the formal notice drafted', timeoutMs: 40_000 });

    const screen = screens('admin-coordinator');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, COORDINATOR.email, COORDINATOR.password);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();

    // The site's report: asked for, its progress bar to 100 %, then the PDF downloaded.
    await page.getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapport du site' }).waitFor();
    await page.getByText('Aucun rapport demandé pour l’instant.', { exact: false }).waitFor();
    await screen(page, 'rapports-vide');
    await choose(page, /Période/, 'Cette année');
    await page.getByRole('button', { name: 'Demander le rapport' }).click();
    const progress = page.getByRole('progressbar', { name: `Avancement du rapport de ${COOPAINS.name}` });
    await progress.waitFor();
    await page.getByText('Prêt. Vous pouvez le télécharger.').waitFor({ timeout: 30_000 });
    expect(await progress.evaluate((element) => (element as unknown as { value: number }).value)).toBe(100);
    const year = new Date().getFullYear();
    await page.getByRole('heading', { level: 3, name: new RegExp(`^Rapport de ${COOPAINS.name}, du 1er\\sjanv\\.\\s${year} au 31\\sdéc\\.\\s${year}$`) }).waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger le PDF' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`rapport-les-coopains-a-bord-${year}-01-01-${year}-12-31.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await page.getByRole('link', { name: 'Télécharger le tableau (CSV)' }).waitFor();
    await screen(page, 'rapport-pret');

    // Dunning: the overdue list (commerce's clock is today's: nothing overdue yet), the policy, the collection, the formal notice.
    await page.getByRole('link', { name: 'Relances' }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures en retard' }).waitFor();
    await page.getByText('Aucune facture en retard.', { exact: false }).waitFor();
    await screen(page, 'relances-vide');
    await page.getByRole('navigation', { name: 'Pages de la rubrique Relances' }).getByRole('link', { name: 'Règles de relance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Règles de relance' }).waitFor();
    await page.getByText('Ce site suit les règles prévues par défaut.').waitFor();
    const level2 = page.getByRole('group', { name: /^Relance 2.: rappel plus ferme$/ });
    expect(await level2.getByLabel('Combien de jours après la date de paiement').inputValue()).toBe('21');
    await level2.getByLabel('Combien de jours après la date de paiement').fill('10');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await page.getByText('Deux relances sont espacées de 7 jours au moins', { exact: false }).waitFor();
    await level2.getByLabel('Combien de jours après la date de paiement').fill('20');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await page.getByText('Règles enregistrées.', { exact: false }).waitFor();
    expect((await api('GET', '/dunning-policy')).body.level2.delayDays).toBe(20);
    await screen(page, 'regles');

    // The invoice's page leads to its collection.
    await page.goto(`${platform.gatewayUrl}/factures/${coopains.invoiceId}`);
    await page.getByRole('link', { name: 'Relances et suivi du paiement' }).click();
    await page.getByRole('heading', { level: 1, name: `Suivi de la facture ${coopains.number}` }).waitFor();
    await page.getByText('Mise en demeure préparée, à relire').waitFor();
    await page.getByText(/^Mise en demeure préparée, pas encore envoyée\s: relisez-la, puis envoyez-la\.$/).waitFor();
    expect(await page.getByRole('definition').filter({ hasText: '€' }).last().innerText()).toMatch(/^50,00\s€$/);
    await page.getByLabel('Ce qui a été dit ou fait').fill('Appel à Mme Durand : elle paiera vendredi.');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.getByText(/^Appel\s: Appel à Mme Durand : elle paiera vendredi\.$/).waitFor();
    await screen(page, 'suivi-facture');

    await page.getByRole('link', { name: 'Relire la mise en demeure' }).click();
    await page.getByRole('heading', { level: 1, name: `Mise en demeure, facture ${coopains.number}` }).waitFor();
    await page.getByText(/Reste dû\s: 50,00\s€\./).waitFor();
    // The letter itself, as the send will attach it today, and the invoice it attaches.
    await page.locator(`iframe[title="Mise en demeure de la facture ${coopains.number} en PDF"]`).waitFor();
    await page.locator(`iframe[title="Facture ${coopains.number} en PDF"]`).waitFor();
    const letter = await fetch(`${platform.gatewayUrl}/v1/sites/${coopains.siteId}/dunning-drafts/${coopains.invoiceId}/letter.pdf`, {
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect({ status: letter.status, type: letter.headers.get('content-type') }).toEqual({ status: 200, type: 'application/pdf' });
    expect(
      Buffer.from(await letter.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await screen(page, 'mise-en-demeure');
    await page.getByRole('button', { name: 'Envoyer la mise en demeure' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(`La mise en demeure de la facture ${coopains.number} part par e-mail au client`, { exact: false }).waitFor();
    await screen(page, 'envoyer-mise-en-demeure');
    await dialog.getByRole('button', { name: 'Envoyer par e-mail' }).click();
    await page.getByText(/^Mise en demeure envoyée\s: elle part par e-mail au client\.$/).waitFor();
    await eventually(async () => (await platform.query(`SELECT 1 FROM worker.outgoing_mail WHERE key = $1`, [`dunning:${coopains.invoiceId}:3`])).length === 1, {
      what: 'the formal notice queued as an e-mail',
    });
    await page.getByRole('navigation', { name: 'Pages de la rubrique Relances' }).getByRole('link', { name: 'Mises en demeure' }).click();
    await page.getByText('Aucune mise en demeure à relire.', { exact: false }).waitFor();
    await screen(page, 'mises-en-demeure-vide');
    expect(await smallTouchTargets(page)).toEqual([]);
    await context.close();

    // On a phone: the collection and the report screen.
    const phone = await openConsole(browser, 'phone');
    await logIn(phone.page, platform.gatewayUrl, COORDINATOR.email, COORDINATOR.password);
    await phone.page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    await phone.page.goto(`${platform.gatewayUrl}/relances/factures/${coopains.invoiceId}`);
    await phone.page.getByText('Relance 3 envoyée par e-mail').waitFor();
    await screen(phone.page, 'suivi-facture-telephone');
    await phone.page.goto(`${platform.gatewayUrl}/rapports`);
    await phone.page.getByRole('button', { name: 'Demander le rapport' }).waitFor();
    await screen(phone.page, 'rapports-telephone');
    await phone.context.close();
  });
});
