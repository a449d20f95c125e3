import { Client } from 'pg';
import { addDays, addMonths } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { setUpRegion, usePlatform } from './platform';

/**
 * CAPE contracts over HTTP (C. com. L127-1 ff.): a 17-year-old's contract is refused without
 * guardian consent and accepted with it; renewals and their limits; termination; other sites
 * see nothing; each change is published as an event.
 */
describe('CAPE contracts over HTTP', () => {
  const platform = usePlatform('e2e_cape');
  let coordinator: string;
  let siteId: string;
  let otherCoordinator: string;
  const today = todayInFrance();

  async function register(birthDate: string) {
    const created = await platform.http('POST', `/v1/sites/${siteId}/members`, {
      token: coordinator,
      body: { firstName: 'Inès', lastName: 'Benali', birthDate, situation: 'student', referredBy: 'mission_locale' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    const { sites } = await setUpRegion(platform);
    siteId = sites.a.id;
    coordinator = sites.a.coordinator;
    otherCoordinator = sites.b.coordinator;
  });

  it("refuses a 17-year-old's contract without guardian consent, accepts it once recorded", async () => {
    const seventeen = addMonths(today, -17 * 12);
    const memberId = await register(seventeen);
    const contract = { startsOn: today, endsOn: addDays(addMonths(today, 6), -1), activity: 'cuisine du monde' };

    const refused = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/cape-contracts`, { token: coordinator, body: contract });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CAPE_GUARDIAN_CONSENT_MISSING');

    await platform.http('PATCH', `/v1/sites/${siteId}/members/${memberId}`, {
      token: coordinator,
      body: { guardian: { name: 'Nadia Benali', relationship: 'mère', consentedOn: today } },
    });
    const signed = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/cape-contracts`, { token: coordinator, body: contract });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ memberId, startsOn: contract.startsOn, endsOn: contract.endsOn, renewals: 0, status: 'active' });

    const second = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/cape-contracts`, { token: coordinator, body: contract });
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('CAPE_ALREADY_ACTIVE');
  });

  it('refuses a member younger than the minimum age and a period over 12 months, naming the rule', async () => {
    const fifteen = await register(addMonths(today, -15 * 12));
    const young = await platform.http('POST', `/v1/sites/${siteId}/members/${fifteen}/cape-contracts`, {
      token: coordinator,
      body: { startsOn: today, endsOn: addMonths(today, 3), activity: 'jardinage' },
    });
    expect(young.status).toBe(422);
    expect(young.body.code).toBe('CAPE_MEMBER_TOO_YOUNG');

    const adult = await register('1998-03-02');
    const tooLong = await platform.http('POST', `/v1/sites/${siteId}/members/${adult}/cape-contracts`, {
      token: coordinator,
      body: { startsOn: today, endsOn: addMonths(today, 12), activity: 'jardinage' },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('CAPE_PERIOD_TOO_LONG');
  });

  it('renews twice at most, then terminates; events follow each change', async () => {
    const memberId = await register('1995-07-14');
    const firstEnd = addDays(addMonths(today, 12), -1);
    const signed = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/cape-contracts`, {
      token: coordinator,
      body: { startsOn: today, endsOn: firstEnd, activity: 'conciergerie de quartier' },
    });
    const contractId = signed.body.id;
    let end = firstEnd;
    for (const renewals of [1, 2]) {
      const newEnd = addDays(addMonths(addDays(end, 1), 12), -1);
      const renewed = await platform.http('POST', `/v1/sites/${siteId}/cape-contracts/${contractId}/renew`, { token: coordinator, body: { endsOn: newEnd } });
      expect(renewed.status).toBe(200);
      expect(renewed.body).toMatchObject({ renewals, endsOn: newEnd });
      end = newEnd;
    }
    const third = await platform.http('POST', `/v1/sites/${siteId}/cape-contracts/${contractId}/renew`, { token: coordinator, body: { endsOn: addMonths(end, 3) } });
    expect(third.status).toBe(422);
    expect(third.body.code).toBe('CAPE_TOO_MANY_RENEWALS');

    const terminated = await platform.http('POST', `/v1/sites/${siteId}/cape-contracts/${contractId}/terminate`, {
      token: coordinator,
      body: { on: today, reason: 'a trouvé un CDI' },
    });
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({ status: 'terminated', terminatedOn: today, endsOn: today });
    const again = await platform.http('POST', `/v1/sites/${siteId}/cape-contracts/${contractId}/terminate`, { token: coordinator, body: { on: today, reason: 'encore' } });
    expect(again.status).toBe(409);

    const db = new Client({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      const types = await eventually(
        async () => {
          const { rows } = await db.query(
            `SELECT envelope->>'type' AS type FROM membership.outbox WHERE envelope->'data'->>'contractId' = $1 AND published_at IS NOT NULL ORDER BY created_at`,
            [contractId],
          );
          return rows.length === 4 ? rows.map((r) => r.type) : undefined;
        },
        { what: 'the four contract events to be published' },
      );
      expect(types).toEqual(['membership.cape_contract.signed', 'membership.cape_contract.renewed', 'membership.cape_contract.renewed', 'membership.cape_contract.terminated']);
    } finally {
      await db.end();
    }
  });

  it("lists a site's contracts; another site's coordinator gets 404 on them", async () => {
    const list = await platform.http('GET', `/v1/sites/${siteId}/cape-contracts`, { token: coordinator });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const active = await platform.http('GET', `/v1/sites/${siteId}/cape-contracts?status=active`, { token: coordinator });
    expect(active.body.items).toHaveLength(1);
    const contractId = list.body.items[0].id;
    expect((await platform.http('GET', `/v1/sites/${siteId}/cape-contracts`, { token: otherCoordinator })).status).toBe(404);
    expect((await platform.http('POST', `/v1/sites/${siteId}/cape-contracts/${contractId}/renew`, { token: otherCoordinator, body: { endsOn: today } })).status).toBe(404);
  });
});
