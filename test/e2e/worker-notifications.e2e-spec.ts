import { addDays } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { aMemberFile, registerMember, setUpRegion, usePlatform } from './platform';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * Notifications over the built platform: the gateway publishes the sites' users, the worker learns
 * them; a coordinator validates a member's hours (remuneration's event) and the member reads it in
 * `GET /v1/me/notifications`, in French, with an e-mail queued to their address; one turned off by
 * the member's choice is not e-mailed; another user cannot read it.
 */
describe('notifications over HTTP', () => {
  const platform = usePlatform('e2e_worker_notifications');
  let site: { id: string; coordinator: string };
  let member = '';
  let memberId = '';
  const yesterday = addDays(today(), -1);

  const mailsTo = (address: string) =>
    platform.query<{ template: string; subject: string }>(`SELECT template, subject FROM worker.outgoing_mail WHERE recipient = $1 ORDER BY queued_at`, [address]);

  beforeAll(async () => {
    const region = await setUpRegion(platform);
    site = region.sites.a;
    memberId = await registerMember(platform, site, aMemberFile('Karim', 'Haddad', '2001-02-03', addDays(today(), -30), { situation: 'student' }));
    const account = await platform.http('POST', `/v1/sites/${site.id}/members/${memberId}/account`, {
      token: site.coordinator,
      body: { email: 'karim@lacape.kpa.local', password: 'mon parcours à la cape' },
    });
    expect(account.status).toBe(201);
    member = (await platform.login('karim@lacape.kpa.local', 'mon parcours à la cape')).accessToken;
    await eventually(async () => (await platform.query('SELECT 1 FROM worker.recipient WHERE member_id = $1', [memberId])).length === 1, {
      what: "the member's account known by the worker",
    });
    await eventually(async () => (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = $1', [memberId])).length === 1, {
      what: 'the member known by remuneration',
    });
  });

  async function logAndDecide(hours: string, decision: 'validate' | 'reject'): Promise<string> {
    const logged = await platform.http('POST', `/v1/sites/${site.id}/contributions`, { token: member, body: { kind: 'contributive_day', date: yesterday, hours } });
    expect(logged.status).toBe(201);
    const decided = await platform.http('POST', `/v1/sites/${site.id}/contributions/${logged.body.id}/${decision}`, {
      token: site.coordinator,
      body: decision === 'reject' ? { reason: 'Déjà compté' } : {},
    });
    expect(decided.status).toBe(200);
    return logged.body.id;
  }

  it('the member reads that their hours were validated, in the app and by e-mail; marks it read', async () => {
    const contributionId = await logAndDecide('7.5', 'validate');
    const page = await eventually(
      async () => {
        const response = await platform.http('GET', '/v1/me/notifications', { token: member });
        return response.body.items?.length === 1 ? response : undefined;
      },
      { what: "the member's notification" },
    );
    expect(page.status).toBe(200);
    expect(page.body.unread).toBe(1);
    expect(page.body.items[0]).toMatchObject({
      kind: 'contribution_decided',
      siteId: site.id,
      title: expect.stringMatching(/^Vos heures du .* sont validées$/),
      body: expect.stringContaining('Vos 7,5\u00a0h du'),
      link: `/v1/sites/${site.id}/contributions/${contributionId}`,
      readAt: null,
    });
    await eventually(async () => (await mailsTo('karim@lacape.kpa.local')).length === 1, { what: 'the e-mail queued' });
    expect((await mailsTo('karim@lacape.kpa.local'))[0]).toMatchObject({ template: 'notification.contribution_decided' });

    // The coordinator cannot read it: not theirs.
    const notificationId = page.body.items[0].id;
    expect((await platform.http('POST', `/v1/me/notifications/${notificationId}/read`, { token: site.coordinator })).status).toBe(404);
    const read = await platform.http('POST', `/v1/me/notifications/${notificationId}/read`, { token: member });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await platform.http('GET', '/v1/me/notifications?unread=true', { token: member })).body).toMatchObject({ items: [], unread: 0 });
  });

  it('a member who turned that e-mail off still reads the notice in the app, and gets no e-mail', async () => {
    const bad = await platform.http('PUT', '/v1/me/notification-preferences', { token: member, body: { emailOff: ['newsletter'], digestHour: 8, language: 'fr' } });
    expect(bad.status).toBe(400);
    expect((await platform.http('PUT', '/v1/me/notification-preferences', { token: member, body: { emailOff: [], digestHour: 24, language: 'fr' } })).status).toBe(400);
    const set = await platform.http('PUT', '/v1/me/notification-preferences', { token: member, body: { emailOff: ['contribution_decided'], digestHour: 7, language: 'fr' } });
    expect(set.status).toBe(200);
    expect((await platform.http('GET', '/v1/me/notification-preferences', { token: member })).body).toEqual({ emailOff: ['contribution_decided'], digestHour: 7, language: 'fr' });

    await logAndDecide('2', 'reject');
    const page = await eventually(
      async () => {
        const response = await platform.http('GET', '/v1/me/notifications?unread=true', { token: member });
        return response.body.items?.length === 1 ? response : undefined;
      },
      { what: 'the rejection notice' },
    );
    expect(page.body.items[0].body).toContain('Raison : Déjà compté');
    expect(await mailsTo('karim@lacape.kpa.local')).toHaveLength(1);
    expect((await platform.http('POST', '/v1/me/notifications/read-all', { token: member })).body).toEqual({ read: 1 });
  });
});
