import type { Browser, Locator, Page } from 'playwright-core';
import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { goTo, horizontalOverflow, launchChromium, logIn, openConsole, screens } from './browser';
import { aMemberFile, COORDINATOR_PASSWORD, registerMember, setUpRegion, TEST_SIRET, type Region, untilCommerceKnows, usePlatform } from './platform';

const MEMBER = { email: 'sonia@lacape.kpa.local', password: 'mes tickets de caisse' };
/** A 1×1 PNG: what a phone's camera hands the page, in small (the API tells a PNG by its first bytes). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The text a person reads, French no-break spaces as plain ones (readable expectations). */
async function textOf(within: Page | Locator, testId: string): Promise<string> {
  return (await within.getByTestId(testId).innerText()).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

async function untilTotals(within: Page | Locator, expected: string[]): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      last = await textOf(within, 'totals');
      return expected.every((part) => last.includes(part));
    },
    { what: `the totals to show ${expected.join(', ')}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${last}`);
  });
}

/** The page's latest API exchanges, quoted when a screen never says what it should. */
const apiCalls = new WeakMap<Page, string[]>();
function watchApi(page: Page): void {
  const calls: string[] = [];
  apiCalls.set(page, calls);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) calls.push(`→ ${request.method()} ${new URL(request.url()).pathname}`);
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/v1/')) calls.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
}

/** Waits for what the screen says after an API call; if it never shows, the failure quotes the page's alerts (the API's refusal). */
async function untilShown(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout: 20_000 });
  } catch (error) {
    const alerts = (await page.getByRole('alert').allInnerTexts()).join(' | ');
    const fieldErrors = (await page.locator('.field__error').allInnerTexts()).join(' | ');
    const calls = (apiCalls.get(page) ?? []).slice(-8).join(', ');
    throw new Error(
      `${String(text)} never showed (alerts: ${alerts || 'none'}; field errors: ${fieldErrors || 'none'}; at ${page.url()}; API: ${calls}): ${(error as Error).message.split('\n')[0]}`,
      {
        cause: error,
      },
    );
  }
}

/** A French sentence as the console writes it: a no-break space before : ; ? ! */
const fr = (text: string) => text.replace(/ ([:;?!])/g, '\u00a0$1');

/** The document's PDF shown in the page from a blob: URL of more than a kilobyte. */
async function expectPdfInPage(page: Page): Promise<void> {
  const frame = page.locator('iframe.pdf-frame');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  expect(Number(await frame.getAttribute('data-bytes'))).toBeGreaterThan(1000);
}

/**
 * The commerce area in Chromium, beyond journey (3): a coordinator creates a client (stopped first
 * by the API on a SIRET whose key is wrong), a catalogue item, walks a quote from draft to sent with
 * live totals and the PDF in the page, makes a credit note on an issued invoice, reads the
 * receivables board; a member records an expense with a photo on a phone and the coordinator,
 * on a phone too, sees the photo and approves it. axe-core's WCAG 2.1 A/AA rules on every screen.
 */
describe('the commerce area in the web console (Chromium)', () => {
  const platform = usePlatform('e2e_web_commerce_more');
  const screen = screens('commerce-more');
  let region: Region;
  let browser: Browser;
  let invoiceNumber: string;
  const at = (path: string) => `/v1/sites/${region.sites.a.id}${path}`;
  const asCoordinator = (method: 'POST' | 'PATCH', path: string, body?: unknown) => platform.http(method, path, { token: region.sites.a.coordinator, body });

  beforeAll(async () => {
    region = await setUpRegion(platform);
    await untilCommerceKnows(platform, [region.sites.a.id]);
    // The seller's identity the documents print (the host structure's legal form and capital).
    expect(
      (
        await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
          token: region.admin,
          body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
        })
      ).status,
    ).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    // An issued invoice of 2 × 50 € at 20 % (120 € all taxes included) to credit in part.
    const client = await asCoordinator('POST', at('/clients'), {
      kind: 'company',
      name: 'Boulangerie du Pile',
      billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
      siret: TEST_SIRET,
    });
    expect(client.status).toBe(201);
    const invoice = await asCoordinator('POST', at('/invoices'), {
      clientId: client.body.id,
      lines: [{ description: 'Atelier pâtisserie', quantity: '2', unit: 'hour', unitPrice: '50', vatRate: '20' }],
      supplyDate: '2026-11-02',
    });
    expect(invoice.status).toBe(201);
    const issued = await asCoordinator('POST', at(`/invoices/${invoice.body.id}/issue`));
    expect(issued.status).toBe(200);
    invoiceNumber = issued.body.number;
    // A member with an account, known by commerce (her expenses are hers).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const memberId = await registerMember(platform, region.sites.a, aMemberFile('Sonia', 'Haddad', '1995-03-14', addDays(today, -30)));
    expect((await asCoordinator('POST', at(`/members/${memberId}/account`), MEMBER)).status).toBe(201);
    await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = $1', [memberId])).length === 1, { what: 'the member known by commerce' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('walks clients, catalogue, a quote from draft to sent, a credit note and the receivables on a laptop', async () => {
    const { context, page } = await openConsole(browser, 'laptop');
    watchApi(page);
    await logIn(page, platform.gatewayUrl, region.sites.a.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    await page.getByRole('link', { name: 'Commerce', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    const area = page.getByRole('navigation', { name: 'Pages de la rubrique Commerce' });

    // Clients: an empty form says what is missing; the API's refusal shows next to the SIRET.
    await area.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByRole('rowheader', { name: 'Boulangerie du Pile' }).waitFor();
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    await page.getByRole('button', { name: /Type de client/ }).click();
    await page.getByRole('option', { name: 'Organisme public' }).click();
    await page.getByLabel('Code service Chorus Pro (facultatif)').waitFor();
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    expect(await page.getByText('Ce champ est obligatoire.').count()).toBe(5);
    await page.getByLabel('Nom de la structure').fill('Mairie de Roubaix');
    await page.getByLabel('Adresse (numéro et rue)').fill('17 Grand Place');
    await page.getByLabel('Code postal').fill('59100');
    await page.getByLabel('Ville').fill('Roubaix');
    await page.getByLabel('SIRET', { exact: true }).fill('215 905 126 00012');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await page.getByText(fr('Ce SIRET n’existe pas : vérifiez les 14 chiffres')).waitFor();
    expect(await page.getByLabel('SIRET', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screen(page, 'client-siret-refuse');
    // The town hall's own SIRET (the bakery's is taken on this site: the API refuses a second client with it).
    await page.getByLabel('SIRET', { exact: true }).fill('215 905 126 00011');
    await page.getByLabel('Code service Chorus Pro (facultatif)').fill('SERV-CULTURE');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await untilShown(page, 'Mairie de Roubaix est enregistré.');
    await page.getByLabel('Chercher par nom').fill('Mairie');
    await page.getByRole('rowheader', { name: 'Mairie de Roubaix' }).waitFor();
    await eventually(async () => (await page.getByRole('rowheader', { name: 'Boulangerie du Pile' }).count()) === 0, { what: 'the search to leave one client' });
    await screen(page, 'clients');

    // Catalogue: an item the quote then takes.
    await area.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    await page.getByText('Le catalogue est vide').waitFor();
    await page.getByRole('button', { name: 'Nouvel article' }).click();
    await page.getByLabel('Désignation').fill('Atelier couture');
    await page.getByRole('button', { name: /Unité/ }).click();
    await page.getByRole('option', { name: 'jour' }).click();
    await page.getByLabel('Prix unitaire HT (€)').fill('150');
    await page.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await untilShown(page, 'Atelier couture est enregistré.');
    await page.locator('.table').getByText('150,00 €').waitFor();
    await screen(page, 'catalogue');

    // A quote from draft to sent: live totals, saved, submitted, validated, sent with its PDF.
    await area.getByRole('link', { name: 'Devis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devis' }).waitFor();
    await page.getByRole('link', { name: 'Nouveau devis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau devis' }).waitFor();
    await page.getByRole('button', { name: /Client(?!s)/ }).click();
    await page.getByRole('option', { name: 'Mairie de Roubaix' }).click();
    const line = (n: number) => page.getByRole('group', { name: `Ligne ${n}` });
    await line(1).getByLabel('Désignation').fill('Buffet du vernissage');
    await line(1).getByLabel('Quantité').fill('2');
    await line(1).getByLabel('Prix unitaire HT (€)').fill('40');
    await untilTotals(page, ['Total HT 80,00 €', 'Total TTC 96,00 €']);
    await page.getByRole('button', { name: 'Ajouter depuis le catalogue' }).click();
    await page.getByRole('option', { name: /^Atelier couture/ }).click();
    await line(2).getByLabel('Désignation').waitFor();
    await untilTotals(page, ['Total HT 230,00 €', 'TVA à 20 % 46,00 €', 'Total TTC 276,00 €']);
    await page.getByLabel('Acompte à la commande, en % (facultatif)').fill('30');
    await screen(page, 'devis-nouveau');
    // From the keyboard: since the quote editor grew its deposit and delivery fields, a mouse click
    // here right after the full-page screenshot is lost about one run in two (no request leaves; not
    // explained yet, docs/testing.md); Enter on the focused button is the keyboard user's way.
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).focus();
    await page.keyboard.press('Enter');
    await untilShown(page, 'Brouillon enregistré.');
    await page.getByRole('heading', { level: 1, name: 'Devis en brouillon' }).waitFor();
    expect(page.url()).toMatch(/\/devis\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Soumettre à la coordination' }).click();
    await page.getByText(fr('Statut : À valider. Client : Mairie de Roubaix.'), { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Valider le devis' }).click();
    await untilShown(page, fr('Devis validé : il peut partir chez le client.'));
    await page.getByRole('button', { name: 'Envoyer au client' }).click();
    const send = page.getByRole('alertdialog', { name: fr('Envoyer ce devis ?') });
    await send.getByText('part chez Mairie de Roubaix').waitFor();
    await send.getByRole('button', { name: 'Envoyer, c’est définitif' }).click();
    await untilShown(page, 'Devis envoyé au client.');
    await page.getByRole('heading', { level: 1, name: /^Devis \S+-\d+$/ }).waitFor();
    await page.getByRole('button', { name: 'Le client accepte' }).waitFor();
    await page.getByText(fr('Acompte demandé à la commande : 30\u00a0%.'), { exact: false }).waitFor();
    expect(await textOf(page, 'totals')).toContain('Total TTC 276,00 €');
    await expectPdfInPage(page);
    await screen(page, 'devis-envoye');

    // A credit note on the issued invoice: one of the two hours, with its reason; the sentence says it is final.
    await area.getByRole('link', { name: 'Factures' }).click();
    await page.getByRole('link', { name: `Ouvrir ${invoiceNumber}` }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoiceNumber}` }).waitFor();
    await page.getByRole('button', { name: 'Faire un avoir' }).click();
    // The credit note's own lines and totals, under the invoice's.
    const creditForm = page.getByRole('region', { name: 'Faire un avoir' });
    await page.getByRole('button', { name: /Ce que l’avoir annule/ }).click();
    await page.getByRole('option', { name: 'Une partie : je choisis les lignes'.replace(' :', '\u00a0:') }).click();
    await creditForm.getByRole('group', { name: 'Ligne 1' }).getByLabel('Quantité').fill('1');
    await untilTotals(creditForm, ['Total TTC 60,00 €']);
    await creditForm.getByLabel('Motif', { exact: true }).fill('Une séance annulée');
    await page.getByRole('button', { name: 'Émettre l’avoir' }).click();
    const credit = page.getByRole('alertdialog', { name: fr('Émettre cet avoir ?') });
    await credit.getByText(fr(`L’avoir de 60,00 € sur la facture ${invoiceNumber} reçoit son numéro définitif. C’est définitif :`), { exact: false }).waitFor();
    await screen(page, 'avoir-confirmation');
    await credit.getByRole('button', { name: 'Émettre, c’est définitif' }).click();
    await page.getByRole('heading', { level: 1, name: /^Avoir \S+$/ }).waitFor();
    await untilShown(page, /^Avoir \S+ émis\.$/);
    await page.getByText(fr('Motif : Une séance annulée')).waitFor();
    expect(await textOf(page, 'totals')).toContain('Total TTC 60,00 €');
    await expectPdfInPage(page);
    await screen(page, 'avoir');
    await area.getByRole('link', { name: 'Avoirs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avoirs' }).waitFor();
    await page.locator('.table').getByText(invoiceNumber).waitFor();
    await page.locator('.table').getByText('60,00 €').waitFor();
    await screen(page, 'avoirs');

    // The receivables: 60 € left on the invoice, not yet due; the invoice one click away.
    await area.getByRole('link', { name: 'Encours' }).click();
    await page.getByRole('heading', { level: 1, name: 'Encours' }).waitFor();
    await page.getByText(fr('Reste à encaisser : 60,00 € (factures : 1)'), { exact: false }).waitFor();
    await page.getByRole('button', { name: fr('Pas encore à payer : 60,00 € (factures : 1)') }).waitFor();
    await screen(page, 'encours');
    await page.getByRole('link', { name: `Ouvrir ${invoiceNumber}` }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoiceNumber}` }).waitFor();
    await context.close();
  });

  it('lets a member record an expense with a photo on her phone, which the coordinator approves on his', async () => {
    const member = await openConsole(browser, 'phone');
    watchApi(member.page);
    await logIn(member.page, platform.gatewayUrl, MEMBER.email, MEMBER.password);
    await member.page.getByRole('heading', { level: 1, name: 'Mon accueil' }).waitFor();
    await goTo(member.page, 'Mes dépenses');
    await member.page.getByRole('heading', { level: 1, name: 'Mes dépenses' }).waitFor();
    await member.page.getByText('Vous n’avez noté aucune dépense').waitFor();
    expect(await member.page.locator('#expense-receipt').getAttribute('capture')).toBe('environment');
    await member.page.getByLabel('Quoi').fill('Fil et aiguilles');
    await member.page.getByLabel('Montant TTC (€)').fill('12,50');
    await member.page.getByLabel('Dont TVA (€)').fill('2,08');
    await member.page.locator('#expense-receipt').setInputFiles({ name: 'ticket.png', mimeType: 'image/png', buffer: PNG });
    await member.page.getByText(fr('Fichier choisi : ticket.png')).waitFor();
    await member.page.getByRole('button', { name: 'Envoyer la dépense' }).click();
    await untilShown(member.page, 'Dépense de 12,50 € envoyée à la coordination.');
    await member.page.locator('.table').getByText('À valider').waitFor();
    await screen(member.page, 'depense-membre-telephone');
    await member.context.close();

    const coordinator = await openConsole(browser, 'phone');
    const page = coordinator.page;
    watchApi(page);
    await logIn(page, platform.gatewayUrl, region.sites.a.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    await page.goto(`${platform.gatewayUrl}/depenses`);
    await page.getByRole('heading', { level: 1, name: 'Dépenses' }).waitFor();
    await page.getByRole('button', { name: 'Voir Fil et aiguilles' }).click();
    const photo = page.getByRole('img', { name: fr('Justificatif : Fil et aiguilles') });
    await photo.waitFor();
    await eventually(async () => (await photo.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)) === 1, { what: 'the receipt photo loaded' });
    await page.getByText('12,50 € dont TVA 2,08 €').waitFor();
    await screen(page, 'depense-a-valider-telephone');
    await page.getByRole('button', { name: 'Valider la dépense' }).click();
    await untilShown(page, 'Dépense validée.');
    await page.getByRole('button', { name: 'Noter le remboursement' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screen(page, 'depense-validee-telephone');
    await coordinator.context.close();
  });
});
