import { Injectable } from '@nestjs/common';
import { CapeContract, MemberFile, Page, RPC } from '@kpa/contracts';
import { RequestContext, RpcClient } from '@kpa/platform';
import { DigestSources } from './digest';

/** What the services say about a site for its digest: everything but the worker's own dunning drafts. */
export type SiteDigestSources = Omit<DigestSources, 'dunningDrafts'>;

/**
 * Where a digest's items come from: the services, by RPC (the worker never reads their tables). An
 * interface so the integration test gives a site's sources from memory while Postgres and Redis stay real.
 */
export interface DigestSourcesReader {
  /** One site's sources as of today; throws when a service does not answer (the site waits for the next sweep). */
  ofSite(siteId: string): Promise<SiteDigestSources>;
}

export const DIGEST_SOURCES = Symbol('DIGEST_SOURCES');

/** The worker reads as the system, acting as a coordinator of the site (it tells the site's coordinators). */
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';
const PAGE = 100;
/** A site has tens of members and contracts; a few pages at most. */
const MAX_PAGES = 50;

async function all<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

@Injectable()
export class RpcDigestSources implements DigestSourcesReader {
  constructor(private readonly rpc: RpcClient) {}

  ofSite(siteId: string): Promise<SiteDigestSources> {
    return RequestContext.forSite(siteId, async () => {
      const [site, board, members, active, upcoming, contributions, objections, helpRequests] = await Promise.all([
        this.rpc.call(RPC.membership.siteGet, { siteId }),
        this.rpc.call(RPC.membership.followUpBoard, { siteId }),
        all((cursor) => this.rpc.call(RPC.membership.memberList, { siteId, view: 'file', status: 'active', limit: PAGE, ...(cursor ? { cursor } : {}) })),
        all((cursor) => this.rpc.call(RPC.membership.capeList, { siteId, status: 'active', limit: PAGE, ...(cursor ? { cursor } : {}) })),
        all((cursor) => this.rpc.call(RPC.membership.capeList, { siteId, status: 'upcoming', limit: PAGE, ...(cursor ? { cursor } : {}) })),
        all((cursor) => this.rpc.call(RPC.remuneration.contributionList, { siteId, status: 'submitted', limit: PAGE, ...(cursor ? { cursor } : {}) })),
        this.openObjections(siteId),
        this.helpRequests(siteId),
      ]);
      const contract = (c: CapeContract) => ({ memberId: c.memberId, endsOn: c.endsOn, status: c.status as 'active' | 'upcoming' });
      return {
        siteName: site.name,
        board: board.items,
        members: (members as MemberFile[]).map((m) => ({ memberId: m.id, firstName: m.firstName, lastName: m.lastName, birthDate: m.birthDate })),
        capeContracts: [...active, ...upcoming].map(contract),
        contributionsToValidate: contributions.map((c) => ({ id: c.id, memberName: c.memberName, date: c.date, hours: c.hours })),
        openObjections: objections,
        helpRequests,
      };
    });
  }

  /** Objections are raised on a closed period (before its approval): the open ones of each. */
  private async openObjections(siteId: string): Promise<SiteDigestSources['openObjections']> {
    const closed = await all((cursor) => this.rpc.call(RPC.remuneration.periodList, { siteId, status: 'closed', limit: PAGE, ...(cursor ? { cursor } : {}) }));
    const actor = { userId: SYSTEM_USER, role: 'coordinator' as const, memberId: null };
    const lists = await Promise.all(closed.map((period) => this.rpc.call(RPC.remuneration.objectionList, { siteId, periodId: period.id, actor })));
    return lists.flatMap((list) => list.items.filter((o) => o.status === 'open').map((o) => ({ id: o.id, periodId: o.periodId, name: o.name })));
  }

  /**
   * Help requests of other sites that this site sees and may still offer on (`open`, or `offers` from
   * others): those it already offered on are its coordinators' own business, not news.
   */
  private async helpRequests(siteId: string): Promise<SiteDigestSources['helpRequests']> {
    const actor = { userId: SYSTEM_USER, networkAdmin: false, siteIds: [siteId], coordinatorOf: [siteId] };
    const lists = await Promise.all(
      (['open', 'offers'] as const).map((status) => all((cursor) => this.rpc.call(RPC.networking.helpRequestList, { actor, status, limit: PAGE, ...(cursor ? { cursor } : {}) }))),
    );
    return lists
      .flat()
      .filter((r) => r.siteId !== siteId && !r.offers.some((offer) => offer.fromSiteId === siteId))
      .map((r) => ({ id: r.id, siteName: r.siteName, title: r.title, startsOn: r.startsOn }));
  }
}
