import { randomUUID } from 'node:crypto';
import { addDays, addMonths } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { ADMIN, aMemberFile, COORDINATOR_PASSWORD, HttpResult, Platform, registerMember, setUpRegion, siteUserToken, untilCommerceKnows } from './platform';

/** The callers of the generated suites: every kind of user the gateway knows, and nobody. */
export const CALLERS = ['anonymous', 'networkAdmin', 'coordinator', 'otherCoordinator', 'member', 'otherMember', 'accountant'] as const;
export type Caller = (typeof CALLERS)[number];

/** A region with one real object of site A behind every path parameter of the API, and a token per caller. */
export interface World {
  siteId: string;
  otherSiteId: string;
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
  /** Their e-mails, to log in again (the password is COORDINATOR_PASSWORD, the admin's ADMIN.password). */
  emails: Record<Exclude<Caller, 'anonymous'>, string>;
  /** Path parameter name → a real id of site A (the member's own file for `memberId`). */
  ids: Record<string, string>;
  /** Parameters for which no real object could be made: the requests use a made-up id there. */
  madeUp: string[];
}

export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Parses the OpenAPI path's parameters (`/v1/sites/{siteId}/members/{memberId}`). */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/** The concrete URL of an OpenAPI path with the world's ids (a made-up uuid for an unknown parameter). */
export function concretePath(world: World, path: string, overrides: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? world.ids[name] ?? randomUUID()));
}

function created(what: string, result: HttpResult): string {
  if (result.status !== 201 && result.status !== 200) throw new Error(`setting up ${what} failed: ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`);
  return result.body.id;
}

/**
 * Builds the world both generated suites run against: two sites, a member with an account on
 * each, an accountant, and on site A one object of every kind the routes take by id. Objects that
 * need a long story (an objection needs a closed period) get a made-up id, listed in `madeUp`.
 */
export async function setUpWorld(platform: Platform): Promise<World> {
  const region = await setUpRegion(platform);
  const { a, b } = region.sites;
  const day = today();
  const post = (path: string, body: unknown, token = a.coordinator) => platform.http('POST', `/v1/sites/${a.id}${path}`, { token, body });

  // Invoices are issued only once the host structure's legal identity is complete.
  await platform.http('PATCH', `/v1/host-structures/${region.hostStructureId}`, {
    token: region.admin,
    body: { legalForm: 'SCOP SARL à capital variable', shareCapital: '15000.00', rcsCity: 'Lille', addressLine: '12 rue de la Paix', postalCode: '59000' },
  });

  const memberWithAccount = async (site: typeof a, firstName: string): Promise<{ memberId: string; token: string; email: string }> => {
    const memberId = await registerMember(platform, site, aMemberFile(firstName, 'Benali', '1995-04-12', addDays(day, -40)));
    const email = `${firstName.toLowerCase()}.${site.code.toLowerCase()}@generated.kpa.local`;
    created(
      `the account of ${firstName}`,
      await platform.http('POST', `/v1/sites/${site.id}/members/${memberId}/account`, { token: site.coordinator, body: { email, password: COORDINATOR_PASSWORD } }),
    );
    return { memberId, email, token: (await platform.login(email, COORDINATOR_PASSWORD)).accessToken };
  };
  const member = await memberWithAccount(a, 'Ines');
  const otherMember = await memberWithAccount(b, 'Karim');
  const accountant = await siteUserToken(platform, a, 'accountant');
  // A user nobody logs in as: the one DELETE …/users/{userId} may remove.
  const spareUser = created('a spare user', await post('/users', { email: 'spare@generated.kpa.local', displayName: 'Spare', role: 'accountant', password: COORDINATOR_PASSWORD }));

  await untilCommerceKnows(platform, [a.id, b.id]);
  await eventually(async () => (await platform.query("SELECT 1 FROM commerce.seller_host_structure WHERE identity->>'legalForm' IS NOT NULL")).length === 1, {
    what: "the host structure's legal form known by commerce",
  });
  await eventually(async () => (await platform.query('SELECT 1 FROM commerce.known_member WHERE id = $1', [member.memberId])).length === 1, {
    what: 'the member known by commerce',
  });
  await eventually(async () => (await platform.query('SELECT 1 FROM remuneration.known_member WHERE id = $1', [member.memberId])).length === 1, {
    what: 'the member known by remuneration',
  });

  const ids: Record<string, string> = { siteId: a.id, hostStructureId: region.hostStructureId, memberId: member.memberId, userId: spareUser };
  const lines = [{ description: 'Couture', quantity: '2', unit: 'hour', unitPrice: '25', vatRate: '20' }];
  const steps: Array<[string, () => Promise<string>]> = [
    [
      'contractId',
      async () =>
        created('a CAPE contract', await post(`/members/${member.memberId}/cape-contracts`, { startsOn: day, endsOn: addDays(addMonths(day, 6), -1), activity: 'couture' })),
    ],
    [
      'interviewId',
      async () => created('an interview', await post(`/members/${member.memberId}/interviews`, { kind: 'first', scheduledAt: new Date(Date.now() - 3_600_000).toISOString() })),
    ],
    [
      'clientId',
      async () =>
        created(
          'a client',
          await post('/clients', {
            kind: 'company',
            name: 'Boulangerie du Pile',
            billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
            siret: '120 027 016 00357',
          }),
        ),
    ],
    ['itemId', async () => created('a catalogue item', await post('/catalogue-items', { label: 'Repassage', unit: 'hour', unitPrice: '18', vatRate: '20' }))],
    ['quoteId', async () => created('a quote', await post('/quotes', { clientId: ids.clientId, lines, validUntil: '2099-12-31' }))],
    [
      'missionId',
      async () => created('a mission', await post('/missions', { title: 'Buffet', activityPole: 'restauration', startsOn: day, endsOn: day, place: 'Roubaix', peopleNeeded: 2 })),
    ],
    ['invoiceId', async () => created('an invoice', await post('/invoices', { clientId: ids.clientId, lines }))],
    [
      'creditNoteId',
      async () => {
        // Credited on an invoice of its own: the matrix's invoice stays a draft.
        const invoice = created('an invoice to credit', await post('/invoices', { clientId: ids.clientId, lines }));
        created('its issue', await post(`/invoices/${invoice}/issue`, {}));
        return created('a credit note', await post(`/invoices/${invoice}/credit-notes`, { full: true, reason: 'Annulation' }));
      },
    ],
    // The member's own expense: a member may change only theirs.
    [
      'expenseId',
      async () =>
        created(
          'an expense',
          await post('/expenses', { paidByMemberId: member.memberId, spentOn: day, description: 'Nappes', amount: '24.00', vat: '4.00', category: 'supplies' }, member.token),
        ),
    ],
    [
      'contributionId',
      async () => created('a contribution', await post('/contributions', { kind: 'contributive_day', date: day, hours: '3.5', note: 'Inventaire' }, member.token)),
    ],
    [
      'periodId',
      async () => {
        const periods = await platform.http('GET', `/v1/sites/${a.id}/periods`, { token: a.coordinator });
        const current = (periods.body?.items ?? []).find((p: { startsOn: string; endsOn: string }) => p.startsOn <= day && day <= p.endsOn);
        if (!current) throw new Error(`no current period: ${periods.status} ${JSON.stringify(periods.body).slice(0, 300)}`);
        return current.id;
      },
    ],
  ];
  const madeUp: string[] = ['objectionId'];
  for (const [name, make] of steps) {
    try {
      ids[name] = await make();
    } catch (error) {
      process.stderr.write(`generated suites: ${(error as Error).message}; a made-up ${name} is used\n`);
      madeUp.push(name);
    }
  }
  return {
    siteId: a.id,
    otherSiteId: b.id,
    tokens: { networkAdmin: region.admin, coordinator: a.coordinator, otherCoordinator: b.coordinator, member: member.token, otherMember: otherMember.token, accountant },
    emails: {
      networkAdmin: ADMIN.email,
      coordinator: a.coordinatorEmail,
      otherCoordinator: b.coordinatorEmail,
      member: member.email,
      otherMember: otherMember.email,
      accountant: `accountant.${a.id}@kpa.local`,
    },
    ids,
    madeUp,
  };
}
