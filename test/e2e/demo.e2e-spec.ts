import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_STAGES } from '@kpa/contracts';
import { ADMIN, usePlatform } from './platform';

interface DemoLogin {
  email: string;
  password: string | null;
  site: string;
  state: string;
  role: string;
}
// The demo loader is the plain Node script `npm start -- --demo` runs.
const { loadDemo } = require('../../scripts/lib/demo') as { loadDemo: (options: Record<string, string>) => Promise<DemoLogin[]> };

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * `npm start -- --demo` over HTTP: the demo region loads through the public API, fast, tells its
 * story (every journey stage, a minor with a guardian's consent, quotes in each state, invoices
 * paid, partly paid and due, a period closed and approved), its logins work, and a second run
 * changes nothing.
 */
describe('the demo region', () => {
  const platform = usePlatform('e2e_demo');
  const root = mkdtempSync(join(tmpdir(), 'kpa-demo-'));
  const day = today();
  let admin: string;
  let logins: DemoLogin[];
  const sites: Record<string, string> = {};
  const get = async (path: string, token = admin) => {
    const answer = await platform.http('GET', path, { token });
    expect([path, answer.status]).toEqual([path, 200]);
    return answer.body;
  };
  const load = () => loadDemo({ root, apiBaseUrl: `${platform.gatewayUrl}/v1`, adminEmail: ADMIN.email, adminPassword: ADMIN.password });

  /** What the second run must leave as it is: counts of every kind of record, per site. */
  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const [code, siteId] of Object.entries(sites)) {
      for (const list of [
        'members?status=all',
        'clients',
        'catalogue-items?includeArchived=true',
        'quotes',
        'invoices',
        'missions',
        'expenses',
        'credit-notes',
        'contributions',
        'periods',
        'cape-contracts',
      ]) {
        const separator = list.includes('?') ? '&' : '?';
        result[`${code} ${list}`] = (await get(`/v1/sites/${siteId}/${list}${separator}limit=100`)).items.length;
      }
    }
    return result;
  }

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads in under a minute through the API and returns the coordinators’ and members’ logins', async () => {
    const started = Date.now();
    logins = await load();
    expect(Date.now() - started).toBeLessThan(60_000);
    admin = (await platform.login(ADMIN.email, ADMIN.password)).accessToken;
    for (const site of (await get('/v1/sites?limit=100')).items) sites[site.code] = site.id;
    expect(Object.keys(sites).sort()).toEqual(['BAILLEUL', 'LACAPE', 'MOULINS']);
    expect(logins.filter((login) => login.role === 'coordinator')).toHaveLength(3);
    const members = logins.filter((login) => login.role === 'member');
    expect(members).toHaveLength(4);
    expect(members.filter((login) => login.site.startsWith('La Cape'))).toHaveLength(2);
    for (const login of logins) {
      expect(login.password).toEqual(expect.any(String));
      const token = (await platform.login(login.email, login.password as string)).accessToken;
      if (login.role === 'member') expect((await get('/v1/me/member', token)).member.active).toBe(true);
    }
  });

  it('a second run creates nothing and changes no state', async () => {
    const before = await counts();
    expect(before['LACAPE members?status=all']).toBe(12);
    expect(before['MOULINS members?status=all']).toBe(12);
    const statuses = async () =>
      (await get(`/v1/sites/${sites.LACAPE}/invoices?limit=100`)).items.map((invoice: { id: string; status: string }) => `${invoice.id} ${invoice.status}`).sort();
    const invoicesBefore = await statuses();
    const again = await load();
    expect(await counts()).toEqual(before);
    expect(await statuses()).toEqual(invoicesBefore);
    expect(again.map((login) => [login.email, login.password, login.state])).toEqual(logins.map((login) => [login.email, login.password, 'existing']));
  });

  it('the journeys cover every stage, with a minor whose guardian consented, a departure for a job and what the board flags', async () => {
    for (const siteId of [sites.LACAPE, sites.MOULINS]) {
      const stages = await Promise.all(JOURNEY_STAGES.map(async (stage) => [stage, (await get(`/v1/sites/${siteId}/members?stage=${stage}`)).items.length > 0]));
      expect(stages).toEqual(JOURNEY_STAGES.map((stage) => [stage, true]));

      const everyone = (await get(`/v1/sites/${siteId}/members?status=all&limit=100`)).items;
      const adultOn = (birthDate: string) => `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
      const minors = everyone.filter((member: { birthDate: string }) => adultOn(member.birthDate) > day);
      expect(minors).toHaveLength(1);
      expect(minors[0].guardian).toMatchObject({ relationship: 'mère', consentedOn: expect.any(String) });
      const contracts = (await get(`/v1/sites/${siteId}/members/${minors[0].id}/cape-contracts`)).items;
      expect(contracts).toEqual([expect.objectContaining({ status: 'active' })]);

      const left = (await get(`/v1/sites/${siteId}/members?status=left`)).items;
      expect(left).toEqual([expect.objectContaining({ leavingOutcome: 'employment' })]);

      const board = (await get(`/v1/sites/${siteId}/follow-up`)).items;
      const codes = board.flatMap((item: { attention: { code: string }[] }) => item.attention.map((attention) => attention.code));
      expect(codes).toEqual(expect.arrayContaining(['interview_overdue', 'cape_ending_soon']));
      expect(codes).not.toContain('minor_without_guardian');
      const active = (await get(`/v1/sites/${siteId}/cape-contracts?status=active&limit=100`)).items;
      expect(active.length).toBeGreaterThanOrEqual(8);
      expect(active.some((contract: { endsOn: string }) => contract.endsOn.slice(0, 7) === day.slice(0, 7))).toBe(true);
    }
  });

  it('commerce: clients of every kind, quotes in each state, missions planned and completed, invoices paid, partly paid and due, a credit note', async () => {
    for (const siteId of [sites.LACAPE, sites.MOULINS]) {
      const clients = (await get(`/v1/sites/${siteId}/clients?limit=100`)).items.map((client: { kind: string }) => client.kind);
      expect(new Set(clients)).toEqual(new Set(['individual', 'company', 'association', 'public_body']));
      const site = await get(`/v1/sites/${siteId}`);
      expect(site.activityPoles).toContain('traiteur');
      const quotes = (await get(`/v1/sites/${siteId}/quotes?limit=100`)).items.map((quote: { status: string }) => quote.status).sort();
      expect(quotes).toEqual(['accepted', 'declined', 'draft', 'sent', 'submitted', 'validated']);
      const missions = (await get(`/v1/sites/${siteId}/missions?limit=100`)).items;
      expect(missions.filter((mission: { status: string }) => mission.status === 'planned')).toEqual([
        expect.objectContaining({ signUps: [expect.anything(), expect.anything()] }),
      ]);
      const completed = missions.filter((mission: { status: string }) => mission.status === 'completed');
      expect(completed).toHaveLength(2);
      for (const mission of completed) expect(Number(mission.totalHours)).toBeGreaterThan(0);
      const invoices = (await get(`/v1/sites/${siteId}/invoices?limit=100`)).items.map((invoice: { status: string }) => invoice.status).sort();
      expect(invoices).toEqual(['issued', 'paid', 'partially_paid']);
      const expenses = (await get(`/v1/sites/${siteId}/expenses?limit=100`)).items.map((expense: { status: string }) => expense.status).sort();
      expect(expenses).toEqual(['approved', 'submitted']);
      // One hour waived on the private client's invoice, and a gesture on the paid invoice of the
      // accepted quote, refunded by transfer: /avoirs is not empty and the refund is recorded.
      const notes = (await get(`/v1/sites/${siteId}/credit-notes?limit=100`)).items;
      expect(notes).toEqual([
        expect.objectContaining({ full: false, reason: 'Geste commercial : une heure offerte' }),
        expect.objectContaining({ full: false, reason: 'Geste commercial après paiement : une prestation commencée en retard' }),
      ]);
      const gesture = notes[1] as { invoiceId: string; totals: { total: string } };
      const refunds = await get(`/v1/sites/${siteId}/invoices/${gesture.invoiceId}/refunds`);
      expect(refunds.items).toEqual([expect.objectContaining({ amount: gesture.totals.total, method: 'transfer' })]);
    }
  });

  it('the receivables board shows the invoice due on receipt (overdue from tomorrow) and the one partly paid', async () => {
    // The API dates an invoice the day it is issued (never before): the demo cannot back-date one,
    // so its private client's invoice, due on receipt, is due today and overdue from tomorrow on.
    const board = await get(`/v1/sites/${sites.LACAPE}/receivables`);
    expect(board.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clientName: 'Josiane Delattre', status: 'issued', dueOn: day, issuedOn: day }),
        expect.objectContaining({ status: 'partially_paid' }),
      ]),
    );
    expect(board.items.every((item: { dueOn: string }) => item.dueOn >= day)).toBe(true);
  });

  it('remuneration: contributive days submitted and validated, the period closed and approved with shares, recognition and an answered objection', async () => {
    for (const siteId of [sites.LACAPE, sites.MOULINS]) {
      const contributions = (await get(`/v1/sites/${siteId}/contributions?limit=100`)).items.map((entry: { status: string }) => entry.status);
      expect(new Set(contributions)).toEqual(new Set(['validated', 'submitted']));
      const periods = (await get(`/v1/sites/${siteId}/periods?limit=100`)).items;
      const approved = periods.find((period: { status: string }) => period.status === 'approved');
      expect(approved).toBeDefined();
      const view = await get(`/v1/sites/${siteId}/periods/${approved.id}`);
      expect(Number(view.figures.distribution.distributed)).toBeGreaterThan(0);
      expect(view.figures.shares.length).toBeGreaterThanOrEqual(5);
      expect(view.figures.recognition.totals.length).toBe(2);
      const objections = await get(`/v1/sites/${siteId}/periods/${approved.id}/objections`);
      expect(objections.items).toEqual([expect.objectContaining({ status: 'answered' })]);
    }
  });
});
