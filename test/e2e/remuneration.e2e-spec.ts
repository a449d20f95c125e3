import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, registerMember, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** "152.05" → cents, exactly. */
function cents(amount: string): bigint {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
}

/**
 * Remuneration over HTTP, from commerce to payroll: a mission completed with hours and its invoice
 * issued and paid, an approved expense and a validated contributive day show up in the current
 * period's pot and ledger; members give recognition points (not to themselves, not beyond their
 * budget); the coordinator closes the period and its shares add up to the pot to the cent; an
 * objection holds the approval until answered; the accountant's CSV export matches the shares; the
 * simulator estimates a share's pay; another site sees none of it.
 */
describe('remuneration over HTTP', () => {
  const platform = usePlatform('e2e_remuneration');
  let admin: string;
  let hostStructureId: string;
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const day = today();
  const at = (path: string, siteId = site.a.id) => `/v1/sites/${siteId}${path}`;
  const post = (path: string, body: unknown, token = site.a.coordinator) => platform.http('POST', path, { token, body });
  const get = (path: string, token = site.a.coordinator) => platform.http('GET', path, { token });
  const period = (suffix = '') => at(`/periods/${ids.period}${suffix}`);

  async function register(key: string, firstName: string, lastName: string): Promise<void> {
    ids[key] = await registerMember(platform, site.a, aMemberFile(firstName, lastName, '1995-04-12', addDays(day, -40)));
    const email = `${key}@lacape.kpa.local`;
    expect((await post(at(`/members/${ids[key]}/account`), { email, password: 'mon parcours à la cape' })).status).toBe(201);
    tokens[key] = (await platform.login(email, 'mon parcours à la cape')).accessToken;
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    admin = region.admin;
    hostStructureId = region.hostStructureId;
    // Invoices are issued only once the host structure's legal identity is complete.
    const patched = await platform.http('PATCH', `/v1/host-structures/${hostStructureId}`, {
      token: admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    expect(patched.status).toBe(200);
    tokens.accountant = await siteUserToken(platform, site.a, 'accountant');
    await register('ines', 'Inès', 'Benali');
    await register('karim', 'Karim', 'Haddad');
    await register('lina', 'Lina', 'Moreau');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
      what: "the host structure's legal form known by commerce",
    });
    await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = ANY($1)', [[ids.ines, ids.karim, ids.lina]])).length === 3, {
      what: 'the members known by commerce',
    });
    await eventually(
      async () =>
        (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = ANY($1)', [[ids.ines, ids.karim, ids.lina]])).length === 3 &&
        (
          await platform.query('SELECT 1 FROM remuneration.known_site s JOIN remuneration.known_host h ON h.id = s.host_structure_id WHERE s.id = ANY($1)', [
            [site.a.id, site.b.id],
          ])
        ).length === 2,
      { what: 'the sites, their host and the members known by remuneration' },
    );
  });

  it('a mission completed with hours, its invoice paid, an approved expense and a validated contributive day show up in the open period’s pot and ledger', async () => {
    const client = await post(at('/clients'), {
      kind: 'company',
      name: 'Boulangerie du Pile',
      billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
      siret: '120 027 016 00357',
    });
    expect(client.status).toBe(201);
    const mission = await post(at('/missions'), {
      title: 'Buffet de la boulangerie',
      activityPole: 'restauration',
      startsOn: day,
      endsOn: day,
      place: 'Roubaix',
      peopleNeeded: 2,
      clientId: client.body.id,
    });
    expect(mission.status).toBe(201);
    ids.mission = mission.body.id;
    for (const key of ['ines', 'karim']) expect((await post(at(`/missions/${ids.mission}/sign-ups`), {}, tokens[key])).status).toBe(200);
    expect((await post(at(`/missions/${ids.mission}/confirm-team`), {})).status).toBe(200);
    const completed = await post(at(`/missions/${ids.mission}/complete`), {
      participants: [
        { memberId: ids.ines, hours: '7.5' },
        { memberId: ids.karim, hours: '4' },
      ],
    });
    expect(completed.status).toBe(200);

    // 11.5 h at 37.21 € excl. VAT, 20 %: 427.92 € net, 513.50 € incl. VAT.
    const invoice = await post(at('/invoices'), {
      fromMissionId: ids.mission,
      lines: [{ description: 'Buffet', quantity: '11.5', unit: 'hour', unitPrice: '37.21', vatRate: '20' }],
    });
    expect(invoice.status).toBe(201);
    const issued = await post(at(`/invoices/${invoice.body.id}/issue`), {});
    expect(issued.status).toBe(200);
    ids.invoiceNumber = issued.body.number;
    const paid = await post(at(`/invoices/${invoice.body.id}/payments`), { amount: issued.body.totals.total, receivedOn: day, method: 'transfer' });
    expect(paid.status).toBe(201);
    expect(paid.body.netAmount).toBe('427.92');

    const expense = await post(at('/expenses'), { paidByMemberId: null, spentOn: day, description: 'Nappes', amount: '24.00', vat: '4.00', category: 'supplies' });
    expect(expense.status).toBe(201);
    expect((await post(at(`/expenses/${expense.body.id}/approve`), {})).status).toBe(200);

    const contribution = await post(at('/contributions'), { kind: 'contributive_day', date: day, hours: '3.5', note: 'Inventaire de la cuisine' }, tokens.lina);
    expect(contribution.status).toBe(201);
    expect((await post(at(`/contributions/${contribution.body.id}/validate`), {})).status).toBe(200);

    // The current period opened by itself.
    const list = await get(at('/periods'), tokens.karim);
    expect(list.status).toBe(200);
    const current = list.body.items.find((p: any) => p.startsOn <= day && day <= p.endsOn);
    expect(current).toMatchObject({ status: 'open', startsOn: `${day.slice(0, 7)}-01`, payMonth: day.slice(0, 7), totals: null });
    ids.period = current.id;

    // The preview counts what the events brought: 427.92 − 10 % (42.79) − 20.00 (the host recovers VAT) = 365.13.
    const preview = await eventually(
      async () => {
        const view = await get(period(), tokens.karim);
        const f = view.body.figures;
        return f.ledger.missions.length === 1 && f.ledger.movements.length === 2 && f.shares.some((s: any) => s.hours.contributiveDay === '3.50') && view.body;
      },
      { what: 'the mission, the payment, the expense and the contribution in the period' },
    );
    expect(preview.figures).toMatchObject({ kind: 'preview', recognition: { totalsVisible: false, totals: null } });
    expect(preview.figures.label).toContain('Aperçu');
    expect(preview.figures.pot.terms.map((t: any) => [t.kind, t.amount])).toEqual([
      ['payments', '427.92'],
      ['host_contribution', '-42.79'],
      ['expenses', '-20.00'],
      ['carry_over', '0.00'],
    ]);
    expect(preview.figures.pot.pot).toBe('365.13');
    expect(preview.figures.ledger.missions[0]).toMatchObject({
      missionId: ids.mission,
      title: 'Buffet de la boulangerie',
      margin: '427.92',
      participants: [
        { memberId: ids.ines, name: 'Inès Benali', hours: '7.50' },
        { memberId: ids.karim, name: 'Karim Haddad', hours: '4.00' },
      ],
    });
    expect(preview.figures.ledger.movements).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'payment', net: '427.92', vat: '85.58', reference: ids.invoiceNumber, missionId: ids.mission, carriedIn: false })]),
    );
  });

  it('members give points as themselves: not to themselves, not beyond their budget; they see their own gifts only', async () => {
    const give = (from: string, to: string, points: number, note?: string) => post(period('/recognitions'), { toMemberId: ids[to], points, note }, tokens[from]);
    const self = await give('karim', 'karim', 10);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('SELF_RECOGNITION_REFUSED');
    const first = await give('karim', 'lina', 30, 'Merci pour l’inventaire !');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fromMemberId: ids.karim, toMemberId: ids.lina, toName: 'Lina Moreau', points: 30, remaining: 70 });
    expect((await give('karim', 'ines', 50)).body.remaining).toBe(20);
    const over = await give('karim', 'ines', 21);
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'RECOGNITION_BUDGET_EXCEEDED', details: { remaining: 20 } });
    expect((await give('ines', 'karim', 100)).status).toBe(201);
    expect((await post(period('/recognitions'), { toMemberId: ids.ines, points: 5 }, site.a.coordinator)).status).toBe(403);
    expect((await post(period('/recognitions'), { toMemberId: ids.ines, points: 1.5 }, tokens.lina)).status).toBe(400);

    const mine = await get(period('/recognitions'), tokens.karim);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ budget: 100, remaining: 20, totalsVisible: false, totals: null });
    expect(mine.body.given.map((g: any) => [g.toName, g.points])).toEqual([
      ['Lina Moreau', 30],
      ['Inès Benali', 50],
    ]);
    const linas = await get(period('/recognitions'), tokens.lina);
    expect(linas.body).toMatchObject({ given: [], remaining: 100 });
  });

  it('the coordinator closes the period: the shares add up to the pot to the cent, everyone reads them, the event is published', async () => {
    expect((await post(period('/close'), {}, tokens.karim)).status).toBe(403);
    const closed = await post(period('/close'), {});
    expect(closed.status).toBe(200);
    const f = closed.body.figures;
    expect(closed.body).toMatchObject({ status: 'closed', totals: { pot: '365.13', distributed: '365.13', undistributed: '0.00', carryOverToNext: '0.00' } });
    expect(f.kind).toBe('frozen');
    expect(f.shares.map((s: any) => s.name)).toEqual(['Inès Benali', 'Karim Haddad', 'Lina Moreau']);
    expect(f.shares.reduce((sum: bigint, s: any) => sum + cents(s.total), 0n)).toBe(cents('365.13'));
    for (const share of f.shares) expect(share.byRule.reduce((sum: bigint, r: any) => sum + cents(r.amount), 0n)).toBe(cents(share.total));
    expect(f.distribution.rules.map((r: any) => [r.rule, r.weight, r.hasBasis])).toEqual([
      ['time', 50, true],
      ['equal', 20, true],
      ['peer', 30, true],
    ]);
    expect(f.recognition.totals).toEqual([
      { memberId: ids.ines, name: 'Inès Benali', points: 50 },
      { memberId: ids.karim, name: 'Karim Haddad', points: 100 },
      { memberId: ids.lina, name: 'Lina Moreau', points: 30 },
    ]);
    const ines = f.shares.find((s: any) => s.memberId === ids.ines);
    expect(ines.hours).toEqual({ mission: '7.50', contributiveDay: '0.00', collectiveTask: '0.00', peerTraining: '0.00' });
    expect(ines.byRule.find((r: any) => r.rule === 'time').explanation).toContain('7,5');

    // Transparency: every role reads the same breakdown (names and amounts); the period's rows are counted.
    for (const token of [tokens.lina, tokens.accountant]) {
      const seen = await get(period(), token);
      expect(seen.status).toBe(200);
      expect(seen.body.figures).toEqual(f);
    }
    expect(JSON.stringify(f)).not.toContain('1995-04-12');
    const counted = await platform.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM remuneration.money_movement WHERE period_id = $1) + (SELECT count(*) FROM remuneration.mission_hours WHERE period_id = $1) + (SELECT count(*) FROM remuneration.contribution WHERE period_id = $1) AS n`,
      [ids.period],
    );
    expect(Number(counted[0].n)).toBe(5);
    const [event] = await platform.query<{ envelope: any }>("SELECT envelope FROM remuneration.outbox WHERE envelope->>'type' = 'remuneration.period.closed'");
    expect(event.envelope).toMatchObject({ siteId: site.a.id, version: 1, data: { periodId: ids.period, pot: '365.13', distributed: '365.13', undistributed: '0.00' } });
    expect(event.envelope.data.shares).toEqual(f.shares.map((s: any) => ({ memberId: s.memberId, amount: s.total })));

    const tooLate = await post(period('/recognitions'), { toMemberId: ids.ines, points: 1 }, tokens.lina);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('PERIOD_NOT_OPEN');
    expect((await get(period('/recognitions'), tokens.lina)).body).toMatchObject({ totalsVisible: true, remaining: 0 });
  });

  it('an objection holds the approval until a coordinator answers it; then the period is approved and never changes', async () => {
    const objection = await post(period('/objections'), { text: 'Mes 3,5 h d’inventaire comptent-elles ?' }, tokens.lina);
    expect(objection.status).toBe(201);
    expect(objection.body).toMatchObject({ memberId: ids.lina, name: 'Lina Moreau', status: 'open' });
    const pending = await post(period('/approve'), {});
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ code: 'PERIOD_OBJECTIONS_PENDING', details: { openObjections: 1 } });
    expect((await post(period(`/objections/${objection.body.id}/answer`), { answer: 'Oui : 3,5 h contributives.' }, tokens.lina)).status).toBe(403);
    const answered = await post(period(`/objections/${objection.body.id}/answer`), { answer: 'Oui : 3,5 h contributives, dans la règle « temps ».' });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    expect((await get(period('/objections'), tokens.lina)).body.items).toHaveLength(1);
    expect((await get(period('/objections'), tokens.karim)).body.items).toHaveLength(0);

    const approved = await post(period('/approve'), {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const [event] = await platform.query<{ envelope: any }>("SELECT envelope FROM remuneration.outbox WHERE envelope->>'type' = 'remuneration.period.approved'");
    expect(event.envelope.data).toMatchObject({ periodId: ids.period, payMonth: day.slice(0, 7), distributed: '365.13' });
    const reopen = await post(period('/reopen'), {});
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('PERIOD_TRANSITION_REFUSED');
  });

  it('the accountant exports the payroll CSV (it matches the shares, to the cent), then the period is marked paid', async () => {
    expect((await get(period('/export.csv'), tokens.karim)).status).toBe(403);
    const response = await fetch(`${platform.gatewayUrl}${period('/export.csv')}`, { headers: { authorization: `Bearer ${tokens.accountant}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain(`remuneration-LACAPE-${day.slice(0, 7)}-01-`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Identifiant membre;Nom;Prénom;Début de période;Fin de période;Montant (€);Heures missions;Heures journées contributives;Heures tâches collectives;Heures formation entre pairs',
    );
    const rows = lines.slice(1).map((line) => line.split(';'));
    const shares = (await get(period())).body.figures.shares;
    expect(rows.map((r) => [r[0], r[1], r[2], r[5].replace(',', '.')])).toEqual(shares.map((s: any) => [s.memberId, s.name.split(' ')[1], s.name.split(' ')[0], s.total]));
    expect(rows.reduce((sum, r) => sum + cents(r[5].replace(',', '.')), 0n)).toBe(cents('365.13'));
    const [y, mo] = day.split('-');
    expect(rows[0][3]).toBe(`01/${mo}/${y}`);
    expect(rows.find((r) => r[0] === ids.lina)?.slice(6)).toEqual(['0,00', '3,50', '0,00', '0,00']);
    expect((await get(period())).body.status).toBe('exported');

    expect((await post(period('/paid'), {}, tokens.karim)).status).toBe(403);
    const paid = await post(period('/paid'), {}, tokens.accountant);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
  });

  it('the simulator estimates what a share means in pay, labelled as an estimate', async () => {
    const estimate = await post(at('/remuneration/simulate'), { amount: '1896.00' }, tokens.karim);
    expect(estimate.status).toBe(200);
    expect(estimate.body).toMatchObject({ estimate: true, label: 'estimation', employerCost: '1896.00', gross: '1772.98', net: '1371.65' });
    expect(estimate.body.lines[0]).toContain('Estimation');
    expect((await post(at('/remuneration/simulate'), { amount: '12,50' }, tokens.karim)).status).toBe(400);
  });

  it("another site's period does not exist for site B's coordinator (404), and site B's periods are its own", async () => {
    const onA = await get(at(`/periods/${ids.period}`), site.b.coordinator);
    expect(onA.status).toBe(404);
    const throughB = await get(at(`/periods/${ids.period}`, site.b.id), site.b.coordinator);
    expect(throughB.status).toBe(404);
    expect(throughB.body.code).toBe('PERIOD_NOT_FOUND');
    expect((await post(at(`/periods/${ids.period}/close`, site.b.id), {}, site.b.coordinator)).body.code).toBe('PERIOD_NOT_FOUND');
    const listB = await get(at('/periods', site.b.id), site.b.coordinator);
    expect(listB.body.items.map((p: any) => p.id)).not.toContain(ids.period);
    // Only the site's coordination creates periods: the gateway's role guard is what refuses a member.
    const byMember = await post(at('/periods'), { startsOn: '2027-03-01', endsOn: '2027-03-31' }, tokens.karim);
    expect(byMember.status).toBe(403);
    expect(byMember.body.code).toBe('FORBIDDEN');
    const overlap = await post(at('/periods'), { startsOn: day, endsOn: day });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('PERIOD_OVERLAP');
    const twoMonths = await post(at('/periods', site.b.id), { startsOn: '2027-01-25', endsOn: '2027-02-03' }, site.b.coordinator);
    expect(twoMonths.status).toBe(422);
    expect(twoMonths.body.code).toBe('PERIOD_INVALID_DATES');
  });
});
