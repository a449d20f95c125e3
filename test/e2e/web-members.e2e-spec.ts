import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { goTo, horizontalOverflow, launchChromium, logIn, openConsole, screens } from './browser';
import { aMemberFile, COORDINATOR_PASSWORD, registerMember, setUpRegion, type Region, usePlatform } from './platform';

/** A birth date that makes the person 17 today (and 16 at least: the site's minimum age for a CAPE). */
function seventeenYearsOld(today = new Date()): string {
  const birth = new Date(Date.UTC(today.getUTCFullYear() - 17, today.getUTCMonth(), 1));
  birth.setUTCMonth(birth.getUTCMonth() - 2);
  return birth.toISOString().slice(0, 10);
}

/**
 * Members in a real browser (issue 14, journey 1): a coordinator registers a 17-year-old, is stopped
 * at the CAPE step until the guardian's consent is recorded, records it and signs the contract —
 * every screen passed through axe-core's WCAG 2.1 A/AA rules, and photographed.
 */
describe('the members screens in Chromium', () => {
  const platform = usePlatform('e2e_web_members');
  let region: Region;
  let browser: Browser;

  beforeAll(async () => {
    region = await setUpRegion(platform);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('registers a 17-year-old, refuses the CAPE until the guardian’s consent is recorded, then signs it', async () => {
    const screen = screens('members-laptop');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, region.sites.a.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();

    // The coordination's navigation leads to the members; an empty site says what to do first.
    await page.getByRole('navigation').getByRole('link', { name: 'Membres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Membres' }).waitFor();
    await page.getByText('Aucun membre pour l’instant').waitFor();
    await screen(page, 'liste-vide');

    await page.getByRole('link', { name: 'Inscrire un membre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inscrire un membre' }).waitFor();
    // Sending an empty form: each field says what to fix, nothing is sent.
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText('Certains champs sont à corriger').waitFor();
    expect(await page.getByText('À remplir.').count()).toBeGreaterThanOrEqual(3);
    await screen(page, 'inscription-a-corriger');

    await page.getByLabel('Prénom', { exact: true }).fill('Lina');
    await page.getByLabel('Nom', { exact: true }).fill('Haddad');
    await page.getByLabel('Date de naissance').fill(seventeenYearsOld());
    // Under 18: the consent step is explained in plain words (and can wait for the member's file).
    await page.getByText('Cette personne a moins de 18 ans').waitFor();
    await page.getByRole('button', { name: /Situation à l’arrivée/ }).click();
    await page.getByRole('option', { name: 'Élève ou étudiant·e' }).click();
    await page.getByRole('button', { name: /Orienté·e par/ }).click();
    await page.getByRole('option', { name: 'Mission locale' }).click();
    await screen(page, 'inscription-mineure');
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();

    // Her file opens; without the consent, the CAPE is refused in plain French and the way to record it shows.
    await page.getByRole('heading', { level: 1, name: 'Lina Haddad' }).waitFor();
    await page.getByText('L’accord n’est pas encore enregistré').waitFor();
    await screen(page, 'fiche-profil');
    await page.getByRole('tab', { name: 'Contrats CAPE' }).click();
    await page.getByLabel('Activité développée').fill('Couture et retouches');
    await page.getByRole('button', { name: 'Signer le contrat' }).click();
    await page.getByText('Le contrat ne peut pas encore être signé').waitFor();
    // The API's refusal, said in the console's plain French (i18n/errors.ts), with her age on the first day.
    await page.getByText('Ce membre a moins de 18 ans au début du contrat (17 ans)\u00a0: il faut d’abord l’accord écrit d’un parent ou d’un représentant légal').waitFor();
    await screen(page, 'cape-refuse-sans-accord');

    const consent = page.getByRole('form', { name: 'Enregistrer l’accord' });
    await consent.getByLabel('Nom du représentant légal').fill('Samia Haddad');
    await consent.getByLabel('Lien avec la personne').fill('mère');
    await consent.getByRole('button', { name: 'Enregistrer l’accord' }).click();
    await page.getByText('L’accord est enregistré. Vous pouvez signer le contrat.').waitFor();
    await screen(page, 'accord-enregistre');

    await page.getByRole('button', { name: 'Signer le contrat' }).click();
    await page.getByText('Couture et retouches').waitFor();
    await page.getByText('En cours').first().waitFor();
    await page.getByRole('button', { name: 'Renouveler le contrat' }).waitFor();
    await screen(page, 'cape-signe');

    // Ending a contract is confirmed in words.
    await page.getByLabel('Motif').fill('A trouvé un emploi');
    await page.getByRole('button', { name: 'Mettre fin au contrat' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Mettre fin à ce contrat CAPE ?' });
    await dialog.getByText('Ce n’est pas réversible').waitFor();
    await screen(page, 'cape-fin-confirmation');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('tab', { name: 'Parcours' }).click();
    await page.getByText('Étape actuelle').waitFor();
    await page.getByText(/Premier entretien, avant le/).waitFor();
    await screen(page, 'fiche-parcours');
    await page.getByRole('tab', { name: 'Entretiens' }).click();
    await page.getByText('Aucun entretien encore').waitFor();
    await screen(page, 'fiche-entretiens');
    // The skills booklet: empty, then a skill added with its level in words.
    await page.getByRole('tab', { name: 'Livret de compétences' }).click();
    await page.getByText('Aucune compétence pour l’instant').waitFor();
    const booklet = page.getByRole('tabpanel', { name: 'Livret de compétences' });
    await booklet.getByRole('button', { name: 'Enregistrer la compétence' }).click();
    await booklet.getByText('Écrivez le nom de la compétence.').waitFor();
    await booklet.getByLabel('Compétence').fill('Couture');
    await booklet.getByRole('button', { name: /Niveau/ }).click();
    await page.getByRole('option', { name: 'Fait avec de l’aide' }).click();
    await booklet.getByText('Veut l’apprendre').click();
    await booklet.getByRole('button', { name: 'Enregistrer la compétence' }).click();
    await booklet.getByText('La compétence est enregistrée.').waitFor();
    const row = booklet.getByRole('row', { name: /Couture/ });
    expect((await row.innerText()).replace(/\s+/g, ' ')).toBe('Couture Fait avec de l’aide Oui Pas encore évaluée');
    await screen(page, 'fiche-livret-competences');

    // The list finds her by name and under a running CAPE.
    await page.getByRole('link', { name: 'Retour à la liste des membres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Membres' }).waitFor();
    await page.getByRole('button', { name: /Contrat CAPE/ }).click();
    await page.getByRole('option', { name: 'Sous contrat CAPE en cours' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Hadd');
    await page.getByRole('rowheader', { name: 'Lina Haddad' }).waitFor();
    await screen(page, 'liste-filtree');
    await page.getByRole('button', { name: /Contrat CAPE/ }).click();
    await page.getByRole('option', { name: 'Sans contrat CAPE en cours' }).click();
    await page.getByText('Personne ne correspond').waitFor();
    await context.close();
  });

  it('shows the list and a member’s file on a phone', async () => {
    const screen = screens('members-phone');
    const { context, page } = await openConsole(browser, 'phone');
    await logIn(page, platform.gatewayUrl, region.sites.a.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();
    await goTo(page, 'Membres');
    await page.getByRole('rowheader', { name: 'Lina Haddad' }).waitFor();
    await screen(page, 'liste');
    // The table scrolls inside its own box: the page itself does not scroll sideways.
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('link', { name: 'Lina Haddad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lina Haddad' }).waitFor();
    await page.getByText(/Accord de Samia Haddad \(mère\) enregistré/).waitFor();
    await screen(page, 'fiche');
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it('imports a spreadsheet after showing its dry run, exports a member’s data and erases one who left', async () => {
    const site = region.sites.a;
    const leaver = await registerMember(platform, site, aMemberFile('Yanis', 'Mercier', '1999-03-08', '2026-01-05'));
    const left = await platform.http('POST', `/v1/sites/${site.id}/members/${leaver}/leave`, { token: site.coordinator, body: { leftOn: '2026-11-30', outcome: 'employment' } });
    expect(left.status).toBe(200);

    const screen = screens('members-import');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, site.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Aujourd’hui' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Membres' }).click();
    await page.getByRole('link', { name: 'Importer un tableur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer des membres' }).waitFor();
    await screen(page, 'import');
    const csv = [
      'prénom;nom;date de naissance;situation;orienté par;pointure',
      'Awa;Diallo;14/02/2001;RSA;mission locale;38',
      'Karim;Benhamou;31/02/1998;demandeur d’emploi;centre social;42',
    ].join('\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir le fichier CSV' }).click();
    await (await chooser).setFiles({ name: 'membres.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    // The dry run, as tables: who will be registered, which row to fix and why; nothing written yet.
    await page.getByRole('heading', { name: 'Seront inscrites : 1' }).waitFor();
    await page.getByRole('rowheader', { name: 'Awa Diallo' }).waitFor();
    await page.getByRole('heading', { name: 'Lignes à corriger : 1' }).waitFor();
    await page.getByText('Colonnes non reconnues, donc non importées : pointure').waitFor();
    await screen(page, 'import-verification');
    const before = await platform.http('GET', `/v1/sites/${site.id}/members?q=Diallo`, { token: site.coordinator });
    expect(before.body.items).toEqual([]);
    await page.getByRole('button', { name: 'Inscrire les personnes vérifiées (1)' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Inscrire 1 personne(s) ?' });
    await confirm.getByText('Les 1 ligne(s) refusée(s) ne le seront pas').waitFor();
    await confirm.getByRole('button', { name: 'Oui, les inscrire' }).click();
    await page.getByRole('heading', { name: 'Inscrites : 1' }).waitFor();
    await screen(page, 'import-fait');

    // Yanis left: his data can be downloaded, then erased after a confirmation that says what goes and what stays.
    await page.goto(`${platform.gatewayUrl}/membres/${leaver}`);
    await page.getByRole('heading', { level: 1, name: 'Yanis Mercier' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger ses données' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('donnees-yanis-mercier.json');
    expect(readFileSync(await file.path(), 'utf8')).toContain('Mercier');
    await page.getByRole('button', { name: 'Effacer ses données' }).click();
    const erase = page.getByRole('alertdialog', { name: 'Effacer les données de Yanis Mercier ?' });
    await erase.getByText('Ce n’est pas réversible').waitFor();
    await screen(page, 'effacement-confirmation');
    await erase.getByRole('button', { name: 'Oui, effacer ses données' }).click();
    await page.getByText(/Données effacées\. La fiche s’appelle désormais/).waitFor();
    await screen(page, 'effacement-fait');
    await context.close();
  });
});
