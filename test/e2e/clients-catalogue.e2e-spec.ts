import { Client as Pg } from 'pg';
import { setUpRegion, siteUserToken, TEST_SIRET, TEST_VAT, untilCommerceKnows, usePlatform } from './platform';

/**
 * A site's clients (each kind, identifiers checked, no duplicate SIRET) and its catalogue
 * (prices to the ten-thousandth, French VAT rates), with the roles and the tenancy of the site.
 */
describe('clients and catalogue over HTTP', () => {
  const platform = usePlatform('e2e_clients_catalogue');
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  let member: string;
  let accountant: string;
  const ids: Record<string, string> = {};

  const address = { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' };
  const company = {
    kind: 'company',
    name: 'Boulangerie du Pile',
    billingAddress: address,
    email: 'contact@pile.example.org',
    siret: '120 027 016 00357',
    vatNumber: 'FR 85 120027016',
  };
  const individual = { kind: 'individual', name: 'Mme Durand', billingAddress: { ...address, line: '8 rue Jules Guesde' }, email: 'durand@example.org', phone: '06 12 34 56 78' };
  const association = { kind: 'association', name: 'Les Jardins du Pile', billingAddress: address };
  // La Poste's establishments are the Luhn exception (their digits sum to a multiple of 5).
  const publicBody = {
    kind: 'public_body',
    name: 'Mairie de Roubaix',
    billingAddress: address,
    siret: '35600000049837',
    chorusServiceCode: 'SERV-ACHATS',
    commitmentNumberRequired: true,
  };
  const item = { label: 'Repassage à domicile', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5', activityPole: 'services à la personne' };

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    Object.assign(site, region.sites);
    member = await siteUserToken(platform, site.a, 'member');
    accountant = await siteUserToken(platform, site.a, 'accountant');
    await untilCommerceKnows(platform, [site.a.id, site.b.id]);
  });

  it('a coordinator creates a client of each kind', async () => {
    for (const [name, body] of Object.entries({ company, individual, association, publicBody })) {
      const created = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, { token: site.a.coordinator, body });
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
    const read = await platform.http('GET', `/v1/sites/${site.a.id}/clients/${ids.company}`, { token: site.a.coordinator });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ kind: 'company', siret: TEST_SIRET, siren: '120027016', vatNumber: TEST_VAT, chorusServiceCode: null, commitmentNumberRequired: false });
    const body = await platform.http('GET', `/v1/sites/${site.a.id}/clients/${ids.publicBody}`, { token: site.a.coordinator });
    expect(body.body).toMatchObject({ kind: 'public_body', siret: '35600000049837', chorusServiceCode: 'SERV-ACHATS', commitmentNumberRequired: true });
    const person = await platform.http('GET', `/v1/sites/${site.a.id}/clients/${ids.individual}`, { token: site.a.coordinator });
    expect(person.body).toMatchObject({ kind: 'individual', siret: null, email: 'durand@example.org', billingAddress: individual.billingAddress });
  });

  it('checks SIRET and VAT keys and refuses a SIRET on an individual', async () => {
    const path = `/v1/sites/${site.a.id}/clients`;
    const badSiret = await platform.http('POST', path, { token: site.a.coordinator, body: { ...company, siret: '12002701600358' } });
    expect(badSiret.status).toBe(400);
    expect(badSiret.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'siret' } });
    const badVat = await platform.http('POST', path, { token: site.a.coordinator, body: { ...company, vatNumber: 'FR86120027016' } });
    expect(badVat.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'vatNumber' } });
    const noSiret = await platform.http('POST', path, { token: site.a.coordinator, body: { ...company, siret: undefined, vatNumber: undefined } });
    expect(noSiret.body.details).toMatchObject({ field: 'siret' });
    const individualSiret = await platform.http('POST', path, { token: site.a.coordinator, body: { ...individual, siret: TEST_SIRET } });
    expect(individualSiret.status).toBe(400);
    expect(individualSiret.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'siret' } });
    const badPostalCode = await platform.http('POST', path, { token: site.a.coordinator, body: { ...individual, billingAddress: { ...address, postalCode: '591' } } });
    expect(badPostalCode.status).toBe(400);
  });

  it('refuses a second client with the same SIRET on the site, with the existing id; another site may have it', async () => {
    const twice = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, { token: site.a.coordinator, body: { ...company, name: 'Pile (doublon)' } });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'CLIENT_SIRET_TAKEN', details: { existingId: ids.company } });
    const toSame = await platform.http('PATCH', `/v1/sites/${site.a.id}/clients/${ids.association}`, { token: site.a.coordinator, body: { siret: TEST_SIRET } });
    expect(toSame.status).toBe(409);
    expect(toSame.body.details.existingId).toBe(ids.company);
    const onB = await platform.http('POST', `/v1/sites/${site.b.id}/clients`, { token: site.b.coordinator, body: company });
    expect(onB.status).toBe(201);
    ids.companyOnB = onB.body.id;
  });

  it('a member creates and edits clients; an accountant reads them all but may not create', async () => {
    const byMember = await platform.http('POST', `/v1/sites/${site.a.id}/clients`, { token: member, body: { ...individual, name: 'M. Lefebvre', email: null } });
    expect(byMember.status).toBe(201);
    const edited = await platform.http('PATCH', `/v1/sites/${site.a.id}/clients/${byMember.body.id}`, { token: member, body: { phone: '07 00 00 00 00' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'M. Lefebvre', phone: '07 00 00 00 00' });
    ids.byMember = byMember.body.id;

    expect((await platform.http('POST', `/v1/sites/${site.a.id}/clients`, { token: accountant, body: { ...individual, name: 'X' } })).status).toBe(403);
    expect((await platform.http('PATCH', `/v1/sites/${site.a.id}/clients/${ids.company}`, { token: accountant, body: { name: 'X' } })).status).toBe(403);
    const seen = await platform.http('GET', `/v1/sites/${site.a.id}/clients/${ids.individual}`, { token: accountant });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ email: 'durand@example.org', phone: '06 12 34 56 78' });
  });

  it('lists and filters clients by kind and name', async () => {
    const all = await platform.http('GET', `/v1/sites/${site.a.id}/clients`, { token: accountant });
    expect(all.body.items.map((c: any) => c.id)).toEqual([ids.company, ids.individual, ids.association, ids.publicBody, ids.byMember]);
    const individuals = await platform.http('GET', `/v1/sites/${site.a.id}/clients?kind=individual`, { token: site.a.coordinator });
    expect(individuals.body.items.map((c: any) => c.id)).toEqual([ids.individual, ids.byMember]);
    const byName = await platform.http('GET', `/v1/sites/${site.a.id}/clients?q=pile`, { token: member });
    expect(byName.body.items.map((c: any) => c.id)).toEqual([ids.company, ids.association]);
    const page = await platform.http('GET', `/v1/sites/${site.a.id}/clients?limit=2`, { token: site.a.coordinator });
    expect(page.body.items).toHaveLength(2);
    const next = await platform.http('GET', `/v1/sites/${site.a.id}/clients?limit=2&cursor=${page.body.nextCursor}`, { token: site.a.coordinator });
    expect(next.body.items[0].id).toBe(ids.association);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/clients?kind=supplier`, { token: site.a.coordinator })).status).toBe(400);
  });

  it("publishes client events without an individual's personal data", async () => {
    const db = new Pg({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query("SELECT envelope FROM commerce.outbox WHERE envelope->>'type' LIKE 'commerce.client.%' ORDER BY created_at, id");
      const created = rows.map((r) => r.envelope).filter((e) => e.type === 'commerce.client.created' && e.siteId === site.a.id);
      expect(created.find((e) => e.data.clientId === ids.company).data).toMatchObject({ kind: 'company', name: 'Boulangerie du Pile' });
      const person = created.find((e) => e.data.clientId === ids.individual);
      expect(Object.keys(person.data).sort()).toEqual(['clientId', 'kind', 'updatedAt']);
      expect(JSON.stringify(rows)).not.toContain('Durand');
      expect(rows.some((r) => r.envelope.type === 'commerce.client.updated' && r.envelope.data.clientId === ids.byMember)).toBe(true);
    } finally {
      await db.end();
    }
  });

  it('a coordinator adds a catalogue item priced to the ten-thousandth at 5.5 %', async () => {
    const created = await platform.http('POST', `/v1/sites/${site.a.id}/catalogue-items`, { token: site.a.coordinator, body: item });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ label: 'Repassage à domicile', unit: 'hour', unitPrice: '18.1234', vatRate: '5.5', exemptionReason: null, archived: false });
    ids.item = created.body.id;
    const round = await platform.http('POST', `/v1/sites/${site.a.id}/catalogue-items`, {
      token: site.a.coordinator,
      body: { ...item, label: 'Forfait jardinage', unit: 'flat_rate', unitPrice: '120.5', vatRate: '20' },
    });
    expect(round.body.unitPrice).toBe('120.50');
    ids.flatRate = round.body.id;
    const db = new Pg({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT unit_price_ten_thousandths::text AS price FROM commerce.catalogue_item WHERE id = $1', [ids.item]);
      expect(rows).toEqual([{ price: '181234' }]);
    } finally {
      await db.end();
    }
  });

  it('refuses 0 % without an exemption reason, an unknown rate, a price with 5 decimals', async () => {
    const path = `/v1/sites/${site.a.id}/catalogue-items`;
    const zero = await platform.http('POST', path, { token: site.a.coordinator, body: { ...item, vatRate: '0' } });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'exemptionReason' } });
    const exempt = await platform.http('POST', path, {
      token: site.a.coordinator,
      body: { ...item, label: 'Formation', vatRate: '0', exemptionReason: 'Exonération de TVA, art. 261-4-4° du CGI' },
    });
    expect(exempt.status).toBe(201);
    expect((await platform.http('POST', path, { token: site.a.coordinator, body: { ...item, vatRate: '19.6' } })).status).toBe(400);
    expect((await platform.http('POST', path, { token: site.a.coordinator, body: { ...item, vatRate: 20 } })).status).toBe(400);
    expect((await platform.http('POST', path, { token: site.a.coordinator, body: { ...item, unitPrice: '18.12345' } })).status).toBe(400);
    expect((await platform.http('POST', path, { token: site.a.coordinator, body: { ...item, unitPrice: 18.5 } })).status).toBe(400);
  });

  it('only coordinators change the catalogue; every role reads it; archived items leave the list', async () => {
    const path = `/v1/sites/${site.a.id}/catalogue-items`;
    expect((await platform.http('POST', path, { token: member, body: item })).status).toBe(403);
    expect((await platform.http('PATCH', `${path}/${ids.item}`, { token: accountant, body: { label: 'X' } })).status).toBe(403);
    for (const token of [member, accountant]) {
      const read = await platform.http('GET', `${path}/${ids.item}`, { token });
      expect(read.status).toBe(200);
      expect(read.body.unitPrice).toBe('18.1234');
    }
    const repriced = await platform.http('PATCH', `${path}/${ids.item}`, { token: site.a.coordinator, body: { unitPrice: '19', vatRate: '10' } });
    expect(repriced.body).toMatchObject({ unitPrice: '19.00', vatRate: '10', label: 'Repassage à domicile' });
    const archived = await platform.http('PATCH', `${path}/${ids.flatRate}`, { token: site.a.coordinator, body: { archived: true } });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const list = await platform.http('GET', path, { token: member });
    expect(list.body.items.map((i: any) => i.id)).not.toContain(ids.flatRate);
    expect(list.body.items).toHaveLength(2);
    const withArchived = await platform.http('GET', `${path}?includeArchived=true`, { token: member });
    expect(withArchived.body.items).toHaveLength(3);
    expect((await platform.http('GET', `${path}?q=repass`, { token: accountant })).body.items.map((i: any) => i.id)).toEqual([ids.item]);
  });

  it('refuses a client or an item for a site commerce does not know yet (404 SITE_NOT_FOUND)', async () => {
    const db = new Pg({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      // As if membership's site.created had not reached commerce yet.
      const { rows } = await db.query('DELETE FROM commerce.seller_site WHERE id = $1 RETURNING *', [site.b.id]);
      try {
        const client = await platform.http('POST', `/v1/sites/${site.b.id}/clients`, { token: site.b.coordinator, body: individual });
        expect(client.status).toBe(404);
        expect(client.body).toMatchObject({ code: 'SITE_NOT_FOUND', details: { siteId: site.b.id } });
        const catalogueItem = await platform.http('POST', `/v1/sites/${site.b.id}/catalogue-items`, { token: site.b.coordinator, body: item });
        expect(catalogueItem.body.code).toBe('SITE_NOT_FOUND');
      } finally {
        const r = rows[0];
        await db.query('INSERT INTO commerce.seller_site (id, code, name, city, status, host_structure_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          r.id,
          r.code,
          r.name,
          r.city,
          r.status,
          r.host_structure_id,
          r.updated_at,
        ]);
      }
    } finally {
      await db.end();
    }
  });

  it("site B's coordinator gets 404 on site A's clients and items", async () => {
    for (const [method, path] of [
      ['GET', `/v1/sites/${site.a.id}/clients`],
      ['GET', `/v1/sites/${site.a.id}/clients/${ids.company}`],
      ['PATCH', `/v1/sites/${site.a.id}/clients/${ids.company}`],
      ['POST', `/v1/sites/${site.a.id}/clients`],
      ['GET', `/v1/sites/${site.a.id}/catalogue-items`],
      ['GET', `/v1/sites/${site.a.id}/catalogue-items/${ids.item}`],
      ['PATCH', `/v1/sites/${site.a.id}/catalogue-items/${ids.item}`],
    ]) {
      const result = await platform.http(method, path, {
        token: site.b.coordinator,
        body: method === 'GET' ? undefined : method === 'POST' ? individual : { name: 'X', label: 'X' },
      });
      expect(result.status).toBe(404);
    }
    // Under B's own site, A's ids do not exist either.
    const client = await platform.http('GET', `/v1/sites/${site.b.id}/clients/${ids.company}`, { token: site.b.coordinator });
    expect(client.status).toBe(404);
    expect(client.body.code).toBe('CLIENT_NOT_FOUND');
    const patch = await platform.http('PATCH', `/v1/sites/${site.b.id}/clients/${ids.company}`, { token: site.b.coordinator, body: { name: 'X' } });
    expect(patch.body.code).toBe('CLIENT_NOT_FOUND');
    const itemOnB = await platform.http('GET', `/v1/sites/${site.b.id}/catalogue-items/${ids.item}`, { token: site.b.coordinator });
    expect(itemOnB.status).toBe(404);
    expect(itemOnB.body.code).toBe('CATALOGUE_ITEM_NOT_FOUND');
    const listOnB = await platform.http('GET', `/v1/sites/${site.b.id}/clients`, { token: site.b.coordinator });
    expect(listOnB.body.items.map((c: any) => c.id)).toEqual([ids.companyOnB]);
  });
});
