import { Controller } from '@nestjs/common';
import { NetworkStats, RPC } from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { NetworkStatsRepository } from './network-stats.repository';

/** Read-only figures: the handler reads the repository directly, there is no use case to run. */
@Controller()
export class NetworkStatsRpcController {
  constructor(private readonly stats: NetworkStatsRepository) {}

  @RpcHandler(RPC.networking.statsGet)
  figures(): Promise<NetworkStats> {
    return this.stats.figures();
  }
}
