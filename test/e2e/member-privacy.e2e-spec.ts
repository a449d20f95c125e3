import { Client } from 'pg';
import { addDays, addMonths } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { setUpRegion, usePlatform } from './platform';

/**
 * Privacy and import over HTTP: a coordinator exports everything held on a member, erases them
 * once they left (their name is then gone from every read and from every event payload of
 * membership), and imports members from a spreadsheet (dry run first; bad rows reported).
 */
describe('member privacy and import over HTTP', () => {
  const platform = usePlatform('e2e_member_privacy');
  let db: Client;
  const site: Record<'a' | 'b', { id: string; coordinator: string }> = {} as never;
  const today = todayInFrance();
  let memberId: string;
  let contractId: string;

  // A name found nowhere else, to look for it everywhere afterwards.
  const person = {
    firstName: 'Zéphyrine',
    lastName: 'Quatremare',
    email: 'zephyrine.quatremare@example.org',
    phone: '06 11 22 33 44',
    birthDate: '2001-05-14',
    gender: 'female',
    situation: 'job_seeker',
    referredBy: 'other',
    referredByDetail: 'sa voisine Mme Quatremare-Lenoir',
    priorityNeighbourhood: true,
    address: { line: '3 rue du Quatremare', postalCode: '59100', city: 'Roubaix' },
    skills: [{ name: 'cuisine', level: 3, wantsToLearn: false }],
    passions: ['couture'],
  };

  beforeAll(async () => {
    Object.assign(site, (await setUpRegion(platform)).sites);
    db = await platform.database();
  });

  it('exports the whole file, the journey and the CAPE contracts', async () => {
    const created = await platform.http('POST', `/v1/sites/${site.a.id}/members`, { token: site.a.coordinator, body: person });
    expect(created.status).toBe(201);
    memberId = created.body.id;
    const signed = await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/cape-contracts`, {
      token: site.a.coordinator,
      body: { startsOn: today, endsOn: addDays(addMonths(today, 6), -1), activity: 'cuisine du monde' },
    });
    expect(signed.status).toBe(201);
    contractId = signed.body.id;
    const journey = await platform.http('PUT', `/v1/sites/${site.a.id}/members/${memberId}/journey`, {
      token: site.a.coordinator,
      body: { stageOverride: { stage: 'exploration', reason: 'travaille déjà avec Mme Quatremare' } },
    });
    expect(journey.status).toBe(200);
    const interview = await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/interviews`, {
      token: site.a.coordinator,
      body: {
        kind: 'first',
        scheduledAt: `${addDays(today, 7)}T10:00:00+01:00`,
        conductedBy: 'Camille',
        notes: 'veut cuisiner avec sa voisine Quatremare',
        skillsAssessment: [{ name: 'cuisine', level: 2 }],
      },
    });
    expect(interview.status).toBe(201);

    const exported = await platform.http('GET', `/v1/sites/${site.a.id}/members/${memberId}/export`, { token: site.a.coordinator });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      member: { ...person, id: memberId, active: true, history: [], erasedAt: null, stageOverride: { stage: 'exploration', reason: 'travaille déjà avec Mme Quatremare' } },
      capeContracts: [{ id: contractId, memberId, activity: 'cuisine du monde', status: 'active' }],
    });
    expect(exported.body.member.journeyHistory).toHaveLength(1);
    expect(Date.parse(exported.body.exportedAt)).not.toBeNaN();
    // Every other record keyed by the member, by table: here the interview, notes included.
    expect(exported.body.otherRecords.interview).toEqual([expect.objectContaining({ id: interview.body.id, memberId, notes: 'veut cuisiner avec sa voisine Quatremare' })]);

    // Another site's coordinator: the member does not exist.
    const other = await platform.http('GET', `/v1/sites/${site.b.id}/members/${memberId}/export`, { token: site.b.coordinator });
    expect(other.status).toBe(404);
    expect((await platform.http('GET', `/v1/sites/${site.a.id}/members/${memberId}/export`, { token: site.b.coordinator })).status).toBe(404);
  });

  it('refuses to erase an active member, erases one who left, and then the name is gone everywhere', async () => {
    const active = await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/erase`, { token: site.a.coordinator });
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('MEMBER_STILL_ACTIVE');

    const terminated = await platform.http('POST', `/v1/sites/${site.a.id}/cape-contracts/${contractId}/terminate`, {
      token: site.a.coordinator,
      body: { on: today, reason: 'embauchée chez Quatremare & fils' },
    });
    expect(terminated.status).toBe(200);
    const left = await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/leave`, { token: site.a.coordinator, body: { leftOn: today, outcome: 'employment' } });
    expect(left.status).toBe(200);
    expect((await platform.http('POST', `/v1/sites/${site.b.id}/members/${memberId}/erase`, { token: site.b.coordinator })).status).toBe(404);
    const account = { email: 'zephyrine@lacape.kpa.local', password: 'mon parcours à la cape' };
    expect((await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/account`, { token: site.a.coordinator, body: account })).status).toBe(201);
    const memberToken = (await platform.login(account.email, account.password)).accessToken;

    const erased = await platform.http('POST', `/v1/sites/${site.a.id}/members/${memberId}/erase`, { token: site.a.coordinator });
    expect(erased.status).toBe(200);
    const pseudonym = `#${memberId.replace(/-/g, '').slice(-8)}`;
    expect(erased.body).toMatchObject({ memberId, firstName: 'Membre effacé', lastName: pseudonym, contractsKept: 1 });
    expect(erased.body.outboxEventsRewritten).toBe(3); // joined, left (names) and the contract's termination (reason)

    // Reads show the pseudonym.
    const read = await platform.http('GET', `/v1/sites/${site.a.id}/members/${memberId}`, { token: site.a.coordinator });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      firstName: 'Membre effacé',
      lastName: pseudonym,
      email: null,
      phone: null,
      address: null,
      guardian: null,
      birthDate: '2001-01-01',
      priorityNeighbourhood: false,
      referredByDetail: null,
      skills: [],
      passions: [],
      leftOn: today,
      leavingOutcome: 'employment',
    });
    const list = await platform.http('GET', `/v1/sites/${site.a.id}/members?status=all`, { token: site.a.coordinator });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(memberId);
    const exported = await platform.http('GET', `/v1/sites/${site.a.id}/members/${memberId}/export`, { token: site.a.coordinator });
    expect(exported.body.capeContracts[0]).toMatchObject({ id: contractId, terminatedOn: today, terminationReason: null });
    expect(exported.body.member.erasedAt).not.toBeNull();
    const search = await platform.http('GET', `/v1/sites/${site.a.id}/members?status=all&q=Quatremare`, { token: site.a.coordinator });
    expect(search.body.items).toEqual([]);
    for (const body of [read.body, list.body, exported.body]) expect(JSON.stringify(body)).not.toMatch(/Quatremare|Zéphyrine|zephyrine/i);

    // Nothing can change an erased member any more.
    for (const [method, path, body] of [
      ['PATCH', `/v1/sites/${site.a.id}/members/${memberId}`, { firstName: 'Zéphyrine' }],
      ['POST', `/v1/sites/${site.a.id}/members/${memberId}/rejoin`, { joinedOn: today }],
      ['POST', `/v1/sites/${site.a.id}/members/${memberId}/erase`, undefined],
      ['PUT', `/v1/sites/${site.a.id}/members/${memberId}/journey`, { nextPath: 'employment' }],
      ['POST', `/v1/sites/${site.a.id}/cape-contracts/${contractId}/renew`, { endsOn: today }],
    ] as const) {
      const refused = await platform.http(method, path, { token: site.a.coordinator, body });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('MEMBER_ERASED');
    }

    // The gateway, told by the membership.member.erased event, closes the member's account.
    await eventually(async () => (await platform.http('GET', '/v1/me', { token: memberToken })).status === 401, { what: 'the erased member’s session to end' });
    expect((await platform.http('POST', '/v1/auth/login', { body: account })).status).toBe(401);
    const users = await platform.http('GET', `/v1/sites/${site.a.id}/users`, { token: site.a.coordinator });
    expect(JSON.stringify(users.body)).not.toMatch(/zephyrine/i);

    // The database of membership: the member row, the contracts and every outbox payload.
    const member = await db.query('SELECT row_to_json(m)::text AS row FROM membership.member m WHERE id = $1', [memberId]);
    expect(member.rows[0].row).not.toMatch(/Quatremare|Zéphyrine|zephyrine|Roubaix|06 11/i);
    const contracts = await db.query('SELECT termination_reason, periods FROM membership.cape_contract WHERE member_id = $1', [memberId]);
    expect(contracts.rows).toEqual([{ termination_reason: null, periods: [expect.objectContaining({ startsOn: today })] }]);
    const interviews = await db.query('SELECT notes, skills_assessment FROM membership.interview WHERE member_id = $1', [memberId]);
    expect(interviews.rows).toEqual([{ notes: null, skills_assessment: [] }]);
    const outbox = await db.query(`SELECT envelope->>'type' AS type, envelope::text AS payload FROM membership.outbox WHERE envelope->'data'->>'memberId' = $1`, [memberId]);
    expect(outbox.rows.map((r) => r.type)).toEqual(expect.arrayContaining(['membership.member.joined', 'membership.member.left', 'membership.member.erased']));
    const everything = await db.query(`SELECT count(*)::int AS n FROM membership.outbox WHERE envelope::text ~* 'Quatremare|Zéphyrine|zephyrine'`);
    expect(everything.rows[0].n).toBe(0);
    const joined = outbox.rows.find((r) => r.type === 'membership.member.joined');
    expect(JSON.parse(joined.payload).data).toMatchObject({ firstName: 'Membre effacé', lastName: pseudonym });
    const termination = outbox.rows.find((r) => r.type === 'membership.cape_contract.terminated');
    expect(JSON.parse(termination.payload).data).toMatchObject({ contractId, reason: '' });

    // The erased event is published, without the name.
    const published = await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT envelope AS e FROM membership.outbox WHERE envelope->>'type' = 'membership.member.erased' AND published_at IS NOT NULL AND envelope->'data'->>'memberId' = $1`,
          [memberId],
        );
        return rows[0]?.e;
      },
      { what: 'membership.member.erased to be published' },
    );
    expect(Object.keys(published.data).sort()).toEqual(['erasedAt', 'memberId']);

    // Commerce's copy of the member (for missions and documents) keeps only the pseudonym, and its
    // copy of the CAPE contract stays (the R127-3 mention of past documents is legal content).
    const known = await eventually(async () => (await db.query('SELECT first_name, last_name, erased FROM commerce.known_member WHERE id = $1 AND erased', [memberId])).rows[0], {
      what: 'commerce to pseudonymise its copy of the member',
    });
    expect(known).toEqual({ first_name: 'Membre effacé', last_name: pseudonym, erased: true });
    expect((await db.query('SELECT count(*)::int AS n FROM commerce.known_cape_contract WHERE member_id = $1', [memberId])).rows[0].n).toBe(1);
  });

  describe('import from a spreadsheet', () => {
    const csv = [
      "\uFEFFPrénom;Nom;Date de naissance;Situation;Orienté par;QPV;Date d'entrée;Compétences;Pointure",
      'Inès;Benali;14/05/2009;étudiant;mission locale;oui;01/09/2026;"cuisine:3; couture";38',
      'Karim;Haddad;01/01/2099;RSA;centre social;non;;;42',
      "Léa;Martin;2000-03-02;demandeur d'emploi;bouche à oreille;non;;;39",
      'Paul;Lefebvre;02/03/1999;rentier;mission locale;;;;44',
      '',
    ].join('\r\n');

    async function names(): Promise<string[]> {
      const list = await platform.http('GET', `/v1/sites/${site.a.id}/members?status=all&limit=100`, { token: site.a.coordinator });
      return list.body.items.map((m: { lastName: string }) => m.lastName).sort();
    }

    it('in a dry run reports what would be created and refused, and writes nothing', async () => {
      const before = await names();
      const outboxBefore = (await db.query('SELECT count(*)::int AS n FROM membership.outbox')).rows[0].n;
      const dry = await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.a.coordinator, body: { csv, dryRun: true } });
      expect(dry.status).toBe(200);
      expect(dry.body).toEqual({
        dryRun: true,
        created: [
          { row: 2, firstName: 'Inès', lastName: 'Benali' },
          { row: 4, firstName: 'Léa', lastName: 'Martin' },
        ],
        refused: [
          { row: 3, field: 'birthDate', column: 'Date de naissance', message: expect.stringContaining('future') },
          { row: 5, field: 'situation', column: 'Situation', message: expect.stringContaining('rentier') },
        ],
        ignoredColumns: ['Pointure'],
      });
      expect(await names()).toEqual(before);
      expect((await db.query('SELECT count(*)::int AS n FROM membership.outbox')).rows[0].n).toBe(outboxBefore);
    });

    it('creates the valid rows with their events and reports both bad rows', async () => {
      const result = await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.a.coordinator, body: { csv } });
      expect(result.status).toBe(200);
      expect(result.body.dryRun).toBe(false);
      expect(result.body.created).toEqual([
        { row: 2, memberId: expect.any(String), firstName: 'Inès', lastName: 'Benali' },
        { row: 4, memberId: expect.any(String), firstName: 'Léa', lastName: 'Martin' },
      ]);
      expect(result.body.refused.map(({ row, field }: { row: number; field: string }) => ({ row, field }))).toEqual([
        { row: 3, field: 'birthDate' },
        { row: 5, field: 'situation' },
      ]);
      const ines = await platform.http('GET', `/v1/sites/${site.a.id}/members/${result.body.created[0].memberId}`, { token: site.a.coordinator });
      expect(ines.body).toMatchObject({
        birthDate: '2009-05-14',
        situation: 'student',
        referredBy: 'mission_locale',
        priorityNeighbourhood: true,
        joinedOn: '2026-09-01',
        skills: [
          { name: 'cuisine', level: 3, wantsToLearn: false },
          { name: 'couture', level: 1, wantsToLearn: false },
        ],
      });
      const events = await db.query(
        `SELECT count(*)::int AS n FROM membership.outbox WHERE envelope->>'type' = 'membership.member.joined' AND envelope->'data'->>'memberId' = ANY($1)`,
        [result.body.created.map((c: { memberId: string }) => c.memberId)],
      );
      expect(events.rows[0].n).toBe(2);

      // Sent again, the people already created are refused: nothing is duplicated.
      const again = await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.a.coordinator, body: { csv, dryRun: true } });
      expect(again.body.created).toEqual([]);
      expect(again.body.refused.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5]);
    });

    it('refuses a file without a required column as a whole, and other roles and sites', async () => {
      const missing = await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.a.coordinator, body: { csv: 'firstName,lastName\nA,B\n' } });
      expect(missing.status).toBe(422);
      expect(missing.body.code).toBe('IMPORT_FILE_REFUSED');
      expect(missing.body.details.missingColumns).toEqual(['birthDate', 'situation', 'referredBy']);
      expect((await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.b.coordinator, body: { csv } })).status).toBe(404);
      expect((await platform.http('POST', `/v1/sites/${site.a.id}/members/import`, { token: site.a.coordinator, body: { csv: 42 } })).status).toBe(400);
    });
  });
});
