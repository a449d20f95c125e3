import { addDays, addMonths } from '@kpa/contracts';
import { pdfText } from '@kpa/testing/pdf-text';
import { eventually } from '@kpa/testing';
import { setUpRegion, TEST_SIRET, TEST_VAT, untilCommerceKnows, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The whole commercial cycle of a KPA over HTTP, as the issue tells it: a member drafts a quote,
 * the coordinator validates and sends it, the client accepts (a mission and an invoice draft are
 * made), the member signs up, the mission is completed with hours, the invoice is issued (never
 * edited again, never issued twice), paid in part then in full; the PDF a client receives; the
 * events remuneration builds on; another site sees none of it.
 */
describe('the commercial cycle over HTTP', () => {
  const platform = usePlatform('e2e_commercial_cycle');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const ids: Record<string, string> = {};
  let member: string;
  const day = today();
  const at = (path: string) => `/v1/sites/${site.a.id}${path}`;

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
      token: region.admin,
      body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille Métropole', addressLine: '12 rue de la Paix', postalCode: '59000' },
    });
    const karim = await platform.http('POST', at('/members'), {
      token: site.a.coordinator,
      body: {
        firstName: 'Karim',
        lastName: 'Haddad',
        birthDate: '2001-02-03',
        gender: 'male',
        situation: 'job_seeker',
        referredBy: 'mission_locale',
        priorityNeighbourhood: true,
        address: { line: '3 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
        skills: [],
        passions: [],
        joinedOn: day,
      },
    });
    expect(karim.status).toBe(201);
    ids.karim = karim.body.id;
    await platform.http('POST', at(`/members/${ids.karim}/account`), { token: site.a.coordinator, body: { email: 'karim@lacape.kpa.local', password: 'mon parcours à la cape' } });
    member = (await platform.login('karim@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    // Karim works under a CAPE carried by the host structure: his quotes and invoices say so (R127-3).
    const cape = await platform.http('POST', at(`/members/${ids.karim}/cape-contracts`), {
      token: site.a.coordinator,
      body: { startsOn: day, endsOn: addDays(addMonths(day, 6), -1), activity: 'nettoyage de vitrines' },
    });
    expect(cape.status).toBe(201);
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    await eventually(
      async () =>
        (
          await platform.query(
            `SELECT 1 FROM commerce.known_member WHERE id = $1 UNION ALL SELECT 1 FROM commerce.known_cape_contract WHERE member_id = $1
             UNION ALL SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL`,
            [ids.karim],
          )
        ).length === 3,
      { what: 'the member, their CAPE and the host’s legal identity known by commerce' },
    );
    const client = await platform.http('POST', at('/clients'), {
      token: member,
      body: {
        kind: 'company',
        name: 'Boulangerie du Pile',
        billingAddress: { line: '3 place du Marché', postalCode: '59100', city: 'Roubaix' },
        siret: TEST_SIRET,
        vatNumber: TEST_VAT,
      },
    });
    expect(client.status).toBe(201);
    ids.client = client.body.id;
  });

  it('quote: the member drafts and submits, the coordinator validates, sends and records the acceptance', async () => {
    const draft = await platform.http('POST', at('/quotes'), {
      token: member,
      body: {
        clientId: ids.client,
        lines: [
          { description: 'Nettoyage de vitrine', quantity: '3', unit: 'hour', unitPrice: '25', vatRate: '20' },
          { description: 'Produits', quantity: '1', unit: 'flat_rate', unitPrice: '12.5', vatRate: '20' },
        ],
        validUntil: '2099-12-31',
        executionPlace: 'Boulangerie du Pile, Roubaix',
        executionStartsOn: day,
        executionEndsOn: day,
        capeHolderMemberId: ids.karim,
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.totals).toMatchObject({ net: '87.50', vat: '17.50', total: '105.00' });
    ids.quote = draft.body.id;
    expect((await platform.http('POST', at(`/quotes/${ids.quote}/submit`), { token: member })).body.status).toBe('submitted');
    expect((await platform.http('POST', at(`/quotes/${ids.quote}/validate`), { token: member })).status).toBe(403);
    expect((await platform.http('POST', at(`/quotes/${ids.quote}/validate`), { token: site.a.coordinator })).body.status).toBe('validated');
    const sent = await platform.http('POST', at(`/quotes/${ids.quote}/send`), { token: site.a.coordinator });
    expect(sent.body).toMatchObject({ status: 'sent', number: `LACAPE-D-${day.slice(0, 4)}-00001` });
    const quotePdf = await fetch(`${platform.gatewayUrl}${at(`/quotes/${ids.quote}/pdf`)}`, { headers: { authorization: `Bearer ${member}` } });
    const quoteText = (await pdfText(Buffer.from(await quotePdf.arrayBuffer()))).text.replace(/\s+/g, ' ');
    expect(quoteText).toContain("Activité exercée par Karim Haddad, bénéficiaire d'un contrat d'appui au projet d'entreprise");
    expect(quoteText).toContain('Bon pour accord');
    const accepted = await platform.http('POST', at(`/quotes/${ids.quote}/accept`), { token: site.a.coordinator });
    expect(accepted.status).toBe(200);
    ids.mission = accepted.body.missionId;
    ids.invoice = accepted.body.invoiceId;
  });

  it('mission: the member signs up, the coordinator confirms the team and records the hours', async () => {
    const signUp = await platform.http('POST', at(`/missions/${ids.mission}/sign-ups`), { token: member, body: {} });
    expect(signUp.status).toBe(200);
    expect((await platform.http('POST', at(`/missions/${ids.mission}/confirm-team`), { token: site.a.coordinator, body: { memberIds: [ids.karim] } })).status).toBe(200);
    const completed = await platform.http('POST', at(`/missions/${ids.mission}/complete`), {
      token: site.a.coordinator,
      body: { participants: [{ memberId: ids.karim, hours: '3.5' }] },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('completed');
  });

  it('invoice: issued once with the next number, never edited nor issued again', async () => {
    const draft = await platform.http('GET', at(`/invoices/${ids.invoice}`), { token: site.a.coordinator });
    expect(draft.body).toMatchObject({ status: 'draft', number: null, quoteId: ids.quote, missionId: ids.mission, capeHolderMemberId: ids.karim, totals: { total: '105.00' } });
    const issued = await platform.http('POST', at(`/invoices/${ids.invoice}/issue`), { token: site.a.coordinator });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', number: `LACAPE-F-${day.slice(0, 4)}-00001`, issuedOn: day });
    const twice = await platform.http('POST', at(`/invoices/${ids.invoice}/issue`), { token: site.a.coordinator });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('INVOICE_ALREADY_ISSUED');
    const edit = await platform.http('PATCH', at(`/invoices/${ids.invoice}`), { token: site.a.coordinator, body: { purchaseOrderNumber: 'BC-42' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('INVOICE_NOT_EDITABLE');

    // The client's copy: the seller's legal identity, the number, the 40 € of a business invoice.
    const pdf = await fetch(`${platform.gatewayUrl}${at(`/invoices/${ids.invoice}/pdf`)}`, { headers: { authorization: `Bearer ${member}` } });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).text.replace(/\s+/g, ' ');
    for (const expected of [
      'CAE Grand Nord',
      `SIRET ${TEST_SIRET}`,
      `LACAPE-F-${day.slice(0, 4)}-00001`,
      'Boulangerie du Pile',
      'Total TTC 105,00 €',
      '40 €',
      'Activité exercée par Karim Haddad',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('payments: part, too much refused, the rest; the invoice is paid', async () => {
    const pay = (amount: string) =>
      platform.http('POST', at(`/invoices/${ids.invoice}/payments`), { token: site.a.coordinator, body: { amount, receivedOn: day, method: 'transfer' } });
    const part = await pay('40.00');
    expect(part.status).toBe(201);
    expect((await platform.http('GET', at(`/invoices/${ids.invoice}`), { token: site.a.coordinator })).body.status).toBe('partially_paid');
    const tooMuch = await pay('65.01');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    expect((await pay('65.00')).status).toBe(201);
    const paid = await platform.http('GET', at(`/invoices/${ids.invoice}`), { token: site.a.coordinator });
    expect(paid.body).toMatchObject({ status: 'paid', paidOn: day });
  });

  it('publishes what remuneration builds on, in order: mission hours and the net each payment settles', async () => {
    type Envelope = { type: string; data: Record<string, unknown> };
    const rows = (await platform.query("SELECT envelope FROM commerce.outbox WHERE envelope->>'siteId' = $1 ORDER BY created_at, id", [site.a.id])) as { envelope: Envelope }[];
    const events = rows.map((r) => r.envelope);
    expect(events.map((e) => e.type).filter((t) => !t.startsWith('commerce.client'))).toEqual([
      'commerce.quote.sent',
      'commerce.quote.accepted',
      'commerce.mission.team_confirmed',
      'commerce.mission.completed',
      'commerce.invoice.issued',
      'commerce.payment.recorded',
      'commerce.payment.recorded',
      'commerce.invoice.paid',
    ]);
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => e.data);
    expect(byType('commerce.mission.team_confirmed')[0]).toMatchObject({ missionId: ids.mission, team: [ids.karim] });
    expect(byType('commerce.mission.completed')[0]).toMatchObject({ missionId: ids.mission, participants: [{ memberId: ids.karim, hours: '3.50' }] });
    // 40.00 of 105.00 settles 33.33 of the 87.50 net; the last payment takes the exact rest.
    expect(byType('commerce.payment.recorded').map((d) => [d.amount, d.netAmount, d.missionId])).toEqual([
      ['40.00', '33.33', ids.mission],
      ['65.00', '54.17', ids.mission],
    ]);
  });

  it("another site's coordinator finds none of it: 404", async () => {
    for (const path of [`/clients/${ids.client}`, `/quotes/${ids.quote}`, `/missions/${ids.mission}`, `/invoices/${ids.invoice}`, `/invoices/${ids.invoice}/pdf`]) {
      const response = await platform.http('GET', `/v1/sites/${site.b.id}${path}`, { token: site.b.coordinator });
      expect([path, response.status]).toEqual([path, 404]);
    }
  });
});
