import { Inject, Injectable } from '@nestjs/common';
import { RPC } from '@kpa/contracts';
import { LOGGER, Logger, RequestContext, RpcClient } from '@kpa/platform';

const TTL_MS = 10 * 60 * 1000;

/** Sites' names for the From header, from membership (its RPC), kept ten minutes. */
@Injectable()
export class SiteNames {
  private readonly cache = new Map<string, { name: string; until: number }>();

  constructor(
    private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The site's name, or null (then the region's name is used) when membership does not answer. */
  async nameOf(siteId: string): Promise<string | null> {
    const cached = this.cache.get(siteId);
    if (cached && cached.until > Date.now()) return cached.name;
    try {
      const site = await RequestContext.forSite(siteId, () => this.rpc.call(RPC.membership.siteGet, { siteId }));
      this.cache.set(siteId, { name: site.name, until: Date.now() + TTL_MS });
      return site.name;
    } catch (error) {
      this.logger.warn({ siteId, error: (error as Error).message }, 'site name unavailable: the message goes out under the region’s name');
      return null;
    }
  }
}
