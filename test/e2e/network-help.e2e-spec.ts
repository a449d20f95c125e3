import { eventually } from '@kpa/testing';
import { COORDINATOR_PASSWORD, Platform, RegionSite, setUpRegion, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A third site of the region with its logged-in coordinator, hosted by another host structure when `hostStructureId` says so. */
async function addSite(platform: Platform, admin: string, code: string, hostStructureId: string): Promise<RegionSite> {
  const created = await platform.http('POST', '/v1/sites', { token: admin, body: { name: code, code, city: 'Mons-en-Barœul', status: 'active', hostStructureId } });
  if (created.status !== 201) throw new Error(`site ${code}: ${created.status} ${JSON.stringify(created.body)}`);
  const coordinatorEmail = `coordination@${code.toLowerCase()}.kpa.local`;
  await platform.http('POST', `/v1/sites/${created.body.id}/users`, {
    token: admin,
    body: { email: coordinatorEmail, displayName: `Coordination ${code}`, role: 'coordinator', password: COORDINATOR_PASSWORD },
  });
  return { id: created.body.id, code, coordinatorEmail, coordinator: (await platform.login(coordinatorEmail, COORDINATOR_PASSWORD)).accessToken };
}

/**
 * Help between sites over HTTP (issue 12 §3–4): site A posts a help request; B and C offer; A
 * accepts B's and records 7.5 hours; B confirms: both balances show it and the region's sum is 0.
 * C's coordinator cannot accept A's offers nor confirm A's hours; a request visible to chosen
 * sites is invisible (404) to the others; the lifecycle's refusals and a manual entry, a
 * correction by reversal, the soft limit and the yearly CSV.
 */
describe('network: help between sites and the reciprocity ledger over HTTP', () => {
  const platform = usePlatform('e2e_network_help');
  let admin: string;
  let a: RegionSite;
  let b: RegionSite;
  let c: RegionSite;
  let requestId: string;
  let offerB: string;
  let offerC: string;
  const day = today();

  const post = (path: string, token: string, body: unknown = {}) => platform.http('POST', path, { token, body });
  const get = (path: string, token: string) => platform.http('GET', path, { token });

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    admin = region.admin;
    ({ a, b } = region.sites);
    c = await addSite(platform, admin, 'ILLICOOP', region.hostStructureId);
    await eventually(async () => (await platform.query('SELECT 1 FROM networking.reciprocity_site WHERE id = ANY($1)', [[a.id, b.id, c.id]])).length === 3, {
      what: 'the sites known by networking',
    });
  });

  it('A posts a help request visible to the region; B and C see it and offer', async () => {
    const created = await post(`/v1/sites/${a.id}/help-requests`, a.coordinator, {
      title: 'Renfort traiteur pour un mariage',
      activityPole: 'restauration',
      skills: ['Cuisine', 'service'],
      startsOn: day,
      endsOn: day,
      place: 'Salle des fêtes, Roubaix',
      peopleNeeded: 2,
      returnKind: 'reciprocity',
      reciprocityHours: '8',
      visibility: 'region',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ siteId: a.id, siteName: 'LACAPE', status: 'open', skills: ['Cuisine', 'service'], offers: [] }));
    requestId = created.body.id;

    // However the skill is written: "traiteur" is "cuisine" in the network's synonyms.
    const listed = await get('/v1/network/help-requests?status=open&skill=Traiteur', c.coordinator);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(requestId);

    const fromB = await post(`/v1/network/help-requests/${requestId}/offers`, b.coordinator, {
      fromSiteId: b.id,
      people: [{ firstName: 'Inès' }, { firstName: 'Karim' }],
      hours: '8',
    });
    expect(fromB.status).toBe(201);
    expect(fromB.body.status).toBe('offers');
    offerB = fromB.body.offers.find((o: { fromSiteId: string }) => o.fromSiteId === b.id).id;
    const fromC = await post(`/v1/network/help-requests/${requestId}/offers`, c.coordinator, {
      fromSiteId: c.id,
      people: [{ firstName: 'Léa' }],
      hours: '4',
      note: 'Disponible le soir',
    });
    expect(fromC.status).toBe(201);
    offerC = fromC.body.offers.find((o: { fromSiteId: string }) => o.fromSiteId === c.id).id;

    // C sees B's offer, not the first names B offered (they stay between A and B).
    const seenByC = await get(`/v1/network/help-requests/${requestId}`, c.coordinator);
    expect(seenByC.body.offers.find((o: { id: string }) => o.id === offerB).people).toEqual([]);
    const seenByA = await get(`/v1/network/help-requests/${requestId}`, a.coordinator);
    expect(seenByA.body.offers.find((o: { id: string }) => o.id === offerB).people.map((p: { firstName: string }) => p.firstName)).toEqual(['Inès', 'Karim']);
  });

  it('a coordinator offers only for a site they coordinate, once while pending, never on their own request', async () => {
    const forB = await post(`/v1/network/help-requests/${requestId}/offers`, c.coordinator, { fromSiteId: b.id, people: [], hours: '2' });
    expect([forB.status, forB.body.code]).toEqual([403, 'NETWORK_SITE_NOT_YOURS']);
    const again = await post(`/v1/network/help-requests/${requestId}/offers`, b.coordinator, { fromSiteId: b.id, people: [], hours: '2' });
    expect([again.status, again.body.code]).toEqual([409, 'HELP_OFFER_ALREADY_MADE']);
    const own = await post(`/v1/network/help-requests/${requestId}/offers`, a.coordinator, { fromSiteId: a.id, people: [], hours: '2' });
    expect([own.status, own.body.code]).toEqual([422, 'HELP_OFFER_OWN_REQUEST']);
  });

  it("C's coordinator cannot accept A's offers; A cannot record hours before accepting", async () => {
    const byC = await post(`/v1/network/help-requests/${requestId}/offers/${offerB}/accept`, c.coordinator);
    expect([byC.status, byC.body.code]).toEqual([403, 'NETWORK_SITE_NOT_YOURS']);
    const early = await post(`/v1/network/help-requests/${requestId}/done`, a.coordinator, { hours: [{ siteId: b.id, hours: '7.5' }] });
    expect([early.status, early.body.code]).toEqual([409, 'HELP_REQUEST_NOT_ACCEPTED']);
  });

  it("A accepts B's offer, declines C's, records 7.5 hours for B (not for C)", async () => {
    const accepted = await post(`/v1/network/help-requests/${requestId}/offers/${offerB}/accept`, a.coordinator);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const declined = await post(`/v1/network/help-requests/${requestId}/offers/${offerC}/decline`, a.coordinator, { message: 'Merci, nous sommes au complet' });
    expect(declined.status).toBe(200);
    expect(declined.body.offers.find((o: { id: string }) => o.id === offerC)).toEqual(
      expect.objectContaining({ status: 'declined', declineMessage: 'Merci, nous sommes au complet' }),
    );
    const twice = await post(`/v1/network/help-requests/${requestId}/offers/${offerB}/accept`, a.coordinator);
    expect([twice.status, twice.body.code]).toEqual([409, 'HELP_OFFER_ALREADY_DECIDED']);

    const forC = await post(`/v1/network/help-requests/${requestId}/done`, a.coordinator, { hours: [{ siteId: c.id, hours: '2' }] });
    expect([forC.status, forC.body.code]).toEqual([422, 'HELP_HOURS_SITE_NOT_ACCEPTED']);
    const done = await post(`/v1/network/help-requests/${requestId}/done`, a.coordinator, { hours: [{ siteId: b.id, hours: '7.5' }] });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.contributions).toEqual([expect.objectContaining({ siteId: b.id, recordedHours: '7.50', hours: '7.50', status: 'awaiting_helper', movementId: null })]);
    const cancel = await post(`/v1/network/help-requests/${requestId}/cancel`, a.coordinator, { reason: 'trop tard' });
    expect([cancel.status, cancel.body.code]).toEqual([409, 'HELP_REQUEST_NOT_CANCELLABLE']);
  });

  it("nothing enters the ledger before B confirms; C's coordinator cannot confirm A's hours", async () => {
    const board = await get('/v1/network/reciprocity', a.coordinator);
    expect(board.body.movements.items).toEqual([]);
    const byC = await post(`/v1/network/help-requests/${requestId}/confirm`, c.coordinator, { siteId: b.id });
    expect([byC.status, byC.body.code]).toEqual([403, 'NETWORK_SITE_NOT_YOURS']);
    const byA = await post(`/v1/network/help-requests/${requestId}/confirm`, a.coordinator, { siteId: b.id });
    expect([byA.status, byA.body.code]).toEqual([409, 'HELP_HOURS_NOT_AWAITING']);
  });

  it("B confirms: both balances show 7.5 hours and the region's sum is 0; a second confirmation changes nothing", async () => {
    const confirmed = await post(`/v1/network/help-requests/${requestId}/confirm`, b.coordinator);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.contributions[0]).toEqual(expect.objectContaining({ status: 'confirmed', hours: '7.50' }));
    expect(confirmed.body.contributions[0].movementId).toEqual(expect.any(String));

    const again = await post(`/v1/network/help-requests/${requestId}/confirm`, b.coordinator);
    expect([again.status, again.body.code]).toEqual([409, 'HELP_REQUEST_NOT_DONE']);

    const board = await get('/v1/network/reciprocity', c.coordinator);
    expect(board.status).toBe(200);
    const balance = (siteId: string) => board.body.balances.find((x: { siteId: string }) => x.siteId === siteId);
    expect(balance(b.id)).toEqual(expect.objectContaining({ name: 'MOULINS', given: '7.50', received: '0.00', balance: '7.50', summary: 'a donné 7,5 h, a reçu 0 h' }));
    expect(balance(a.id)).toEqual(expect.objectContaining({ name: 'LACAPE', given: '0.00', received: '7.50', balance: '-7.50', summary: 'a donné 0 h, a reçu 7,5 h' }));
    expect(board.body.total).toBe('0.00');
    const sum = board.body.balances.reduce((total: number, x: { balance: string }) => total + Math.round(Number(x.balance) * 100), 0);
    expect(sum).toBe(0);
    expect(board.body.movements.items).toEqual([
      expect.objectContaining({ kind: 'help', giverSiteId: b.id, receiverSiteId: a.id, hours: '7.50', sourceId: `${requestId}:${b.id}`, reversesId: null }),
    ]);
    expect((await platform.query("SELECT count(*)::int AS n FROM networking.outbox WHERE subject LIKE '%networking.reciprocity.recorded%'"))[0].n).toBe(1);
    // The network admin's figures count the hours exchanged; this request no longer takes offers.
    const stats = await get('/v1/network/stats', admin);
    expect(stats.body).toEqual(expect.objectContaining({ hoursExchanged: '7.50', openHelpRequests: 0, equipmentLoans: 0 }));

    const ofA = await get(`/v1/sites/${a.id}/reciprocity`, a.coordinator);
    expect(ofA.body).toEqual(expect.objectContaining({ siteId: a.id, given: '0.00', received: '7.50', balance: '-7.50' }));
    const ofB = await get(`/v1/sites/${b.id}/reciprocity`, b.coordinator);
    expect(ofB.body).toEqual(expect.objectContaining({ siteId: b.id, given: '7.50', received: '0.00', balance: '7.50' }));
    expect(ofB.body.movements.items).toHaveLength(1);
    // A site's own page is its users': another site's coordinator does not see it exist.
    expect((await get(`/v1/sites/${b.id}/reciprocity`, c.coordinator)).status).toBe(404);
  });

  it('a request shown to chosen sites is invisible (404) to the others', async () => {
    const chosen = await post(`/v1/sites/${a.id}/help-requests`, a.coordinator, {
      title: 'Couturière pour retouches',
      startsOn: day,
      endsOn: day,
      place: 'Roubaix',
      hoursNeeded: '6',
      returnKind: 'paid',
      amountPerHour: '18.50',
      visibility: 'sites',
      visibleToSiteIds: [b.id],
    });
    expect(chosen.status).toBe(201);
    expect((await get(`/v1/network/help-requests/${chosen.body.id}`, b.coordinator)).status).toBe(200);
    const byC = await get(`/v1/network/help-requests/${chosen.body.id}`, c.coordinator);
    expect([byC.status, byC.body.code]).toEqual([404, 'HELP_REQUEST_NOT_FOUND']);
    const offerByC = await post(`/v1/network/help-requests/${chosen.body.id}/offers`, c.coordinator, { fromSiteId: c.id, people: [], hours: '6' });
    expect([offerByC.status, offerByC.body.code]).toEqual([404, 'HELP_REQUEST_NOT_FOUND']);
    expect((await get('/v1/network/help-requests', c.coordinator)).body.items.map((r: { id: string }) => r.id)).not.toContain(chosen.body.id);

    // Paid help between two sites of one host structure: the amount due, an internal transfer, no hours in the ledger.
    const offer = await post(`/v1/network/help-requests/${chosen.body.id}/offers`, b.coordinator, { fromSiteId: b.id, people: [{ firstName: 'Inès' }], hours: '6' });
    await post(`/v1/network/help-requests/${chosen.body.id}/offers/${offer.body.offers[0].id}/accept`, a.coordinator);
    await post(`/v1/network/help-requests/${chosen.body.id}/done`, a.coordinator, { hours: [{ siteId: b.id, hours: '6' }] });
    const corrected = await post(`/v1/network/help-requests/${chosen.body.id}/confirm`, b.coordinator, { hours: '6.5' });
    expect(corrected.body.contributions[0]).toEqual(expect.objectContaining({ status: 'awaiting_requester', proposedHours: '6.50', hours: '6.00' }));
    const settled = await post(`/v1/network/help-requests/${chosen.body.id}/confirm`, a.coordinator, { siteId: b.id });
    expect(settled.status).toBe(200);
    expect(settled.body.contributions[0]).toEqual(
      expect.objectContaining({ status: 'confirmed', hours: '6.50', amountDue: '120.25', settlement: 'internal_transfer', movementId: null }),
    );
    expect((await get('/v1/network/reciprocity', a.coordinator)).body.movements.items).toHaveLength(1);
  });

  it('a manual entry from a template enters the ledger once the other site confirms; a correction reverses it; the soft limit flags', async () => {
    const template = await post('/v1/network/reciprocity/templates', admin, { label: 'micro-accompagnement 2 jours', kind: 'accompaniment', hours: '14' });
    expect(template.status).toBe(201);
    expect((await post('/v1/network/reciprocity/templates', a.coordinator, { label: 'x', kind: 'manual', hours: '1' })).status).toBe(403);

    const proposed = await post(`/v1/sites/${c.id}/reciprocity/entries`, c.coordinator, { otherSiteId: a.id, direction: 'gave', templateId: template.body.id });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual(expect.objectContaining({ giverSiteId: c.id, receiverSiteId: a.id, hours: '14.00', label: 'micro-accompagnement 2 jours', status: 'proposed' }));
    const selfConfirm = await post(`/v1/network/reciprocity/entries/${proposed.body.id}/confirm`, c.coordinator);
    expect([selfConfirm.status, selfConfirm.body.code]).toEqual([403, 'NETWORK_SITE_NOT_YOURS']);
    const confirmed = await post(`/v1/network/reciprocity/entries/${proposed.body.id}/confirm`, a.coordinator);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await post(`/v1/network/reciprocity/entries/${proposed.body.id}/confirm`, a.coordinator)).body.code).toBe('RECIPROCITY_ENTRY_ALREADY_DECIDED');

    const limit = await platform.http('PUT', '/v1/network/reciprocity/settings', { token: admin, body: { softLimit: '-20' } });
    expect(limit.status).toBe(200);
    let board = await get('/v1/network/reciprocity', b.coordinator);
    const ofA = () => board.body.balances.find((x: { siteId: string }) => x.siteId === a.id);
    expect(ofA()).toEqual(expect.objectContaining({ balance: '-21.50', belowSoftLimit: true, summary: 'a donné 0 h, a reçu 21,5 h' }));
    expect(board.body.total).toBe('0.00');

    const reversal = await post(`/v1/network/reciprocity/movements/${confirmed.body.movementId}/reverse`, admin, { reason: 'saisie en double' });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toEqual(expect.objectContaining({ kind: 'reversal', giverSiteId: a.id, receiverSiteId: c.id, hours: '14.00', reversesId: confirmed.body.movementId }));
    const twice = await post(`/v1/network/reciprocity/movements/${confirmed.body.movementId}/reverse`, admin, { reason: 'encore' });
    expect([twice.status, twice.body.code]).toEqual([409, 'RECIPROCITY_ALREADY_REVERSED']);
    board = await get('/v1/network/reciprocity', b.coordinator);
    expect(ofA()).toEqual(expect.objectContaining({ balance: '-7.50', belowSoftLimit: false }));
    expect(board.body.balances.find((x: { siteId: string }) => x.siteId === c.id)).toEqual(expect.objectContaining({ given: '14.00', received: '14.00', balance: '0.00' }));
    expect(board.body.total).toBe('0.00');
  });

  it("a site's yearly statement is a French CSV of its movements", async () => {
    const year = Number(day.slice(0, 4));
    const response = await fetch(`${platform.gatewayUrl}/v1/sites/${a.id}/reciprocity/statement.csv?year=${year}`, { headers: { authorization: `Bearer ${a.coordinator}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('date;nature;autre site;heures données;heures reçues')).toBe(true);
    expect(text).toContain(';help;MOULINS;;7,50;Aide : Renfort traiteur pour un mariage;');
    expect(text).toContain('total;;;14,00;21,50;a donné 14 h, a reçu 21,5 h');
    expect((await get(`/v1/sites/${a.id}/reciprocity/statement.csv?year=${year}`, b.coordinator)).status).toBe(404);
  });

  it('the network admin sees every request; an unknown request is 404', async () => {
    expect((await get(`/v1/network/help-requests/${requestId}`, admin)).status).toBe(200);
    const missing = await get('/v1/network/help-requests/0190a000-0000-7000-8000-000000000000', b.coordinator);
    expect([missing.status, missing.body.code]).toEqual([404, 'HELP_REQUEST_NOT_FOUND']);
  });
});
