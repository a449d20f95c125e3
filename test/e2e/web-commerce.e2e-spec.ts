import { eventually } from '@kpa/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openConsole, screens, VIEWPORTS } from './browser';
import { COORDINATOR_PASSWORD, setUpRegion, siteUserToken, type Region, untilCommerceKnows, usePlatform } from './platform';

/** The text a person reads, with French no-break spaces as plain ones (for readable expectations). */
async function totalsText(page: Page): Promise<string> {
  return (await page.getByTestId('totals').innerText()).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

async function untilTotals(page: Page, expected: string[]): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      last = await totalsText(page);
      return expected.every((part) => last.includes(part));
    },
    { what: `the totals to show ${expected.join(', ')}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${last}`);
  });
}

/** The accessible name of the focused element (its label, aria-label or text), run in the page (a string: the test's TypeScript has no DOM types). */
const FOCUSED_NAME = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return '';
  const byIds = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  const labelledBy = element.getAttribute('aria-labelledby');
  const name = element.getAttribute('aria-label') ?? (labelledBy ? byIds(labelledBy) : null);
  const labels = element.labels;
  return (name ?? (labels && labels.length > 0 ? labels[0].textContent : element.textContent) ?? '').replace(/[\\u00a0\\u202f]/g, ' ').trim();
})()`;

function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(FOCUSED_NAME);
}

/** Keyboard only: Tab (forward) until the focused element's name matches, or fail saying what was not reached. */
async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (name.test(focused)) return;
    seen.push(focused);
  }
  throw new Error(`Tab never reached ${name}; it went through: ${seen.join(' | ')}`);
}

/** The content types of the invoice PDFs the page fetched (the console reads the PDF route with the access token). */
function collectPdfs(page: Page): string[] {
  const types: string[] = [];
  page.on('response', (response) => {
    if (/\/invoices\/[0-9a-f-]{36}\/pdf$/.test(new URL(response.url()).pathname)) types.push(`${response.status()} ${response.headers()['content-type']}`);
  });
  return types;
}

/**
 * The invoice's PDF is shown in the page from a blob: URL, of what the page fetched as a PDF. (The
 * bytes themselves: DevTools does not keep a body read as a blob, and the CSP refuses fetch(blob:);
 * the frame carries the blob's size.)
 */
async function expectPdfInPage(page: Page, pdfs: string[]): Promise<void> {
  const frame = page.locator('iframe.pdf-frame');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  expect(Number(await frame.getAttribute('data-bytes'))).toBeGreaterThan(1000);
  expect(pdfs).toContain('200 application/pdf');
}

/**
 * Journey (3) of issue 14 in Chromium: a coordinator drafts an invoice with two VAT rates (20 % and
 * 5.5 %), sees the totals update while typing, issues it after a confirmation that says the number
 * is final, opens the PDF in the page and records a payment — with the mouse, then with the keyboard
 * only (Tab, Enter, Space; text typed into fields). axe-core's WCAG 2.1 A/AA rules on every screen.
 */
describe('invoices in the web console (Chromium)', () => {
  const platform = usePlatform('e2e_web_commerce');
  let region: Region;
  let browser: Browser;

  beforeAll(async () => {
    region = await setUpRegion(platform);
    await untilCommerceKnows(platform, [region.sites.a.id]);
    // The seller's identity an issued invoice prints (the host structure's legal form and capital).
    const patched = await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    const client = await platform.http('POST', `/v1/sites/${region.sites.a.id}/clients`, {
      token: region.sites.a.coordinator,
      body: {
        kind: 'company',
        name: 'Boulangerie du Pile',
        billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
        siret: '120 027 016 00357',
        vatNumber: 'FR 85 120027016',
      },
    });
    expect(client.status).toBe(201);
    // A member drafts a quote and submits it: the coordination validates it in the console.
    const member = await siteUserToken(platform, region.sites.a, 'member');
    const quote = await platform.http('POST', `/v1/sites/${region.sites.a.id}/quotes`, {
      token: member,
      body: {
        clientId: client.body.id,
        validUntil: `${new Date().getUTCFullYear() + 1}-06-30`,
        lines: [{ description: 'Jardinage', quantity: '2', unit: 'hour', unitPrice: '30', vatRate: '20' }],
      },
    });
    expect(quote.status).toBe(201);
    expect((await platform.http('POST', `/v1/sites/${region.sites.a.id}/quotes/${quote.body.id}/submit`, { token: member })).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${platform.gatewayUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(region.sites.a.coordinatorEmail);
    await page.getByLabel('Mot de passe').fill(COORDINATOR_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
  }

  it('lets a coordinator draft an invoice at 20 % and 5.5 %, watch the totals, issue it, open the PDF, record a payment, then the rest and see the receipted copy', async () => {
    const screen = screens('commerce-laptop');
    const { context, page } = await openConsole(browser, 'laptop');
    const pdfs = collectPdfs(page);
    await logIn(page);

    // The main navigation's "Commerce" leads to the invoices, the first of the area's screens.
    await page.getByRole('link', { name: 'Commerce', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await page.getByText('Aucune facture ici').waitFor();
    await screen(page, 'factures-vide');

    await page.getByRole('link', { name: 'Nouvelle facture', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();
    await page.getByRole('button', { name: /Client/ }).click();
    await page.getByRole('option', { name: 'Boulangerie du Pile' }).click();

    const line = (n: number) => page.getByRole('group', { name: `Ligne ${n}` });
    await line(1).getByLabel('Désignation').fill('Buffet pour 30 personnes');
    await line(1).getByLabel('Quantité').fill('3');
    // Typed key by key: the totals follow each keystroke (1 €, 10 €, then 100 € a unit).
    await line(1).getByLabel('Prix unitaire HT (€)').pressSequentially('10');
    await untilTotals(page, ['Total HT 30,00 €', 'Total TTC 36,00 €']);
    await line(1).getByLabel('Prix unitaire HT (€)').pressSequentially('0');
    await untilTotals(page, ['Base HT à 20 % 300,00 €', 'TVA à 20 % 60,00 €', 'Total TTC 360,00 €']);

    await page.getByRole('button', { name: 'Ajouter une ligne libre' }).click();
    await line(2).getByLabel('Désignation').fill('Confitures du jardin');
    await line(2).getByLabel('Quantité').fill('2');
    await line(2).getByLabel('Prix unitaire HT (€)').fill('10,55');
    await line(2).getByRole('button', { name: /TVA/ }).click();
    await page.getByRole('option', { name: '5,5 %' }).click();
    // VAT once per rate on the rounded base: 21,10 € × 5,5 % = 1,1605 → 1,16 €.
    await untilTotals(page, ['Base HT à 5,5 % 21,10 €', 'TVA à 5,5 % 1,16 €', 'Total HT 321,10 €', 'Total TVA 61,16 €', 'Total TTC 382,26 €']);
    await screen(page, 'facture-brouillon');

    // A quantity the API would refuse is named on its line before anything is sent.
    await line(2).getByLabel('Quantité').fill('0');
    await page.getByText('Ligne 2 : la quantité est un nombre supérieur à 0'.replace(' :', '\u00a0:')).waitFor();
    await line(2).getByLabel('Quantité').fill('2');
    await untilTotals(page, ['Total TTC 382,26 €']);

    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Facture en brouillon' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/factures\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'Émettre la facture' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Émettre cette facture ?'.replace(' ?', '\u00a0?') });
    await dialog.getByText('La facture recevra son numéro définitif').waitFor();
    await screen(page, 'facture-emettre');
    await dialog.getByRole('button', { name: 'Émettre, le numéro est définitif' }).click();

    await page.getByRole('heading', { level: 1, name: /^Facture LACAPE-F-\d{4}-\d+$/ }).waitFor();
    await untilTotals(page, ['Total TTC 382,26 €', 'Reste dû 382,26 €']);
    await expectPdfInPage(page, pdfs);
    await screen(page, 'facture-emise');

    await page.getByLabel('Montant reçu (€)').fill('100');
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await page.getByText('Paiement enregistré.', { exact: true }).waitFor();
    await untilTotals(page, ['Déjà payé 100,00 €', 'Reste dû 282,26 €']);
    await page.locator('.table').getByText('Virement', { exact: true }).waitFor();
    await screen(page, 'facture-paiement');
    // Not paid in full: no receipted copy yet.
    expect(await page.getByRole('heading', { name: 'La facture acquittée (PDF)' }).count()).toBe(0);

    // The rest, by cheque: the invoice is paid and its receipted copy ("facture acquittée") appears in the page.
    await page.getByLabel('Montant reçu (€)').fill('282,26');
    await page.getByRole('button', { name: /Moyen de paiement/ }).click();
    await page.getByRole('option', { name: 'Chèque' }).click();
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await untilTotals(page, ['Déjà payé 382,26 €', 'Reste dû 0,00 €']);
    await page.locator('.table').getByText('Chèque', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'La facture acquittée (PDF)' }).waitFor();
    const receipted = page.locator('iframe[title^="Facture LACAPE-F-"][title$="acquittée (PDF)"]');
    await receipted.waitFor();
    expect(Number(await receipted.getAttribute('data-bytes'))).toBeGreaterThan(1000);
    await screen(page, 'facture-acquittee');

    await page.getByRole('link', { name: 'Toutes les factures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await page.getByRole('link', { name: /^Ouvrir LACAPE-F-/ }).waitFor();
    await page.locator('.table').getByText('Payée', { exact: true }).waitFor();
    await screen(page, 'factures');
    await context.close();
  });

  it('does the same journey with the keyboard only', async () => {
    const screen = screens('commerce-keyboard');
    const { context, page } = await openConsole(browser, 'laptop');
    const pdfs = collectPdfs(page);
    await page.goto(`${platform.gatewayUrl}/connexion`);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await tabTo(page, /^Adresse e-mail/);
    await page.keyboard.type(region.sites.a.coordinatorEmail);
    await tabTo(page, /^Mot de passe/);
    await page.keyboard.type(COORDINATOR_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();

    await tabTo(page, /^Commerce$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await tabTo(page, /^Nouvelle facture$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();

    // A closed select chooses by typing its option's first letters (react-aria's typeahead).
    // (Past the area's "Clients" link: the client select.)
    await tabTo(page, /Client(?!s)/);
    await page.keyboard.type('Boul');
    await page.getByRole('button', { name: /Boulangerie du Pile/ }).waitFor();

    await tabTo(page, /^Désignation/);
    await page.keyboard.type('Atelier couture');
    await tabTo(page, /^Quantité/);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('4');
    await tabTo(page, /^Prix unitaire/);
    await page.keyboard.type('25');
    await untilTotals(page, ['Total TTC 120,00 €']);

    await tabTo(page, /^Ajouter une ligne libre$/);
    await page.keyboard.press('Space');
    await page.getByRole('group', { name: 'Ligne 2' }).waitFor();
    // The new line takes the focus at its first field.
    await eventually(async () => (await focusedName(page)) === 'Désignation', { what: 'the focus on the new line' });
    expect(await page.evaluate<string>("document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent")).toBe('Ligne 2');
    await page.keyboard.type('Livres de recettes');
    await tabTo(page, /^Prix unitaire/);
    await page.keyboard.type('8');
    await tabTo(page, /TVA/);
    await page.keyboard.type('5');
    await untilTotals(page, ['TVA à 5,5 % 0,44 €', 'Total HT 108,00 €', 'Total TTC 128,44 €']);
    await screen(page, 'facture-brouillon');

    await tabTo(page, /^Émettre la facture$/);
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor();
    // The dialog opens on "Annuler": issuing takes a deliberate step.
    expect(await focusedName(page)).toBe('Annuler');
    await tabTo(page, /^Émettre, le numéro est définitif$/, 3);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Facture LACAPE-F-\d{4}-\d+$/ }).waitFor();
    await untilTotals(page, ['Total TTC 128,44 €']);
    await expectPdfInPage(page, pdfs);
    await tabTo(page, /^Télécharger le PDF$/);
    await screen(page, 'facture-emise');
    await context.close();
  });

  it('lets the coordinator validate the quote a member submitted', async () => {
    const screen = screens('commerce-quote');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page);
    // The main navigation's "Commerce" leads to the invoices, the first of the area's screens.
    await page.getByRole('link', { name: 'Commerce', exact: true }).click();
    await page.getByRole('link', { name: 'Voir les devis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devis' }).waitFor();
    await page.locator('.table').getByText('72,00 €').waitFor();
    await screen(page, 'devis-a-valider');
    await page.getByRole('button', { name: 'Valider le devis pour Boulangerie du Pile' }).click();
    await page.getByText('Devis validé').waitFor();
    await page.getByText('Aucun devis à valider').waitFor();
    await screen(page, 'devis-valide');
    await context.close();
  });

  it('shows the list, the editor and an issued invoice on a phone', async () => {
    const screen = screens('commerce-phone');
    const { context, page } = await openConsole(browser, 'phone');
    await logIn(page);
    await page.goto(`${platform.gatewayUrl}/factures`);
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    await page
      .getByRole('link', { name: /^Ouvrir LACAPE-F-/ })
      .first()
      .waitFor();
    await screen(page, 'factures');
    await page
      .getByRole('link', { name: /^Ouvrir LACAPE-F-/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /^Facture LACAPE-F-/ }).waitFor();
    // The invoice's own PDF (the first invoice, paid in full by the first test, also shows its receipted copy below it).
    await page.locator('iframe.pdf-frame').first().waitFor();
    await screen(page, 'facture-emise');
    await page.goto(`${platform.gatewayUrl}/factures/nouvelle`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();
    await page.getByRole('group', { name: 'Ligne 1' }).getByLabel('Désignation').fill('Repassage');
    await page.getByRole('group', { name: 'Ligne 1' }).getByLabel('Prix unitaire HT (€)').fill('12,5');
    await untilTotals(page, ['Total TTC 15,00 €']);
    await screen(page, 'facture-nouvelle');
    // Nothing wider than the phone: the page does not scroll sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await context.close();
  });
});
