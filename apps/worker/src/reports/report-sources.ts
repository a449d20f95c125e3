import { Injectable } from '@nestjs/common';
import { CommerceActivityFigures, Figures, RemunerationActivityFigures, ReportScope, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';

/**
 * Where a report's figures come from: the services, by RPC (the worker never reads their tables).
 * An interface so the generator's crash-and-retry test can make one run fail midway.
 */
export interface ReportSources {
  /** Who the report is about, as its heading says it ("Région", "Site : …", "Structure porteuse : …"). */
  scopeLabel(scope: ReportScope): Promise<string>;
  /** The sites of a host structure. */
  sitesOfHost(hostStructureId: string): Promise<string[]>;
  /** One site's figures (unsuppressed), or the region's when siteId is undefined (membership hides small counts). */
  people(siteId: string | undefined, from: string, to: string): Promise<Figures>;
  commerce(siteIds: string[] | undefined, from: string, to: string): Promise<CommerceActivityFigures>;
  remuneration(siteIds: string[] | undefined, from: string, to: string): Promise<RemunerationActivityFigures>;
}

export const REPORT_SOURCES = Symbol('REPORT_SOURCES');

/** Figures are aggregates: a region over 100,000 invoices answers in well under this. */
const FIGURES_TIMEOUT_MS = 30_000;

@Injectable()
export class RpcReportSources implements ReportSources {
  constructor(private readonly rpc: RpcClient) {}

  async scopeLabel(scope: ReportScope): Promise<string> {
    if (scope.type === 'region') return 'Région';
    if (scope.type === 'site') return `Site : ${(await this.rpc.call(RPC.membership.siteGet, { siteId: scope.siteId })).name}`;
    return `Structure porteuse : ${(await this.rpc.call(RPC.membership.hostStructureGet, { hostStructureId: scope.hostStructureId })).legalName}`;
  }

  async sitesOfHost(hostStructureId: string): Promise<string[]> {
    const sites: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.rpc.call(RPC.membership.siteList, { limit: 100, ...(cursor ? { cursor } : {}) });
      sites.push(...page.items.filter((site) => site.hostStructureId === hostStructureId).map((site) => site.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return sites;
  }

  people(siteId: string | undefined, from: string, to: string): Promise<Figures> {
    return this.rpc.call(RPC.membership.statsFigures, { ...(siteId ? { siteId } : {}), from, to }, FIGURES_TIMEOUT_MS);
  }

  commerce(siteIds: string[] | undefined, from: string, to: string): Promise<CommerceActivityFigures> {
    return this.rpc.call(RPC.commerce.activityFigures, { ...(siteIds ? { siteIds } : {}), from, to }, FIGURES_TIMEOUT_MS);
  }

  remuneration(siteIds: string[] | undefined, from: string, to: string): Promise<RemunerationActivityFigures> {
    return this.rpc.call(RPC.remuneration.activityFigures, { ...(siteIds ? { siteIds } : {}), from, to }, FIGURES_TIMEOUT_MS);
  }
}
