import { Client } from 'pg';
import { addDays, addMonths } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { eventually } from '@kpa/testing';
import { setUpRegion, usePlatform } from './platform';

/**
 * Interviews and the follow-up board over HTTP: a coordinator schedules and holds interviews (the
 * event carries no notes); private notes reach coordinators only; members see their own non-private
 * interviews and nobody else's; accountants none; another site gets 404; the board lists who needs
 * attention and why.
 */
describe('interviews and follow-up over HTTP', () => {
  const platform = usePlatform('e2e_interviews');
  let coordinator: string;
  let siteId: string;
  let otherCoordinator: string;
  const today = todayInFrance();
  const password = 'coordonner la cape ensemble';
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  async function register(firstName: string, birthDate: string, joinedOn = today) {
    const created = await platform.http('POST', `/v1/sites/${siteId}/members`, {
      token: coordinator,
      body: { firstName, lastName: 'Benali', birthDate, joinedOn, situation: 'student', referredBy: 'mission_locale' },
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

  let memberId: string;
  let heldId: string;

  it('a coordinator schedules an interview and holds it; the rules name what to fix', async () => {
    memberId = await register('Inès', '1998-03-02');
    const scheduled = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, {
      token: coordinator,
      body: { kind: 'first', scheduledAt: minutesAgo(60) },
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({ memberId, siteId, kind: 'first', status: 'scheduled', heldAt: null, conductedBy: 'Coordination LACAPE', private: false });
    heldId = scheduled.body.id;

    const noHeldAt = await platform.http('PATCH', `/v1/sites/${siteId}/interviews/${heldId}`, { token: coordinator, body: { status: 'held' } });
    expect(noHeldAt.status).toBe(422);
    expect(noHeldAt.body).toMatchObject({ code: 'INTERVIEW_TRANSITION_REFUSED', details: { field: 'heldAt' } });

    const heldAt = minutesAgo(55);
    const held = await platform.http('PATCH', `/v1/sites/${siteId}/interviews/${heldId}`, {
      token: coordinator,
      body: { status: 'held', heldAt, notes: 'Veut tester la vente de plats.', skillsAssessment: [{ name: 'cuisine', level: 3 }] },
    });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', heldAt, notes: 'Veut tester la vente de plats.', skillsAssessment: [{ name: 'cuisine', level: 3 }] });

    const undo = await platform.http('PATCH', `/v1/sites/${siteId}/interviews/${heldId}`, { token: coordinator, body: { status: 'cancelled' } });
    expect(undo.status).toBe(422);
    expect(undo.body.code).toBe('INTERVIEW_TRANSITION_REFUSED');

    const secondFirst = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, {
      token: coordinator,
      body: { kind: 'first', scheduledAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(secondFirst.status).toBe(422);
    expect(secondFirst.body.code).toBe('INTERVIEW_FIRST_ALREADY_EXISTS');

    const recorded = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, {
      token: coordinator,
      body: { kind: 'follow_up', scheduledAt: minutesAgo(30), status: 'held', heldAt: minutesAgo(30), conductedBy: 'Camille Durand' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'held', conductedBy: 'Camille Durand' });

    const invalid = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, {
      token: coordinator,
      body: { kind: 'coffee', scheduledAt: '2026-12-03' },
    });
    expect(invalid.status).toBe(400);

    const db = new Client({ connectionString: platform.env.databaseUrl });
    await db.connect();
    try {
      const events = await eventually(
        async () => {
          const { rows } = await db.query(
            `SELECT envelope FROM membership.outbox WHERE envelope->>'type' = 'membership.interview.held' AND published_at IS NOT NULL ORDER BY created_at`,
          );
          return rows.length === 2 ? rows.map((r) => r.envelope) : undefined;
        },
        { what: 'the two interview.held events to be published' },
      );
      expect(events[0].data).toEqual({ interviewId: heldId, memberId, kind: 'first', heldAt });
      expect(JSON.stringify(events)).not.toContain('plats');
    } finally {
      await db.end();
    }
    // The site's figures count the two interviews held (on the days they were held).
    const days = [heldAt.slice(0, 10), new Date().toISOString().slice(0, 10)].sort();
    const figures = await platform.http('GET', `/v1/sites/${siteId}/stats?from=${days[0]}&to=2099-12-31`, { token: coordinator });
    expect(figures.body.interviewsHeld).toBe(2);
  });

  it('private notes reach coordinators only; a member sees their own non-private interviews, nobody else’s; accountants none', async () => {
    const secret = await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, {
      token: coordinator,
      body: { kind: 'follow_up', scheduledAt: minutesAgo(10), private: true, notes: 'Difficultés familiales, à suivre.' },
    });
    expect(secret.status).toBe(201);
    const all = await platform.http('GET', `/v1/sites/${siteId}/members/${memberId}/interviews`, { token: coordinator });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items.find((i: { id: string }) => i.id === secret.body.id)).toMatchObject({ private: true, notes: 'Difficultés familiales, à suivre.' });

    await platform.http('POST', `/v1/sites/${siteId}/members/${memberId}/account`, {
      token: coordinator,
      body: { email: 'ines@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    const ines = (await platform.login('ines@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    const own = await platform.http('GET', `/v1/sites/${siteId}/members/${memberId}/interviews`, { token: ines });
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(2);
    expect(JSON.stringify(own.body)).not.toContain('Difficultés');

    const karimId = await register('Karim', '2000-01-01');
    await platform.http('POST', `/v1/sites/${siteId}/members/${karimId}/account`, {
      token: coordinator,
      body: { email: 'karim@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    const karim = (await platform.login('karim@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    const notHis = await platform.http('GET', `/v1/sites/${siteId}/members/${memberId}/interviews`, { token: karim });
    expect(notHis.status).toBe(404);
    expect((await platform.http('PATCH', `/v1/sites/${siteId}/interviews/${heldId}`, { token: ines, body: { notes: 'x' } })).status).toBe(403);

    await platform.http('POST', `/v1/sites/${siteId}/users`, {
      token: coordinator,
      body: { email: 'compta@lacape.kpa.local', displayName: 'Compta', role: 'accountant', password },
    });
    const accountant = (await platform.login('compta@lacape.kpa.local', password)).accessToken;
    expect((await platform.http('GET', `/v1/sites/${siteId}/members/${memberId}/interviews`, { token: accountant })).status).toBe(403);
    expect((await platform.http('GET', `/v1/sites/${siteId}/follow-up`, { token: accountant })).status).toBe(403);
  });

  it("coordinator of another site gets 404 on this site's interviews and board", async () => {
    for (const [method, path, body] of [
      ['GET', `/v1/sites/${siteId}/members/${memberId}/interviews`, undefined],
      ['POST', `/v1/sites/${siteId}/members/${memberId}/interviews`, { kind: 'monthly', scheduledAt: minutesAgo(0) }],
      ['PATCH', `/v1/sites/${siteId}/interviews/${heldId}`, { notes: 'x' }],
      ['GET', `/v1/sites/${siteId}/follow-up`, undefined],
    ] as const) {
      const answer = await platform.http(method, path, { token: otherCoordinator, body });
      expect(answer.status).toBe(404);
    }
  });

  it('the follow-up board lists an overdue interview and a minor without guardian, and leaves out who is in order', async () => {
    const longAgo = await register('Sami', '1990-05-05', addDays(today, -100));
    const minor = await register('Lina', addDays(addMonths(today, -17 * 12), -3));
    const board = await platform.http('GET', `/v1/sites/${siteId}/follow-up`, { token: coordinator });
    expect(board.status).toBe(200);
    const byId = new Map(board.body.items.map((item: { memberId: string }) => [item.memberId, item]));
    expect(byId.get(longAgo)).toMatchObject({
      firstName: 'Sami',
      stage: 'exploration',
      attention: expect.arrayContaining([
        expect.objectContaining({ code: 'no_first_interview', dueOn: addDays(today, -86) }),
        expect.objectContaining({ code: 'interview_overdue', dueOn: addDays(today, -40) }),
      ]),
    });
    expect(byId.get(minor)).toMatchObject({ firstName: 'Lina', attention: [expect.objectContaining({ code: 'minor_without_guardian' })] });
    // Inès joined today and had her first interview: nothing to flag.
    expect(byId.has(memberId)).toBe(false);
  });
});
