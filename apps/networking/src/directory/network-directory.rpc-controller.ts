import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  GetNetworkProfileRequest,
  GetNetworkSiteRequest,
  ListNetworkSitesRequest,
  NetworkGeoJson,
  NetworkSiteDetail,
  NetworkSitePage,
  RPC,
  SetNetworkProfileRequest,
} from '@kpa/contracts';
import { RpcHandler } from '@kpa/platform';
import { NetworkDirectoryService } from './network-directory.service';

@Controller()
export class NetworkDirectoryRpcController {
  constructor(private readonly directory: NetworkDirectoryService) {}

  @RpcHandler(RPC.networking.directoryList)
  list(@Payload() request: ListNetworkSitesRequest): Promise<NetworkSitePage> {
    return this.directory.list(request);
  }

  @RpcHandler(RPC.networking.directoryGet)
  get(@Payload() request: GetNetworkSiteRequest): Promise<NetworkSiteDetail> {
    return this.directory.get(request);
  }

  @RpcHandler(RPC.networking.directoryGeoJson)
  geoJson(): Promise<NetworkGeoJson> {
    return this.directory.geoJson();
  }

  @RpcHandler(RPC.networking.siteProfileGet)
  profile(@Payload() request: GetNetworkProfileRequest): Promise<NetworkSiteDetail> {
    return this.directory.profile(request);
  }

  @RpcHandler(RPC.networking.siteProfileSet)
  setProfile(@Payload() request: SetNetworkProfileRequest): Promise<NetworkSiteDetail> {
    return this.directory.setProfile(request);
  }
}
