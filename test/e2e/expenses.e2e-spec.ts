import { createHash, randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { ObjectInfo, Objm } from '@nats-io/obj';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { COORDINATOR_PASSWORD, setUpRegion, siteUserToken, untilCommerceKnows, usePlatform } from './platform';

const MiB = 1_048_576;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Expenses over HTTP: a member submits their own expense and its receipt (streamed to the NATS
 * object store and back, byte for byte); files that are not PDF/JPEG/PNG or too large are refused
 * and leave nothing in the store; a coordinator approves (event in the outbox), rejects with a
 * reason, records the reimbursement; lists with filters and totals; roles and tenancy.
 */
describe('expenses over HTTP', () => {
  const platform = usePlatform('e2e_expenses');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  let ines: string;
  let accountant: string;
  const members: Record<'ines' | 'karim', string> = {} as never;
  const ids: Record<string, string> = {};
  const today = todayInFrance();
  const expenses = (siteId = site.a.id) => `/v1/sites/${siteId}/expenses`;
  const lunch = { spentOn: today, description: 'Courses pour le buffet des Assises', amount: '42.90', vat: '2.24', category: 'supplies' };
  /** A PNG of 300 KiB: several 128 KiB chunks in the store. */
  const png = Buffer.concat([PNG_SIGNATURE, randomBytes(300 * 1024)]);

  async function upload(token: string, expenseId: string, body: Buffer | ReadableStream<Uint8Array>, contentType: string, siteId = site.a.id) {
    const response = await fetch(`${platform.gatewayUrl}${expenses(siteId)}/${expenseId}/receipt`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** The receipts bucket of this test's namespace, as NATS holds it. */
  async function storedReceipts(): Promise<ObjectInfo[]> {
    const nc = await connect({ servers: platform.env.natsUrl.split(',') });
    try {
      return await (await new Objm(nc).open(`${platform.env.namespace}_receipts`)).list();
    } finally {
      await nc.close();
    }
  }

  /** Bytes the bucket's stream holds: chunks of refused uploads must have been purged. */
  async function storeBytes(): Promise<number> {
    const nc = await connect({ servers: platform.env.natsUrl.split(',') });
    try {
      return (await (await new Objm(nc).open(`${platform.env.namespace}_receipts`)).status()).size;
    } finally {
      await nc.close();
    }
  }

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    accountant = await siteUserToken(platform, site.a, 'accountant');
    const person = {
      birthDate: '1998-03-02',
      gender: 'female',
      situation: 'job_seeker',
      referredBy: 'mission_locale',
      priorityNeighbourhood: true,
      address: { line: '12 rue de l’Épeule', postalCode: '59100', city: 'Roubaix' },
      skills: [],
      passions: [],
      joinedOn: '2026-09-01',
    };
    for (const [key, firstName] of [
      ['ines', 'Inès'],
      ['karim', 'Karim'],
    ] as const) {
      const created = await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: { ...person, firstName, lastName: 'Benali' } });
      expect(created.status).toBe(201);
      members[key] = created.body.id;
    }
    const account = await platform.http('POST', `/v1/sites/${site.a.id}/members/${members.ines}/account`, {
      token: site.a.coordinator,
      body: { email: 'ines@lacape.kpa.local', password: COORDINATOR_PASSWORD },
    });
    expect(account.status).toBe(201);
    ines = (await platform.login('ines@lacape.kpa.local', COORDINATOR_PASSWORD)).accessToken;
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
    await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = ANY($1)', [Object.values(members)])).length === 2, {
      what: 'the members known by commerce',
    });
  });

  it('a member submits their own expense: 201, amounts to the cent, net = amount − vat', async () => {
    const created = await platform.http('POST', expenses(), { token: ines, body: { ...lunch, note: 'ticket de caisse Auchan' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      siteId: site.a.id,
      paidByMemberId: members.ines,
      spentOn: today,
      amount: '42.90',
      vat: '2.24',
      net: '40.66',
      category: 'supplies',
      note: 'ticket de caisse Auchan',
      status: 'submitted',
      receipt: null,
      approvedOn: null,
      reimbursedOn: null,
    });
    ids.lunch = created.body.id;
    expect((await platform.http('GET', `${expenses()}/${ids.lunch}`, { token: accountant })).body).toEqual(created.body);
  });

  it('refuses what does not hold: another member as payer, a coordinator without a payer, a future day, VAT over the amount, 3 decimals', async () => {
    const forKarim = await platform.http('POST', expenses(), { token: ines, body: { ...lunch, paidByMemberId: members.karim } });
    expect(forKarim.status).toBe(403);
    const noPayer = await platform.http('POST', expenses(), { token: site.a.coordinator, body: lunch });
    expect(noPayer.status).toBe(400);
    expect(noPayer.body.details).toMatchObject({ field: 'paidByMemberId' });
    const future = await platform.http('POST', expenses(), { token: ines, body: { ...lunch, spentOn: `${Number(today.slice(0, 4)) + 1}-01-01` } });
    expect(future.status).toBe(400);
    expect(future.body.details).toMatchObject({ field: 'spentOn' });
    const vat = await platform.http('POST', expenses(), { token: ines, body: { ...lunch, vat: '42.91' } });
    expect(vat.status).toBe(400);
    expect(vat.body.details).toMatchObject({ field: 'vat' });
    expect((await platform.http('POST', expenses(), { token: ines, body: { ...lunch, amount: '42.905' } })).status).toBe(400);
    expect((await platform.http('POST', expenses(), { token: ines, body: { ...lunch, amount: '0' } })).status).toBe(400);
    expect((await platform.http('POST', expenses(), { token: accountant, body: lunch })).status).toBe(403);
    const stranger = await platform.http('POST', expenses(), { token: site.a.coordinator, body: { ...lunch, paidByMemberId: '0190a000-0000-7000-8000-000000000099' } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it('the member uploads a PNG receipt (streamed to the object store) and anyone of the site downloads the same bytes', async () => {
    const put = await upload(ines, ids.lunch, png, 'image/png');
    expect(put.status).toBe(200);
    expect(put.body.receipt).toMatchObject({ contentType: 'image/png', size: png.length, sha256: createHash('sha256').update(png).digest('hex') });

    const response = await fetch(`${platform.gatewayUrl}${expenses()}/${ids.lunch}/receipt`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(png.length));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);

    const stored = await storedReceipts();
    expect(stored).toHaveLength(1);
    expect(stored[0].name.startsWith(`${site.a.id}/${ids.lunch}/`)).toBe(true);
    expect(stored[0].size).toBe(png.length);
  });

  it('a new receipt replaces the old one while submitted: the type comes from the bytes, the old object is gone', async () => {
    const before = (await storedReceipts())[0].name;
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    const put = await upload(ines, ids.lunch, pdf, 'application/octet-stream');
    expect(put.status).toBe(200);
    expect(put.body.receipt).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    const download = await fetch(`${platform.gatewayUrl}${expenses()}/${ids.lunch}/receipt`, { headers: { authorization: `Bearer ${ines}` } });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const stored = await eventually(
      async () => {
        const objects = await storedReceipts();
        return objects.length === 1 && objects;
      },
      { what: 'the replaced receipt deleted' },
    );
    expect(stored[0].name).not.toBe(before);
    // Put the PNG back for what follows.
    expect((await upload(ines, ids.lunch, png, 'image/png')).status).toBe(200);
  });

  it('refuses a program renamed .pdf (422 RECEIPT_TYPE_NOT_ALLOWED) and leaves the receipt and the store as they were', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60), Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'), randomBytes(20_000)]);
    const put = await upload(ines, ids.lunch, exe, 'application/pdf');
    expect(put.status).toBe(422);
    expect(put.body.code).toBe('RECEIPT_TYPE_NOT_ALLOWED');
    const empty = await upload(ines, ids.lunch, Buffer.alloc(0), 'application/pdf');
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('RECEIPT_TYPE_NOT_ALLOWED');
    const json = await upload(ines, ids.lunch, Buffer.from('{"file":"x"}'), 'application/json');
    expect(json.status).toBe(400);
    expect((await upload(ines, ids.lunch, exe, 'application/x-msdownload')).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // A file body is for the receipt route only: anywhere else it is an unsupported type, as before.
    const elsewhere = await platform.http('POST', expenses(), { token: ines, body: '%PDF-1.7', headers: { 'content-type': 'application/pdf' } });
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await platform.http('GET', `${expenses()}/${ids.lunch}`, { token: ines })).body.receipt.contentType).toBe('image/png');
    expect(await storedReceipts()).toHaveLength(1);
  });

  it('refuses a receipt over 5 MiB (413 RECEIPT_TOO_LARGE), announced or streamed, and stores none of it', async () => {
    const big = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(5 * MiB)]);
    const announced = await upload(ines, ids.lunch, big, 'image/png');
    expect(announced.status).toBe(413);
    expect(announced.body.code).toBe('RECEIPT_TOO_LARGE');

    // Chunked, no Content-Length: refused once 5 MiB went through, the stored chunks purged.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 6 * MiB) return controller.close();
        const chunk = sent === 0 ? Buffer.concat([PNG_SIGNATURE, Buffer.alloc(256 * 1024 - 8)]) : Buffer.alloc(256 * 1024, 1);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(ines, ids.lunch, stream, 'image/png');
    expect(streamed.status).toBe(413);
    expect(streamed.body.code).toBe('RECEIPT_TOO_LARGE');

    const stored = await storedReceipts();
    expect(stored).toHaveLength(1);
    expect(stored[0].size).toBe(png.length);
    // The 5 MiB that went through before the refusal were purged: the PNG and a few metadata entries remain.
    expect(await storeBytes()).toBeLessThan(png.length + 64 * 1024);
  });

  it('a coordinator approves: approvedOn today, commerce.expense.approved in the outbox; the expense is frozen', async () => {
    expect((await platform.http('POST', `${expenses()}/${ids.lunch}/approve`, { token: ines })).status).toBe(403);
    const approved = await platform.http('POST', `${expenses()}/${ids.lunch}/approve`, { token: site.a.coordinator });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedOn: today });
    const rows = await platform.query<{ envelope: any }>("SELECT envelope FROM commerce.outbox WHERE envelope->>'type' = 'commerce.expense.approved'");
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope).toMatchObject({ version: 1, siteId: site.a.id });
    expect(rows[0].envelope.data).toEqual({
      expenseId: ids.lunch,
      paidByMemberId: members.ines,
      spentOn: today,
      approvedOn: today,
      category: 'supplies',
      amount: '42.90',
      vat: '2.24',
      net: '40.66',
    });

    const edit = await platform.http('PATCH', `${expenses()}/${ids.lunch}`, { token: site.a.coordinator, body: { amount: '10' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('EXPENSE_NOT_EDITABLE');
    const receipt = await upload(ines, ids.lunch, png, 'image/png');
    expect(receipt.status).toBe(409);
    expect(receipt.body.code).toBe('EXPENSE_NOT_EDITABLE');
    expect(await storedReceipts()).toHaveLength(1);
    const again = await platform.http('POST', `${expenses()}/${ids.lunch}/approve`, { token: site.a.coordinator });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EXPENSE_TRANSITION_REFUSED');
  });

  it('reject needs a reason (400); reimbursing a submitted expense is 409; an approved one is reimbursed', async () => {
    const taxi = await platform.http('POST', expenses(), {
      token: site.a.coordinator,
      body: { ...lunch, paidByMemberId: members.karim, description: 'Taxi', category: 'travel', amount: '18.50', vat: '1.68' },
    });
    expect(taxi.status).toBe(201);
    expect(taxi.body.paidByMemberId).toBe(members.karim);
    const noReason = await platform.http('POST', `${expenses()}/${taxi.body.id}/reject`, { token: site.a.coordinator, body: {} });
    expect(noReason.status).toBe(400);
    const blank = await platform.http('POST', `${expenses()}/${taxi.body.id}/reject`, { token: site.a.coordinator, body: { reason: '   ' } });
    expect(blank.status).toBe(400);
    const early = await platform.http('POST', `${expenses()}/${taxi.body.id}/reimburse`, { token: site.a.coordinator, body: { method: 'bank_transfer' } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EXPENSE_TRANSITION_REFUSED', details: { status: 'submitted', allowed: ['approve', 'reject'] } });
    const rejected = await platform.http('POST', `${expenses()}/${taxi.body.id}/reject`, { token: site.a.coordinator, body: { reason: 'Pas de justificatif' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectedOn: today, rejectionReason: 'Pas de justificatif' });

    const reimbursed = await platform.http('POST', `${expenses()}/${ids.lunch}/reimburse`, { token: site.a.coordinator, body: { method: 'bank_transfer' } });
    expect(reimbursed.status).toBe(200);
    expect(reimbursed.body).toMatchObject({ status: 'reimbursed', reimbursedOn: today, reimbursementMethod: 'bank_transfer' });

    const bySite = await platform.http('POST', expenses(), {
      token: site.a.coordinator,
      body: { ...lunch, paidByMemberId: null, description: 'Assurance du local', category: 'insurance', amount: '120', vat: '0' },
    });
    expect(bySite.status).toBe(201);
    expect(bySite.body.paidByMemberId).toBeNull();
    await platform.http('POST', `${expenses()}/${bySite.body.id}/approve`, { token: site.a.coordinator });
    const nobody = await platform.http('POST', `${expenses()}/${bySite.body.id}/reimburse`, { token: site.a.coordinator, body: { method: 'cash' } });
    expect(nobody.status).toBe(409);
    expect(nobody.body.message).toContain('paid by the site itself');
    ids.taxi = taxi.body.id;
    ids.bySite = bySite.body.id;
  });

  it('lists with filters and totals over the whole filter', async () => {
    const all = await platform.http('GET', `${expenses()}?limit=1`, { token: ines });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.nextCursor).not.toBeNull();
    expect(all.body.totals).toEqual({ count: 3, amount: '181.40', vat: '3.92', net: '177.48' });
    const approved = await platform.http('GET', `${expenses()}?status=approved`, { token: accountant });
    expect(approved.body.items.map((e: any) => e.id)).toEqual([ids.bySite]);
    expect(approved.body.totals).toEqual({ count: 1, amount: '120.00', vat: '0.00', net: '120.00' });
    const karim = await platform.http('GET', `${expenses()}?memberId=${members.karim}`, { token: accountant });
    expect(karim.body.items.map((e: any) => e.id)).toEqual([ids.taxi]);
    const travel = await platform.http('GET', `${expenses()}?category=travel&from=${today}&to=${today}`, { token: accountant });
    expect(travel.body.totals.amount).toBe('18.50');
    const past = await platform.http('GET', `${expenses()}?to=2020-01-01`, { token: accountant });
    expect(past.body).toMatchObject({ items: [], totals: { count: 0, amount: '0.00' } });
    expect((await platform.http('GET', `${expenses()}?status=paid`, { token: accountant })).status).toBe(400);
  });

  it("another site's coordinator sees none of it (404), not even the receipt", async () => {
    expect((await platform.http('GET', `${expenses()}/${ids.lunch}`, { token: site.b.coordinator })).status).toBe(404);
    const viaB = await platform.http('GET', `${expenses(site.b.id)}/${ids.lunch}`, { token: site.b.coordinator });
    expect(viaB.status).toBe(404);
    expect(viaB.body.code).toBe('EXPENSE_NOT_FOUND');
    const receipt = await fetch(`${platform.gatewayUrl}${expenses(site.b.id)}/${ids.lunch}/receipt`, { headers: { authorization: `Bearer ${site.b.coordinator}` } });
    expect(receipt.status).toBe(404);
    const put = await upload(site.b.coordinator, ids.lunch, png, 'image/png', site.b.id);
    expect(put.status).toBe(404);
    expect(put.body.code).toBe('EXPENSE_NOT_FOUND');
    expect((await platform.http('POST', `${expenses(site.b.id)}/${ids.taxi}/approve`, { token: site.b.coordinator })).status).toBe(404);
    expect((await platform.http('GET', expenses(site.b.id), { token: site.b.coordinator })).body.totals.count).toBe(0);
    const none = await fetch(`${platform.gatewayUrl}${expenses()}/${ids.taxi}/receipt`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { code: string }).code).toBe('RECEIPT_NOT_FOUND');
  });
});
