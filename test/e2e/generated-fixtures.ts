import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod, Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Logger } from '@kpa/platform';
import { PUBLIC_ROUTE } from '@kpa/platform';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { NETWORK_ADMIN_ONLY, SIGNED_IN, SITE_ROLES } from '../../apps/gateway/src/auth/auth.decorators';
import { SiteRole } from '../../apps/gateway/src/auth/roles';
import { addDays, addMonths } from '@kpa/contracts';
import { eventually } from '@kpa/testing';
import { ADMIN, aMemberFile, COORDINATOR_PASSWORD, HttpResult, Platform, registerMember, setUpRegion, siteUserToken, today, untilCommerceKnows } from './platform';

/** The rule a route declares, read from the decorators' metadata as the guard reads it. */
export type Rule = { kind: 'public' } | { kind: 'networkAdmin' } | { kind: 'signedIn' } | { kind: 'site'; roles: SiteRole[] } | { kind: 'undeclared' };

export interface Route {
  method: string;
  /** OpenAPI style: `/v1/sites/{siteId}/members`. */
  path: string;
  rule: Rule;
  controller: string;
  /** The handler takes a JSON body (@Body()). */
  takesBody: boolean;
}

function paths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? '/'];
  return list.map((p: string) => p.replace(/^\/+|\/+$/g, ''));
}

/**
 * Every route of the gateway with its declared rule: the controllers the gateway module
 * registers, their handlers (Nest's route metadata) and the decorators' metadata on handler and
 * class, handler first (Reflector.getAllAndOverride, as in AuthGuard).
 */
export function gatewayRoutes(): Route[] {
  const module = GatewayModule.register(Object.create(GatewayConfig.prototype) as GatewayConfig, {} as Logger);
  const routes: Route[] = [];
  for (const controller of (module.controllers ?? []) as Type[]) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
      const takesBody = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      const read = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
      for (const base of paths(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const sub of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
          const path = `/${[base, sub].filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
          const roles = read<SiteRole[]>(SITE_ROLES);
          const rule: Rule = read<boolean>(PUBLIC_ROUTE)
            ? { kind: 'public' }
            : read<boolean>(NETWORK_ADMIN_ONLY)
              ? { kind: 'networkAdmin' }
              : path.includes('{siteId}')
                ? roles
                  ? { kind: 'site', roles }
                  : { kind: 'undeclared' }
                : read<boolean>(SIGNED_IN)
                  ? { kind: 'signedIn' }
                  : { kind: 'undeclared' };
          routes.push({ method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod], path, rule, controller: `${controller.name}.${name}`, takesBody });
        }
      }
    }
  }
  return routes;
}

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

/** Kept here too: the generated specs take their fixtures from this file. */
export { today };

/** Parses the OpenAPI path's parameters (`/v1/sites/{siteId}/members/{memberId}`). */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/** The concrete URL of an OpenAPI path with the world's ids (a made-up uuid for an unknown parameter). */
export function concretePath(world: World, path: string, overrides: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? world.ids[name] ?? randomUUID()));
}

function created(what: string, result: HttpResult): string {
  if (result.status !== 201 && result.status !== 200 && result.status !== 202)
    throw new Error(`setting up ${what} failed: ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`);
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

  // networking: the directory's one-site route names its parameter networkSiteId (cross-site, not the guard's siteId).
  const ids: Record<string, string> = { siteId: a.id, hostStructureId: region.hostStructureId, memberId: member.memberId, userId: spareUser, networkSiteId: a.id };
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
    ['invoiceId', async () => created('an invoice', await post('/invoices', { clientId: ids.clientId, lines, supplyDate: '2026-11-02' }))],
    [
      'creditNoteId',
      async () => {
        // Credited on an invoice of its own: the matrix's invoice stays a draft.
        const invoice = created('an invoice to credit', await post('/invoices', { clientId: ids.clientId, lines, supplyDate: '2026-11-02' }));
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
    // networking: help requests, reciprocity (site A asks, site B offers; a manual entry B confirmed gives a movement; one left proposed)
    [
      'requestId',
      async () =>
        created(
          'a help request',
          await post('/help-requests', {
            title: 'Renfort cuisine',
            startsOn: day,
            endsOn: addDays(day, 30),
            place: 'Roubaix',
            peopleNeeded: 2,
            returnKind: 'reciprocity',
            visibility: 'region',
          }),
        ),
    ],
    [
      'offerId',
      async () => {
        const offered = await platform.http('POST', `/v1/network/help-requests/${ids.requestId}/offers`, {
          token: b.coordinator,
          body: { fromSiteId: b.id, people: [], hours: '4' },
        });
        if (offered.status !== 201) throw new Error(`an offer: ${offered.status} ${JSON.stringify(offered.body).slice(0, 300)}`);
        return offered.body.offers[0].id;
      },
    ],
    [
      'templateId',
      async () =>
        created(
          'a reciprocity template',
          await platform.http('POST', '/v1/network/reciprocity/templates', {
            token: region.admin,
            body: { label: 'prêt de cuisine ½ journée', kind: 'equipment_loan', hours: '4' },
          }),
        ),
    ],
    [
      'movementId',
      async () => {
        await eventually(async () => (await platform.query('SELECT 1 FROM networking.reciprocity_site WHERE id = ANY($1)', [[a.id, b.id]])).length === 2, {
          what: 'the sites known by networking',
        });
        const entry = created('a manual entry', await post('/reciprocity/entries', { otherSiteId: b.id, direction: 'gave', hours: '3', label: 'formation entre pairs' }));
        const confirmed = await platform.http('POST', `/v1/network/reciprocity/entries/${entry}/confirm`, { token: b.coordinator });
        if (confirmed.status !== 200) throw new Error(`confirming an entry: ${confirmed.status} ${JSON.stringify(confirmed.body).slice(0, 300)}`);
        return confirmed.body.movementId;
      },
    ],
    [
      'entryId',
      async () => created('a proposed entry', await post('/reciprocity/entries', { otherSiteId: b.id, direction: 'received', hours: '2', label: 'prêt de machine à coudre' })),
    ],
    // networking: equipment, launches. Site A's item, reserved by site B (A answers it on A's paths).
    [
      'equipmentId',
      async () => created('a piece of equipment', await post('/equipment', { name: 'Surjeteuse', description: 'Brother 4 fils', value: { hours: '2', per: 'loan' } })),
    ],
    [
      'reservationId',
      async () => {
        const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 48 * 3_600_000);
        return created(
          'a reservation of it by site B',
          await platform.http('POST', `/v1/sites/${b.id}/equipment-reservations`, {
            token: b.coordinator,
            body: { equipmentId: ids.equipmentId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString() },
          }),
        );
      },
    ],
  ];
  // worker: reports (a report of site A; the network's routes answer it as not found, past the guard)
  steps.push(['reportId', async () => created('a report', await post('/reports', { kind: 'activity', from: addDays(day, -30), to: day }))]);
  // networking: directory & map, stats, skill pools
  steps.push([
    'personId',
    async () =>
      created(
        'a pool person',
        await post('/pool-people', {
          firstName: 'Nadia',
          lastName: 'Lefebvre',
          role: 'intervenant',
          skills: [{ name: 'sérigraphie', level: 'expert' }],
          availability: 'available',
        }),
      ),
  ]);
  // networking: a session needs a new KPA with a mentor; site A is established, so its sessions are made up.
  const madeUp: string[] = ['objectionId', 'sessionId'];
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
