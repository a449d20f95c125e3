import type { Browser, Page, Response } from 'playwright-core';
import { launchChromium, logIn, openConsole, screens, VIEWPORTS, type Device } from './browser';
import { aMemberFile, COORDINATOR_PASSWORD, registerMember, setUpRegion, type Region, untilCommerceKnows, usePlatform } from './platform';

/** What only site B holds: none of it may reach site A's coordinator, on screen or in an API answer. */
const B_MEMBER = { firstName: 'Bérénice', lastName: 'Moulinard' };
const B_CLIENT = 'Épicerie solidaire de Wazemmes';
const B_SECRETS = [B_MEMBER.firstName, B_MEMBER.lastName, B_CLIENT, 'MOULINS'];

interface ApiAnswer {
  url: string;
  status: number;
  body: string;
}

/** Every answer of the API (`/v1/…`) the page receives, with its body: call it at the end, for the checks. */
function recordApiAnswers(page: Page): () => Promise<ApiAnswer[]> {
  const answers: Promise<ApiAnswer>[] = [];
  page.on('response', (response: Response) => {
    if (!new URL(response.url()).pathname.startsWith('/v1/')) return;
    const answer = { url: response.url(), status: response.status() };
    answers.push(
      response.text().then(
        (body) => ({ ...answer, body }),
        () => ({ ...answer, body: '' }), // a redirect or an aborted request has no body to leak
      ),
    );
  });
  return () => Promise.all(answers);
}

/**
 * Issue 14, browser test (5): coordinator A typing site B's addresses in the console never sees
 * B's data. Site B has a member and a client with a draft invoice; B's own coordinator sees B's
 * member on B's board (so the data is there to leak). A chooses B by the address (`?site=`), by
 * tampering with the stored site choice, and types B's member, invoice and notification pages:
 * the console shows A's own board or "introuvable", and every API call it makes for B is refused.
 */
describe('the console keeps each site to itself (Chromium)', () => {
  const platform = usePlatform('e2e_web_tenancy');
  let region: Region;
  let browser: Browser;
  const b: { memberId: string; invoiceId: string } = { memberId: '', invoiceId: '' };

  beforeAll(async () => {
    region = await setUpRegion(platform);
    const { a: siteA, b: siteB } = region.sites;
    await registerMember(platform, siteA, aMemberFile('Inès', 'Benali', '2001-04-12', '2026-11-02'));
    b.memberId = await registerMember(platform, siteB, aMemberFile(B_MEMBER.firstName, B_MEMBER.lastName, '1998-09-30', '2026-10-15'));
    await untilCommerceKnows(platform, [siteB.id]);
    const client = await platform.http('POST', `/v1/sites/${siteB.id}/clients`, {
      token: siteB.coordinator,
      body: { kind: 'association', name: B_CLIENT, billingAddress: { line: '5 rue des Sarrazins', postalCode: '59000', city: 'Lille' } },
    });
    expect(client.status).toBe(201);
    const invoice = await platform.http('POST', `/v1/sites/${siteB.id}/invoices`, {
      token: siteB.coordinator,
      body: { clientId: client.body.id, lines: [{ description: 'Couture de rideaux', quantity: '3', unit: 'hour', unitPrice: '25', vatRate: '20' }] },
    });
    expect(invoice.status).toBe(201);
    b.invoiceId = invoice.body.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows B's coordinator B's member on B's board (the data A must never see is there)", async () => {
    const screen = screens('tenancy-control-b');
    const { context, page } = await openConsole(browser, 'laptop');
    await logIn(page, platform.gatewayUrl, region.sites.b.coordinatorEmail, COORDINATOR_PASSWORD);
    await page.getByText('Ce qui demande votre attention à MOULINS.').waitFor();
    await page.getByRole('link', { name: /Bérénice Moulinard/ }).waitFor();
    await screen(page, 'aujourdhui-b');
    await context.close();
  });

  for (const device of Object.keys(VIEWPORTS) as Device[]) {
    it(`never shows coordinator A site B's data, whatever address A types (${device})`, async () => {
      const { a: siteA, b: siteB } = region.sites;
      const screen = screens(`tenancy-${device}`);
      const { context, page } = await openConsole(browser, device);
      const apiAnswers = recordApiAnswers(page);

      /** The page once settled: its text holds none of B's data; the matcher says what it must show. */
      const settled = async (address: string, shows: RegExp): Promise<string> => {
        await page.goto(`${platform.gatewayUrl}${address}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // What the page itself shows (a phone's closed menu also holds the word "Notifications", hidden).
        await page.locator('main').getByText(shows).first().waitFor();
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        for (const secret of B_SECRETS) expect({ address, leaked: text.includes(secret) ? secret : null }).toEqual({ address, leaked: null });
        return text;
      };

      await logIn(page, platform.gatewayUrl, siteA.coordinatorEmail, COORDINATOR_PASSWORD);
      await page.getByRole('link', { name: /Inès Benali/ }).waitFor();
      await screen(page, 'aujourdhui-a');

      // B chosen by the address: the console works on A's site, the one A may open.
      await settled(`/aujourdhui?site=${siteB.id}`, /Inès Benali/);
      await settled(`/sites/${siteB.id}/aujourdhui`, /introuvable/i);

      // B chosen by tampering with the stored choice, then a reload: still A's board.
      await page.evaluate((siteId) => localStorage.setItem('kpa.site', siteId), siteB.id);
      const board = await settled('/aujourdhui', /Inès Benali/);
      expect(board).toContain('Ce qui demande votre attention à LACAPE.');
      await screen(page, 'aujourdhui-site-b-stocke');

      // B's pages typed by hand: "introuvable", never B's member or invoice.
      await settled(`/membres/${b.memberId}`, /introuvable/i);
      await screen(page, 'membre-de-b');
      await settled(`/factures/${b.invoiceId}`, /introuvable/i);
      await screen(page, 'facture-de-b');
      // No notification of A has these ids: A's own list or "introuvable", nothing of B.
      await settled(`/notifications/${b.memberId}`, /introuvable|Notifications/i);
      await settled(`/notifications/${b.invoiceId}`, /introuvable|Notifications/i);
      await screen(page, 'notification-de-b');

      // Behind the screens: the API refused every call the console made about B, and no answer held B's data.
      await page.waitForLoadState('networkidle');
      const answers = await apiAnswers();
      const aboutB = answers.filter((answer) => answer.url.includes(siteB.id) || answer.url.includes(b.memberId) || answer.url.includes(b.invoiceId));
      expect(aboutB.filter((answer) => answer.status < 400).map((answer) => `${answer.status} ${answer.url}`)).toEqual([]);
      const leaks = answers.filter((answer) => B_SECRETS.some((secret) => answer.body.includes(secret))).map((answer) => answer.url);
      expect(leaks).toEqual([]);
      expect(answers.length).toBeGreaterThan(0);
      await context.close();
    });
  }
});
