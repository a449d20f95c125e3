import { consoleRouteFor, ROUTES } from './routes';

const SITE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ID = '0190a1b2-c3d4-7e5f-8a9b-aaaaaaaaaaaa';

describe('consoleRouteFor', () => {
  it("turns the worker's API links into the console's French pages", () => {
    expect(consoleRouteFor(`/v1/sites/${SITE}/quotes/${ID}`)).toBe(`/devis/${ID}`);
    expect(consoleRouteFor(`/v1/sites/${SITE}/missions/${ID}`)).toBe(`/missions/${ID}`);
    expect(consoleRouteFor(`/v1/sites/${SITE}/contributions/${ID}`)).toBe(`/contributions/${ID}`);
    expect(consoleRouteFor(`/v1/sites/${SITE}/periods/${ID}`)).toBe(`/periodes/${ID}`);
    expect(consoleRouteFor(`/v1/sites/${SITE}/invoices/${ID}?x=1`)).toBe(`/factures/${ID}`);
    expect(consoleRouteFor(`/v1/sites/${SITE}/follow-up`)).toBe(ROUTES.today);
  });

  it('gives no link for anything else', () => {
    for (const link of [null, '', 'https://evil.example/devis', '//evil.example/x', `/v1/sites/${SITE}/secrets/${ID}`, `/v1/sites/not-a-uuid/quotes/${ID}`, '/aujourdhui']) {
      expect({ link, route: consoleRouteFor(link) }).toEqual({ link, route: null });
    }
  });
});
